package dev.pippa.application.port.out;

/** Counts tokens the way the chat model does (a real tokenizer, not characters / 4). */
public interface TokenCounter {

    int count(String text);

    /** What one message adds besides its content (the chat format's role and separators). */
    default int perMessageOverhead() {
        return 4;
    }
}

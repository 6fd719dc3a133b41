package dev.pippa.application.port.out;

import dev.pippa.domain.Message;
import java.util.List;

/** Condenses a conversation into a short text. May be slow or remote: it only ever runs in a job. */
public interface Summarizer {

    /**
     * @param messages the whole conversation, oldest first (never empty)
     * @throws RuntimeException when it cannot: the job is retried, then marked failed with the message
     */
    String summarize(List<Message> messages);
}

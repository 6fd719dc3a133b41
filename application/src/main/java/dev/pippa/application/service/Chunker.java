package dev.pippa.application.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a document's text into overlapping chunks for retrieval: about {@link #WORDS} words each (a word
 * stands in for a token: MiniLM reads at most 256 tokens, and 200 English words are about 260), whole
 * paragraphs kept together where they fit, each chunk repeating the last {@link #OVERLAP} words of the one
 * before so an answer that straddles a boundary is found whole in one of them.
 */
final class Chunker {

    static final int WORDS = 200;
    static final int OVERLAP = 40;

    List<String> chunks(String text) {
        List<String> chunks = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String paragraph : text.split("\\n\\s*\\n")) {
            List<String> words = Arrays.stream(paragraph.strip().split("\\s+")).filter(word -> !word.isEmpty()).toList();
            if (!current.isEmpty() && current.size() + words.size() > WORDS) {
                current = flush(chunks, current);
            }
            for (String word : words) {
                if (current.size() == WORDS) {
                    current = flush(chunks, current);
                }
                current.add(word);
            }
        }
        if (chunks.isEmpty() || current.size() > OVERLAP) {
            chunks.add(String.join(" ", current));
        }
        return chunks.stream().filter(chunk -> !chunk.isBlank()).toList();
    }

    /** Ends the chunk being built; the next starts with its last words. */
    private static List<String> flush(List<String> chunks, List<String> current) {
        chunks.add(String.join(" ", current));
        return new ArrayList<>(current.subList(Math.max(0, current.size() - OVERLAP), current.size()));
    }
}

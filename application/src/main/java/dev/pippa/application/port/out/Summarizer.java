package dev.pippa.application.port.out;

import dev.pippa.domain.Message;
import java.util.List;
import java.util.Optional;

/**
 * Condenses a conversation into a short text, a part at a time: each call folds the messages that came
 * after the current summary into it, so the work grows with what is new, not with the whole conversation.
 * May be slow or remote: it only ever runs in a job.
 */
public interface Summarizer {

    /**
     * @param current  the summary of everything before {@code messages}, if there is one yet; the result
     *                 replaces it, so it carries forward what still matters
     * @param messages the messages since then, oldest first (never empty)
     * @throws RuntimeException when it cannot: the job is retried, then marked failed with the message
     */
    String summarize(Optional<String> current, List<Message> messages);
}

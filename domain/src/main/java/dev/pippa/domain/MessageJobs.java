package dev.pippa.domain;

import java.util.List;

/**
 * Which jobs a new message causes. The store writes them in the same transaction as the message
 * (an outbox), so a crash can never keep one without the other.
 */
@FunctionalInterface
public interface MessageJobs {

    MessageJobs NONE = (message, conversation) -> List.of();

    /** @param conversation the conversation with the message counted in */
    List<NewJob> jobsFor(Message message, Conversation conversation);
}

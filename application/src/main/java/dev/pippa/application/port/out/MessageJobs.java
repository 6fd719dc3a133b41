package dev.pippa.application.port.out;

import dev.pippa.domain.Message;
import dev.pippa.domain.job.NewJob;
import dev.pippa.domain.OwnerId;
import java.util.List;

/**
 * Which jobs a new message causes. They are queued in the same transaction as the message (an outbox), so
 * a crash can never keep one without the other.
 */
@FunctionalInterface
public interface MessageJobs {

    MessageJobs NONE = (owner, message, messageCount) -> List.of();

    /** @param messageCount how many messages the conversation holds, this one included */
    List<NewJob> jobsFor(OwnerId owner, Message message, long messageCount);
}

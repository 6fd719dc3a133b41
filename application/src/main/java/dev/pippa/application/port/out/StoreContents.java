package dev.pippa.application.port.out;

import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.IdempotencyKey;
import dev.pippa.domain.Idempotent;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.job.Job;
import dev.pippa.domain.job.JobId;
import dev.pippa.domain.user.User;
import dev.pippa.domain.user.UserId;
import java.util.List;

/**
 * A whole database read in batches, in a stable order, across every owner, and the one write no other port
 * offers (users with their own ids): what {@code pippa copy} needs beyond the other ports. Each read returns
 * up to {@code limit} rows strictly after {@code after} (null: from the first).
 */
public interface StoreContents {

    /** What a store remembers of one idempotency key. */
    record StoredKey(OwnerId owner, IdempotencyKey key, Idempotent.Remembered remembered) {
    }

    /** Whether the database holds no user and no conversation. */
    boolean isEmpty();

    /** Users by id. */
    List<User> users(UserId after, int limit);

    /** Every owner's conversations, by id. */
    List<Conversation> conversations(ConversationId after, int limit);

    /** Idempotency keys by owner, then key. */
    List<StoredKey> idempotencyKeys(StoredKey after, int limit);

    /** Jobs not failed for good, by id. */
    List<Job> pendingJobs(JobId after, int limit);

    /** Stores users exactly as given (ids, password hashes, creation times), in one transaction. */
    void insertUsers(List<User> users);
}

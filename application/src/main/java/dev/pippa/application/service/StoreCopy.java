package dev.pippa.application.service;

import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.application.port.out.JobStore;
import dev.pippa.application.port.out.MessageSearch;
import dev.pippa.application.port.out.StoreContents;
import dev.pippa.application.port.out.StoreContents.StoredKey;
import dev.pippa.application.port.out.SummaryStore;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Idempotent;
import dev.pippa.domain.InvalidInputException;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.SortOrder;
import dev.pippa.domain.StorageException;
import dev.pippa.domain.Summary;
import dev.pippa.domain.job.Job;
import dev.pippa.domain.job.JobId;
import dev.pippa.domain.user.User;
import dev.pippa.domain.user.UserId;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code pippa copy}: everything in one database into another, empty one, through the ports, so it works
 * between any two stores. Batches keep memory bounded. Users keep their ids and password hashes; conversations,
 * messages (in their order), idempotency keys and summaries are copied unchanged; the search index is rebuilt
 * from the copied messages and pending jobs are queued anew. At the end the target is read back in full and
 * must give the same counts and checksum as the source did.
 */
public final class StoreCopy {

    /** The ports of one database that a copy reads or writes. */
    public record Stores(StoreContents contents, ConversationStore conversations, SummaryStore summaries,
                         MessageSearch search, JobStore jobs) {
    }

    /** What one database holds: counts, and a checksum over every value copied, in traversal order. */
    public record Report(long users, long conversations, long messages, long keys, long summaries, long jobs,
                         String checksum) {
    }

    static final int BATCH = 500;

    private StoreCopy() {
    }

    /**
     * @param progress told a line after every batch of conversations
     * @throws InvalidInputException naming {@code to} when the target holds any user or conversation
     * @throws StorageException      when the target, read back, differs from what was read from the source
     */
    public static Report copy(Stores from, Stores to, Consumer<String> progress) {
        if (!to.contents().isEmpty()) {
            throw new InvalidInputException("to", "is not empty: copy only into a new, empty database");
        }
        Report copied = traverse(from, writerInto(to), progress);
        Report found = traverse(to, CopyTally.Sink.NONE, line -> { });
        if (!copied.equals(found)) {
            throw new StorageException("the copy does not match its source: read " + copied + ", found " + found, null);
        }
        return copied;
    }

    /** Reads everything in {@code stores} in a fixed order, handing each batch to {@code sink}. */
    static Report traverse(Stores stores, CopyTally.Sink sink, Consumer<String> progress) {
        CopyTally tally = new CopyTally();
        UserId lastUser = null;
        for (List<User> users; !(users = stores.contents().users(lastUser, BATCH)).isEmpty(); ) {
            sink.users(users);
            users.forEach(tally::user);
            lastUser = users.getLast().id();
        }
        ConversationId lastConversation = null;
        for (List<Conversation> batch; !(batch = stores.contents().conversations(lastConversation, BATCH)).isEmpty(); ) {
            for (Conversation conversation : batch) {
                copyConversation(stores, conversation, sink, tally);
            }
            lastConversation = batch.getLast().id();
            Report sofar = tally.report();
            progress.accept(sofar.conversations() + " conversations, " + sofar.messages() + " messages");
        }
        StoredKey lastKey = null;
        for (List<StoredKey> keys; !(keys = stores.contents().idempotencyKeys(lastKey, BATCH)).isEmpty(); ) {
            sink.keys(keys);
            keys.forEach(tally::key);
            lastKey = keys.getLast();
        }
        JobId lastJob = null;
        for (List<Job> jobs; !(jobs = stores.contents().pendingJobs(lastJob, BATCH)).isEmpty(); ) {
            sink.jobs(jobs);
            jobs.forEach(tally::job);
            lastJob = jobs.getLast().id();
        }
        return tally.report();
    }

    private static void copyConversation(Stores stores, Conversation conversation, CopyTally.Sink sink,
                                         CopyTally tally) {
        sink.conversation(conversation);
        tally.conversation(conversation);
        MessageId lastMessage = null;
        for (List<Message> messages; !(messages = stores.conversations().listMessages(conversation.owner(),
                conversation.id(), lastMessage, SortOrder.ASC, BATCH)).isEmpty(); ) {
            sink.messages(messages);
            messages.forEach(tally::message);
            lastMessage = messages.getLast().id();
        }
        stores.summaries().findSummary(conversation.owner(), conversation.id()).ifPresent(summary -> {
            sink.summary(conversation, summary);
            tally.summary(summary);
        });
    }

    /** Writes each batch into {@code to} as it is read. */
    private static CopyTally.Sink writerInto(Stores to) {
        return new CopyTally.Sink() {
            @Override
            public void users(List<User> users) {
                to.contents().insertUsers(users);
            }

            @Override
            public void conversation(Conversation conversation) {
                to.conversations().write(writes -> {
                    writes.insertConversation(conversation);
                    return null;
                });
            }

            @Override
            public void messages(List<Message> messages) {
                to.conversations().write(writes -> {
                    messages.forEach(writes::insertMessage);
                    return null;
                });
                to.search().indexMessages(messages.stream().map(Message::id).toList());
            }

            @Override
            public void summary(Conversation conversation, Summary summary) {
                to.summaries().saveSummary(conversation.owner(), summary, null); // events are not copied
            }

            @Override
            public void keys(List<StoredKey> keys) {
                to.conversations().write(writes -> {
                    for (StoredKey key : keys) {
                        writes.rememberKey(key.owner(), new Idempotent(key.key(), key.remembered().fingerprint()),
                                key.remembered().resourceId(), key.remembered().createdAt());
                    }
                    return null;
                });
            }

            @Override
            public void jobs(List<Job> jobs) {
                to.jobs().enqueueJobs(jobs.stream().map(Job::work).toList());
            }
        };
    }
}

package dev.pippa.application.service;

import dev.pippa.application.port.out.StoreContents.StoredKey;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.Message;
import dev.pippa.domain.Summary;
import dev.pippa.domain.job.Job;
import dev.pippa.domain.user.User;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What a {@link StoreCopy} traversal saw: how many of each kind, and a SHA-256 over every copied value in
 * traversal order, so a copy that lost, changed or reordered anything reads back differently.
 */
final class CopyTally {

    /** Receives each batch of a traversal, in order. */
    interface Sink {
        Sink NONE = new Sink() {
        };

        default void users(List<User> users) {
        }

        default void conversation(Conversation conversation) {
        }

        default void messages(List<Message> messages) {
        }

        default void summary(Conversation conversation, Summary summary) {
        }

        default void keys(List<StoredKey> keys) {
        }

        default void jobs(List<Job> jobs) {
        }
    }

    private final MessageDigest digest;
    private long users;
    private long conversations;
    private long messages;
    private long keys;
    private long summaries;
    private long jobs;

    CopyTally() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    void user(User user) {
        users++;
        add("user", user.id().value(), user.email().value(), user.passwordHash().value(), user.createdAt());
    }

    void conversation(Conversation conversation) {
        conversations++;
        add("conversation", conversation);
    }

    void message(Message message) {
        messages++;
        add("message", message);
    }

    void summary(Summary summary) {
        summaries++;
        add("summary", summary);
    }

    void key(StoredKey key) {
        keys++;
        add("key", key);
    }

    void job(Job job) {
        jobs++;
        add("job", job.work());
    }

    /** Each value's text, length-prefixed so no two different sequences hash alike. */
    private void add(Object... values) {
        for (Object value : values) {
            byte[] bytes = String.valueOf(value).getBytes(StandardCharsets.UTF_8);
            digest.update((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
            digest.update(bytes);
        }
    }

    StoreCopy.Report report() {
        try {
            String checksum = HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
            return new StoreCopy.Report(users, conversations, messages, keys, summaries, jobs, checksum);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests can be cloned in every JDK", e);
        }
    }
}

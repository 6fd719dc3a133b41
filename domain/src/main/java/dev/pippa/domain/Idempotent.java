package dev.pippa.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * A write tagged with an idempotency key and a fingerprint of what it asks for. A store that sees the
 * key again replays the first result when the fingerprint matches and refuses the write when it does not.
 */
public record Idempotent(IdempotencyKey key, String fingerprint) {

    public Idempotent {
        Check.notNull("Idempotency-Key", key);
        Check.notNull("fingerprint", fingerprint);
    }

    /** The flags count only when set, so keys stored before they existed still match their retries. */
    public static Idempotent createConversation(IdempotencyKey key, NewConversation draft) {
        boolean flagged = draft.archived() || draft.pinned();
        return new Idempotent(key, flagged
                ? fingerprint("create-conversation", draft.title(), draft.metadata(), draft.archived(), draft.pinned())
                : fingerprint("create-conversation", draft.title(), draft.metadata()));
    }

    public static Idempotent appendMessage(IdempotencyKey key, ConversationId conversationId, NewMessage draft) {
        return new Idempotent(key, fingerprint("append-message", conversationId.value(), draft.role().wireName(),
                draft.content(), draft.metadata()));
    }

    /** Asking for a reply: the input message and everything asked of the generation. */
    public static Idempotent createResponse(IdempotencyKey key, ConversationId conversationId, NewMessage input,
                                            dev.pippa.domain.generation.GenerationRequest asked) {
        return new Idempotent(key, fingerprint("create-response", conversationId.value(), input.role().wireName(),
                input.content(), input.metadata(), asked.instructions(), asked.model(), asked.maxOutputTokens(),
                asked.temperature()));
    }

    /** What a store remembers of the first request that used a key. */
    public record Remembered(String fingerprint, String resourceId, Instant createdAt) {
    }

    /**
     * Decides what to do given what the store remembers of this key: the id of the resource to replay,
     * or empty when the write should go ahead (key never used, or used longer ago than the retention).
     *
     * @throws InvalidInputException when the key was first used for a different request
     */
    public Optional<String> replayedResourceId(Optional<Remembered> previous, Instant now) {
        return previous
                .filter(first -> first.createdAt().plus(IdempotencyKey.RETENTION).isAfter(now))
                .map(first -> {
                    if (!first.fingerprint().equals(fingerprint)) {
                        throw new InvalidInputException("Idempotency-Key",
                                "was already used for a different request; use a new key for a new request");
                    }
                    return first.resourceId();
                });
    }

    private static String fingerprint(String operation, Object... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            update(sha, operation);
            for (Object part : parts) {
                if (part instanceof Metadata metadata) {
                    for (Map.Entry<String, String> entry : metadata.entries().entrySet()) {
                        update(sha, entry.getKey());
                        update(sha, entry.getValue());
                    }
                } else {
                    update(sha, part == null ? "\u0000null" : part.toString());
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Length-prefixed, so ("ab", "c") and ("a", "bc") differ. */
    private static void update(MessageDigest sha, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        sha.update(bytes);
    }
}

package dev.pippa.domain;

/** Opaque, time-ordered conversation id: {@code conv_} followed by a ULID. */
public record ConversationId(String value) {

    static final String PREFIX = "conv_";

    public ConversationId {
        Ids.requireWellFormed("conversation_id", PREFIX, value);
    }

    public static ConversationId next(TimeOrderedIds ids) {
        return new ConversationId(PREFIX + ids.next());
    }

    @Override
    public String toString() {
        return value;
    }
}

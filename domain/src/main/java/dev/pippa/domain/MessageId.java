package dev.pippa.domain;

/** Opaque, time-ordered message id: {@code msg_} followed by a ULID. */
public record MessageId(String value) {

    static final String PREFIX = "msg_";

    public MessageId {
        Ids.requireWellFormed("message_id", PREFIX, value);
    }

    public static MessageId next(TimeOrderedIds ids) {
        return new MessageId(PREFIX + ids.next());
    }

    @Override
    public String toString() {
        return value;
    }
}

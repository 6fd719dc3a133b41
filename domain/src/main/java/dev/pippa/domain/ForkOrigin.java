package dev.pippa.domain;

/** Where a forked conversation came from: the conversation, and the last message it copied. */
public record ForkOrigin(ConversationId conversationId, MessageId messageId) {

    public ForkOrigin {
        Check.notNull("forked_from.conversation_id", conversationId);
        Check.notNull("forked_from.message_id", messageId);
    }

    /** From two stored columns; null when the conversation is not a fork. */
    public static ForkOrigin of(String conversationId, String messageId) {
        return conversationId == null ? null : new ForkOrigin(new ConversationId(conversationId), new MessageId(messageId));
    }
}

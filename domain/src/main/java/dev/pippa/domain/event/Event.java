package dev.pippa.domain.event;

import dev.pippa.domain.Check;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Summary;
import dev.pippa.domain.generation.Response;
import dev.pippa.domain.generation.ResponseId;

/** A committed event as readers get it: where it stands, whose it is, and what it carries. */
public sealed interface Event {

    EventPosition position();

    EventType type();

    OwnerId owner();

    ConversationId conversationId();

    record MessageCreated(EventPosition position, OwnerId owner, Message message) implements Event {
        public MessageCreated {
            Check.notNull("position", position);
            Check.notNull("owner", owner);
            Check.notNull("message", message);
        }

        @Override
        public EventType type() {
            return EventType.MESSAGE_CREATED;
        }

        @Override
        public ConversationId conversationId() {
            return message.conversationId();
        }
    }

    /** A message's new content or metadata. */
    record MessageUpdated(EventPosition position, OwnerId owner, Message message) implements Event {
        public MessageUpdated {
            Check.notNull("position", position);
            Check.notNull("owner", owner);
            Check.notNull("message", message);
        }

        @Override
        public EventType type() {
            return EventType.MESSAGE_UPDATED;
        }

        @Override
        public ConversationId conversationId() {
            return message.conversationId();
        }
    }

    record MessageDeleted(EventPosition position, OwnerId owner, ConversationId conversationId, MessageId messageId)
            implements Event {
        public MessageDeleted {
            Check.notNull("position", position);
            Check.notNull("owner", owner);
            Check.notNull("conversation_id", conversationId);
            Check.notNull("message_id", messageId);
        }

        @Override
        public EventType type() {
            return EventType.MESSAGE_DELETED;
        }
    }

    /** {@link EventType#CONVERSATION_CREATED} or {@link EventType#CONVERSATION_UPDATED}. */
    record ConversationChanged(EventPosition position, EventType type, Conversation conversation) implements Event {
        public ConversationChanged {
            Check.notNull("position", position);
            Check.notNull("conversation", conversation);
            if (type != EventType.CONVERSATION_CREATED && type != EventType.CONVERSATION_UPDATED) {
                throw new IllegalArgumentException("not a conversation change: " + type);
            }
        }

        @Override
        public OwnerId owner() {
            return conversation.owner();
        }

        @Override
        public ConversationId conversationId() {
            return conversation.id();
        }
    }

    record ConversationDeleted(EventPosition position, OwnerId owner, ConversationId conversationId)
            implements Event {
        public ConversationDeleted {
            Check.notNull("position", position);
            Check.notNull("owner", owner);
            Check.notNull("conversation_id", conversationId);
        }

        @Override
        public EventType type() {
            return EventType.CONVERSATION_DELETED;
        }
    }

    record SummaryUpdated(EventPosition position, OwnerId owner, Summary summary) implements Event {
        public SummaryUpdated {
            Check.notNull("position", position);
            Check.notNull("owner", owner);
            Check.notNull("summary", summary);
        }

        @Override
        public EventType type() {
            return EventType.SUMMARY_UPDATED;
        }

        @Override
        public ConversationId conversationId() {
            return summary.conversationId();
        }
    }

    /** A response's state changed: {@code type} is one of the {@code response.*} types but the delta. */
    record ResponseChanged(EventPosition position, EventType type, Response response) implements Event {
        public ResponseChanged {
            Check.notNull("position", position);
            Check.notNull("response", response);
            if (!type.isAboutAResponse() || type == EventType.RESPONSE_OUTPUT_TEXT_DELTA) {
                throw new IllegalArgumentException("not a response change: " + type);
            }
        }

        @Override
        public OwnerId owner() {
            return response.owner();
        }

        @Override
        public ConversationId conversationId() {
            return response.conversationId();
        }
    }

    /** A piece of a reply being written. */
    record ResponseDelta(EventPosition position, OwnerId owner, ConversationId conversationId, ResponseId responseId,
                         String delta) implements Event {
        public ResponseDelta {
            Check.notNull("position", position);
            Check.notNull("owner", owner);
            Check.notNull("conversation_id", conversationId);
            Check.notNull("response_id", responseId);
            Check.notNull("delta", delta);
        }

        @Override
        public EventType type() {
            return EventType.RESPONSE_OUTPUT_TEXT_DELTA;
        }
    }
}

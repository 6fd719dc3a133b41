package dev.pippa.adapter.out.postgres;

import static dev.pippa.adapter.out.postgres.Tables.Conversations;
import static dev.pippa.adapter.out.postgres.Tables.Messages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.Metadata;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Role;
import dev.pippa.domain.StorageException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Record;

/**
 * Maps rows to domain records and back by {@link Tables}' fields. Metadata is kept as JSON text (not
 * jsonb, which would reorder its keys), so it reads back exactly as it was written.
 */
final class Rows {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {
    };

    /** Every message column a select reads. */
    static final List<Field<?>> MESSAGE_COLUMNS = List.of(Messages.ID, Messages.CONVERSATION_ID, Messages.ROLE,
            Messages.CONTENT, Messages.METADATA, Messages.CREATED_AT);

    private Rows() {
    }

    static Conversation conversation(Record row) {
        return new Conversation(new ConversationId(row.get(Conversations.ID)),
                new OwnerId(row.get(Conversations.OWNER_ID)), NulSafeText.decode(row.get(Conversations.TITLE)),
                metadata(row.get(Conversations.METADATA)), row.get(Conversations.MESSAGE_COUNT),
                Instant.ofEpochMilli(row.get(Conversations.CREATED_AT)),
                Instant.ofEpochMilli(row.get(Conversations.UPDATED_AT)), row.get(Conversations.VERSION));
    }

    /** The columns a conversation is stored in, but its id and its last message position. */
    static Map<Field<?>, Object> conversationValues(Conversation conversation) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(Conversations.OWNER_ID, conversation.owner().value());
        values.put(Conversations.TITLE, NulSafeText.encode(conversation.title()));
        values.put(Conversations.METADATA, json(conversation.metadata()));
        values.put(Conversations.MESSAGE_COUNT, conversation.messageCount());
        values.put(Conversations.CREATED_AT, conversation.createdAt().toEpochMilli());
        values.put(Conversations.UPDATED_AT, conversation.updatedAt().toEpochMilli());
        values.put(Conversations.VERSION, conversation.version());
        return values;
    }

    static Message message(Record row) {
        return new Message(new MessageId(row.get(Messages.ID)), new ConversationId(row.get(Messages.CONVERSATION_ID)),
                Role.fromWireName(row.get(Messages.ROLE)), NulSafeText.decode(row.get(Messages.CONTENT)),
                metadata(row.get(Messages.METADATA)), Instant.ofEpochMilli(row.get(Messages.CREATED_AT)));
    }

    static String json(Metadata metadata) {
        try {
            return metadata.entries().isEmpty() ? "{}" : JSON.writeValueAsString(metadata.entries());
        } catch (JsonProcessingException e) {
            throw new StorageException("could not encode metadata", e);
        }
    }

    private static Metadata metadata(String json) {
        try {
            return json.equals("{}") ? Metadata.EMPTY : Metadata.of(JSON.readValue(json, STRING_MAP));
        } catch (JsonProcessingException e) {
            throw new StorageException("stored metadata is not valid JSON", e);
        }
    }
}

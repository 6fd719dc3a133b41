package dev.pippa.adapter.out.sqlite;

import dev.pippa.adapter.out.sqlite.jooq.tables.records.ConversationRecord;
import dev.pippa.adapter.out.sqlite.jooq.tables.records.MessageRecord;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Role;
import java.time.Instant;

/** Maps jOOQ records to domain records; nothing else crosses the port. */
final class Records {

    private Records() {
    }

    static Conversation conversation(ConversationRecord row) {
        return new Conversation(
                new ConversationId(row.getId()),
                new OwnerId(row.getOwnerId()),
                row.getTitle(),
                MetadataJson.read(row.getMetadata()),
                row.getMessageCount(),
                Instant.ofEpochMilli(row.getCreatedAt()),
                Instant.ofEpochMilli(row.getUpdatedAt()),
                row.getVersion());
    }

    static Message message(MessageRecord row) {
        return new Message(
                new MessageId(row.getId()),
                new ConversationId(row.getConversationId()),
                Role.fromWireName(row.getRole()),
                row.getContent(),
                MetadataJson.read(row.getMetadata()),
                Instant.ofEpochMilli(row.getCreatedAt()));
    }
}

package dev.pippa.adapter.out.sqlite;

import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Maps rows to domain records; nothing else crosses the port. */
final class Records {

    private Records() {
    }

    /** A row of {@code SELECT * FROM conversation} (columns in table order), from jOOQ or a prepared statement. */
    static Conversation conversation(ResultSet row) throws SQLException {
        return new Conversation(
                new ConversationId(row.getString(1)),
                new OwnerId(row.getString(2)),
                row.getString(3),
                MetadataJson.read(row.getString(4)),
                row.getLong(5),
                Instant.ofEpochMilli(row.getLong(6)),
                Instant.ofEpochMilli(row.getLong(7)),
                row.getLong(8));
    }

    /**
     * A row of a message select of {@link SqlStatements} (id, conversation_id, role, content, metadata,
     * created_at), from the conversation the caller selected it by: its id is not parsed again per row.
     */
    static Message message(ResultSet row, ConversationId conversationId) throws SQLException {
        return new Message(
                new MessageId(row.getString(1)),
                conversationId,
                Role.fromWireName(row.getString(3)),
                row.getString(4),
                MetadataJson.read(row.getString(5)),
                Instant.ofEpochMilli(row.getLong(6)));
    }
}

package dev.pippa.adapter.out.sqlite;

import static dev.pippa.adapter.out.sqlite.jooq.Tables.CONVERSATION;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.MESSAGE;

import dev.pippa.adapter.out.sqlite.jooq.tables.records.ConversationRecord;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.ForkOrigin;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Role;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jooq.Field;

/**
 * Maps rows to domain records and back, by the generated tables' fields (their names and their order), so a
 * new column is read and written here and nowhere else; nothing else crosses the port.
 */
final class Records {

    private Records() {
    }

    /** A row holding every column of {@code conversation}, from jOOQ or a prepared statement. */
    static Conversation conversation(ResultSet row) throws SQLException {
        return new Conversation(
                new ConversationId(row.getString(CONVERSATION.ID.getName())),
                new OwnerId(row.getString(CONVERSATION.OWNER_ID.getName())),
                row.getString(CONVERSATION.TITLE.getName()),
                MetadataJson.read(row.getString(CONVERSATION.METADATA.getName())),
                row.getLong(CONVERSATION.MESSAGE_COUNT.getName()),
                Instant.ofEpochMilli(row.getLong(CONVERSATION.CREATED_AT.getName())),
                Instant.ofEpochMilli(row.getLong(CONVERSATION.UPDATED_AT.getName())),
                row.getLong(CONVERSATION.VERSION.getName()),
                ForkOrigin.of(row.getString(CONVERSATION.FORKED_FROM_CONVERSATION_ID.getName()),
                        row.getString(CONVERSATION.FORKED_FROM_MESSAGE_ID.getName())),
                row.getBoolean(CONVERSATION.ARCHIVED.getName()), row.getBoolean(CONVERSATION.PINNED.getName()));
    }

    /** The row of {@code conversation} that stores this conversation, every column set. */
    private static ConversationRecord row(Conversation conversation) {
        return new ConversationRecord(conversation.id().value(), conversation.owner().value(), conversation.title(),
                MetadataJson.write(conversation.metadata()), conversation.messageCount(),
                conversation.createdAt().toEpochMilli(), conversation.updatedAt().toEpochMilli(),
                conversation.version(),
                conversation.forkedFrom() == null ? null : conversation.forkedFrom().conversationId().value(),
                conversation.forkedFrom() == null ? null : conversation.forkedFrom().messageId().value(),
                conversation.archived(), conversation.pinned(), conversation.titleKey(), conversation.listKey());
    }

    /**
     * Binds the conversation's row to a statement whose parameters are {@code columns}, in that order
     * ({@link SqlStatements#INSERT_CONVERSATION_PARAMETERS}, {@link SqlStatements#UPDATE_CONVERSATION_PARAMETERS}).
     */
    static void bind(PreparedStatement statement, List<Field<?>> columns, Conversation conversation)
            throws SQLException {
        ConversationRecord row = row(conversation);
        for (int i = 0; i < columns.size(); i++) {
            statement.setObject(i + 1, row.get(columns.get(i)));
        }
    }

    /**
     * Where a message select's columns are in its result set, looked up by name once per result set rather
     * than 600 times for a page of 100 (see docs/performance.md).
     */
    record MessageColumns(int id, int role, int content, int metadata, int createdAt, int editedAt) {

        static MessageColumns of(ResultSet rows) throws SQLException {
            return new MessageColumns(rows.findColumn(MESSAGE.ID.getName()), rows.findColumn(MESSAGE.ROLE.getName()),
                    rows.findColumn(MESSAGE.CONTENT.getName()), rows.findColumn(MESSAGE.METADATA.getName()),
                    rows.findColumn(MESSAGE.CREATED_AT.getName()), rows.findColumn(MESSAGE.EDITED_AT.getName()));
        }
    }

    /**
     * A row of a message select (id, role, content, metadata, created_at, found by name), from the conversation
     * the caller selected it by: its id is not parsed again per row.
     */
    static Message message(ResultSet row, MessageColumns columns, ConversationId conversationId) throws SQLException {
        return new Message(
                new MessageId(text(row, columns.id())),
                conversationId,
                Role.fromWireName(text(row, columns.role())),
                text(row, columns.content()),
                MetadataJson.read(text(row, columns.metadata())),
                Instant.ofEpochMilli(row.getLong(columns.createdAt())),
                editedAt(row.getLong(columns.editedAt()), row.wasNull()));
    }

    /**
     * A text column, read as its UTF-8 bytes: the driver's getString decodes through a direct buffer and a
     * charset decoder, which made a page of 100 messages cost about 40 % more (docs/performance.md).
     */
    static String text(ResultSet row, int column) throws SQLException {
        byte[] utf8 = row.getBytes(column);
        return utf8 == null ? null : new String(utf8, StandardCharsets.UTF_8);
    }

    private static Instant editedAt(long millis, boolean never) {
        return never ? null : Instant.ofEpochMilli(millis);
    }
}

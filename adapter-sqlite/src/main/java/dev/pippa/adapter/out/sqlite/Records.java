package dev.pippa.adapter.out.sqlite;

import static dev.pippa.adapter.out.sqlite.jooq.Tables.CONVERSATION;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.MESSAGE;

import dev.pippa.adapter.out.sqlite.jooq.tables.records.ConversationRecord;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Role;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jooq.Field;

/**
 * Maps rows to domain records and back, by the generated tables' fields (their names and their order), so a
 * new column is read and written here and nowhere else; nothing else crosses the port.
 */
final class Records {

    private static final String ID = CONVERSATION.ID.getName();
    private static final String OWNER_ID = CONVERSATION.OWNER_ID.getName();
    private static final String TITLE = CONVERSATION.TITLE.getName();
    private static final String METADATA = CONVERSATION.METADATA.getName();
    private static final String MESSAGE_COUNT = CONVERSATION.MESSAGE_COUNT.getName();
    private static final String CREATED_AT = CONVERSATION.CREATED_AT.getName();
    private static final String UPDATED_AT = CONVERSATION.UPDATED_AT.getName();
    private static final String VERSION = CONVERSATION.VERSION.getName();
    private static final String ROLE = MESSAGE.ROLE.getName();
    private static final String CONTENT = MESSAGE.CONTENT.getName();

    private Records() {
    }

    /** A row holding every column of {@code conversation}, from jOOQ or a prepared statement. */
    static Conversation conversation(ResultSet row) throws SQLException {
        return new Conversation(
                new ConversationId(row.getString(ID)),
                new OwnerId(row.getString(OWNER_ID)),
                row.getString(TITLE),
                MetadataJson.read(row.getString(METADATA)),
                row.getLong(MESSAGE_COUNT),
                Instant.ofEpochMilli(row.getLong(CREATED_AT)),
                Instant.ofEpochMilli(row.getLong(UPDATED_AT)),
                row.getLong(VERSION));
    }

    /** The row of {@code conversation} that stores this conversation, every column set. */
    static ConversationRecord row(Conversation conversation) {
        return new ConversationRecord(conversation.id().value(), conversation.owner().value(), conversation.title(),
                MetadataJson.write(conversation.metadata()), conversation.messageCount(),
                conversation.createdAt().toEpochMilli(), conversation.updatedAt().toEpochMilli(),
                conversation.version());
    }

    /** Binds the conversation's row to {@link SqlStatements#INSERT_CONVERSATION}: every column, in table order. */
    static void bindInsert(PreparedStatement insert, Conversation conversation) throws SQLException {
        ConversationRecord row = row(conversation);
        Field<?>[] fields = CONVERSATION.fields();
        for (int i = 0; i < fields.length; i++) {
            insert.setObject(i + 1, row.get(fields[i]));
        }
    }

    /** Binds to {@link SqlStatements#UPDATE_CONVERSATION}: every column but the id, in table order, then the id. */
    static void bindUpdate(PreparedStatement update, Conversation conversation) throws SQLException {
        ConversationRecord row = row(conversation);
        int parameter = 1;
        for (Field<?> field : CONVERSATION.fields()) {
            if (!field.equals(CONVERSATION.ID)) {
                update.setObject(parameter++, row.get(field));
            }
        }
        update.setObject(parameter, row.get(CONVERSATION.ID));
    }

    /**
     * Where a message select's columns are in its result set, looked up by name once per result set rather
     * than 600 times for a page of 100 (see docs/performance.md).
     */
    record MessageColumns(int id, int role, int content, int metadata, int createdAt) {

        static MessageColumns of(ResultSet rows) throws SQLException {
            return new MessageColumns(rows.findColumn(ID), rows.findColumn(ROLE), rows.findColumn(CONTENT),
                    rows.findColumn(METADATA), rows.findColumn(CREATED_AT));
        }
    }

    /**
     * A row of a message select (id, role, content, metadata, created_at, found by name), from the conversation
     * the caller selected it by: its id is not parsed again per row.
     */
    static Message message(ResultSet row, MessageColumns columns, ConversationId conversationId) throws SQLException {
        return new Message(
                new MessageId(row.getString(columns.id())),
                conversationId,
                Role.fromWireName(row.getString(columns.role())),
                row.getString(columns.content()),
                MetadataJson.read(row.getString(columns.metadata())),
                Instant.ofEpochMilli(row.getLong(columns.createdAt())));
    }
}

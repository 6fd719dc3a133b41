package dev.pippa.adapter.out.postgres;

import static dev.pippa.adapter.out.postgres.Tables.Conversations;
import static dev.pippa.adapter.out.postgres.Tables.Messages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.ForkOrigin;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.Metadata;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Role;
import dev.pippa.domain.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ResultQuery;

/**
 * Maps rows to domain records and back, by {@link Tables}' column names, from jOOQ's queries and the plain
 * prepared statements of {@link Statements} alike. Metadata is kept as JSON text (not jsonb, which would
 * reorder its keys), so it reads back exactly as it was written.
 */
final class Rows {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {
    };

    /** Every message column a select reads. */
    static final List<Field<?>> MESSAGE_COLUMNS = List.of(Messages.ID, Messages.CONVERSATION_ID, Messages.ROLE,
            Messages.CONTENT, Messages.METADATA, Messages.CREATED_AT, Messages.EDITED_AT);

    /** The columns a conversation is stored in but its id (and its last message position), in binding order. */
    static final List<Field<?>> CONVERSATION_VALUE_COLUMNS = List.of(Conversations.OWNER_ID, Conversations.TITLE,
            Conversations.METADATA, Conversations.MESSAGE_COUNT, Conversations.CREATED_AT, Conversations.UPDATED_AT,
            Conversations.VERSION, Conversations.FORKED_FROM_CONVERSATION_ID, Conversations.FORKED_FROM_MESSAGE_ID,
            Conversations.ARCHIVED, Conversations.PINNED, Conversations.TITLE_KEY, Conversations.LIST_KEY);

    /** How a row of a result set becomes a value. */
    @FunctionalInterface
    interface Mapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private Rows() {
    }

    /** Sets a prepared statement's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /**
     * Runs one of {@link Statements}' queries on the transaction's (or the read's) connection. Like every
     * method here it reports the driver's failures as the port's {@link StorageException}.
     */
    static <T> List<T> query(DSLContext dsl, String sql, Binder binder, Mapper<T> mapper) {
        try (PreparedStatement statement = connection(dsl).prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                return all(rows, mapper);
            }
        } catch (SQLException e) {
            throw PostgresDatabase.storageFailure(e);
        }
    }

    /** Like {@link #query}, for a query that follows a lock statement in the same round trip. */
    static <T> List<T> queryAfterLock(DSLContext dsl, String sql, Binder binder, Mapper<T> mapper) {
        try (PreparedStatement statement = connection(dsl).prepareStatement(sql)) {
            binder.bind(statement);
            statement.execute();
            if (!statement.getMoreResults()) {
                throw new StorageException("a locked query returned no rows: " + sql, null);
            }
            try (ResultSet rows = statement.getResultSet()) {
                return all(rows, mapper);
            }
        } catch (SQLException e) {
            throw PostgresDatabase.storageFailure(e);
        }
    }

    /**
     * Runs several statements joined by {@code ;} in one round trip (the driver sends them in one message and
     * reads their results together); returns each one's changed-row count, in order.
     */
    static List<Integer> pipeline(DSLContext dsl, String sql, Binder binder) {
        try (PreparedStatement statement = connection(dsl).prepareStatement(sql)) {
            binder.bind(statement);
            List<Integer> changed = new ArrayList<>();
            boolean rows = statement.execute();
            while (true) {
                if (rows) {
                    statement.getResultSet().close();
                    changed.add(-1);
                } else if (statement.getUpdateCount() >= 0) {
                    changed.add(statement.getUpdateCount());
                } else {
                    return changed;
                }
                rows = statement.getMoreResults();
            }
        } catch (SQLException e) {
            throw PostgresDatabase.storageFailure(e);
        }
    }

    /** Sets a prepared statement's parameters for one item of a batch. */
    @FunctionalInterface
    interface ItemBinder<T> {
        void bind(PreparedStatement statement, T item) throws SQLException;
    }

    /** Runs one of {@link Statements}' updates once per item, in one round trip. */
    static <T> void batch(DSLContext dsl, String sql, List<T> items, ItemBinder<T> binder) {
        try (PreparedStatement statement = connection(dsl).prepareStatement(sql)) {
            for (T item : items) {
                binder.bind(statement, item);
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw PostgresDatabase.storageFailure(e);
        }
    }

    /** Runs a jOOQ query and maps its rows like the prepared ones. */
    static <T> List<T> fetch(ResultQuery<?> query, Mapper<T> mapper) {
        try (ResultSet rows = query.fetchResultSet()) {
            return all(rows, mapper);
        } catch (SQLException e) {
            throw PostgresDatabase.storageFailure(e);
        }
    }

    private static <T> List<T> all(ResultSet rows, Mapper<T> mapper) throws SQLException {
        List<T> values = new ArrayList<>();
        while (rows.next()) {
            values.add(mapper.map(rows));
        }
        return values;
    }

    /** The connection a {@link PostgresDatabase} work runs on (jOOQ's provider hands out the one it was given). */
    private static Connection connection(DSLContext dsl) {
        return dsl.configuration().connectionProvider().acquire();
    }

    static Conversation conversation(ResultSet row) throws SQLException {
        return new Conversation(new ConversationId(row.getString(Conversations.ID.getName())),
                new OwnerId(row.getString(Conversations.OWNER_ID.getName())),
                NulSafeText.decode(row.getString(Conversations.TITLE.getName())),
                metadata(row.getString(Conversations.METADATA.getName())),
                row.getLong(Conversations.MESSAGE_COUNT.getName()),
                Instant.ofEpochMilli(row.getLong(Conversations.CREATED_AT.getName())),
                Instant.ofEpochMilli(row.getLong(Conversations.UPDATED_AT.getName())),
                row.getLong(Conversations.VERSION.getName()),
                ForkOrigin.of(row.getString(Conversations.FORKED_FROM_CONVERSATION_ID.getName()),
                        row.getString(Conversations.FORKED_FROM_MESSAGE_ID.getName())),
                row.getBoolean(Conversations.ARCHIVED.getName()), row.getBoolean(Conversations.PINNED.getName()));
    }

    /** Binds {@link #CONVERSATION_VALUE_COLUMNS} from parameter {@code first} on; returns the next parameter. */
    static int bindConversationValues(PreparedStatement statement, int first, Conversation conversation)
            throws SQLException {
        int parameter = first;
        statement.setString(parameter++, conversation.owner().value());
        statement.setString(parameter++, NulSafeText.encode(conversation.title()));
        statement.setString(parameter++, json(conversation.metadata()));
        statement.setLong(parameter++, conversation.messageCount());
        statement.setLong(parameter++, conversation.createdAt().toEpochMilli());
        statement.setLong(parameter++, conversation.updatedAt().toEpochMilli());
        statement.setLong(parameter++, conversation.version());
        ForkOrigin fork = conversation.forkedFrom();
        statement.setString(parameter++, fork == null ? null : fork.conversationId().value());
        statement.setString(parameter++, fork == null ? null : fork.messageId().value());
        statement.setBoolean(parameter++, conversation.archived());
        statement.setBoolean(parameter++, conversation.pinned());
        statement.setString(parameter++, NulSafeText.encode(conversation.titleKey()));
        statement.setLong(parameter++, conversation.listKey());
        return parameter;
    }

    static Message message(ResultSet row) throws SQLException {
        return new Message(new MessageId(row.getString(Messages.ID.getName())),
                new ConversationId(row.getString(Messages.CONVERSATION_ID.getName())),
                Role.fromWireName(row.getString(Messages.ROLE.getName())),
                NulSafeText.decode(row.getString(Messages.CONTENT.getName())),
                metadata(row.getString(Messages.METADATA.getName())),
                Instant.ofEpochMilli(row.getLong(Messages.CREATED_AT.getName())),
                editedAt(row.getLong(Messages.EDITED_AT.getName()), row.wasNull()));
    }

    private static Instant editedAt(long millis, boolean never) {
        return never ? null : Instant.ofEpochMilli(millis);
    }

    static String json(Metadata metadata) {
        try {
            return metadata.entries().isEmpty() ? "{}" : JSON.writeValueAsString(metadata.entries());
        } catch (JsonProcessingException e) {
            throw new StorageException("could not encode metadata", e);
        }
    }

    /** A string as metadata stores it: its JSON text, quotes and escapes included. */
    static String jsonText(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StorageException("could not encode a metadata value", e);
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

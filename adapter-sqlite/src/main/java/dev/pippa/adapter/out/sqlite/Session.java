package dev.pippa.adapter.out.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * One connection with what is cached on it: a jOOQ context for the less frequent statements, and the hot
 * statements (rendered once by {@link SqlStatements}) prepared once and reused. Used by one thread at a time.
 */
final class Session implements AutoCloseable {

    private final Connection connection;
    private final DSLContext dsl;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    Session(Connection connection) {
        this.connection = connection;
        this.dsl = Sqlite.dsl(connection);
    }

    Connection connection() {
        return connection;
    }

    DSLContext dsl() {
        return dsl;
    }

    /** The statement for this SQL, prepared on first use; its parameters are cleared for the caller. */
    PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement statement = prepared.get(sql);
        if (statement != null) {
            try {
                statement.clearParameters();
                return statement;
            } catch (SQLException finalised) {
                // The driver finalises a connection's statements when SQLite rolls a transaction back by
                // itself (e.g. on SQLITE_FULL), without marking them closed: prepare this one again.
                statement.close();
            }
        }
        statement = connection.prepareStatement(sql);
        prepared.put(sql, statement);
        return statement;
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : prepared.values()) {
            statement.close();
        }
        connection.close();
    }
}

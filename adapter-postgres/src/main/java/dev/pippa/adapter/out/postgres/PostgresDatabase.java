package dev.pippa.adapter.out.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.pippa.domain.DomainException;
import dev.pippa.domain.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * One PostgreSQL database, opened for serving: a HikariCP pool, the schema migrated by Flyway (which takes
 * PostgreSQL's advisory lock, so nodes starting together migrate once). Several nodes may open the same
 * database; everything that must not interleave across them is serialised by row locks in the database,
 * never by memory. Every connection commits synchronously: a returned write is durable on the server.
 */
public final class PostgresDatabase implements AutoCloseable {

    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    private static final Settings JOOQ_SETTINGS = new Settings()
            .withExecuteLogging(false)
            .withRenderSchema(false);

    /**
     * Work on one connection; in {@link #write} the connection's transaction. Its statements report driver
     * failures as unchecked exceptions ({@link Rows}' as {@link StorageException}, jOOQ's as its own).
     */
    @FunctionalInterface
    interface Work<T> {
        T run(DSLContext dsl);
    }

    private final PostgresSettings settings;
    private final HikariDataSource pool;
    private final PostgresEventSignals signals;

    private PostgresDatabase(PostgresSettings settings, HikariDataSource pool) {
        this.settings = settings;
        this.pool = pool;
        this.signals = new PostgresEventSignals(pool);
    }

    /** Connects (failing within the connection timeout when the server cannot be reached) and migrates. */
    public static PostgresDatabase open(PostgresSettings settings) {
        HikariDataSource pool = null;
        try {
            pool = new HikariDataSource(poolConfig(settings));
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/postgres")
                    .load()
                    .migrate();
            return new PostgresDatabase(settings, pool);
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            throw new StorageException("cannot open database " + settings.describe() + ": " + rootMessage(e), e);
        }
    }

    private static HikariConfig poolConfig(PostgresSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("pippa-postgres");
        config.setJdbcUrl(settings.jdbcUrl());
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(Math.max(250, settings.connectionTimeout().toMillis()));
        config.setInitializationFailTimeout(Math.max(1, settings.connectionTimeout().toMillis()));
        // A server configured for asynchronous commit would acknowledge writes it can still lose.
        config.setConnectionInitSql("SET synchronous_commit = on; SET statement_timeout = "
                + settings.statementTimeout().toMillis());
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("ApplicationName", "pippa");
        return config;
    }

    PostgresEventSignals signals() {
        return signals;
    }

    public PostgresSettings settings() {
        return settings;
    }

    /** True when the database answers a query: the readiness check. */
    public boolean isReadable() {
        try {
            return read(dsl -> dsl.selectOne().fetchOne(0, Integer.class) == 1);
        } catch (DomainException e) {
            return false;
        }
    }

    /**
     * Runs {@code work} as one transaction and commits it; any failure rolls it back. The port's exceptions
     * pass through; the driver's become a {@link StorageException} (503): a write whose commit was not
     * confirmed is never reported as done.
     */
    <T> T write(Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(dsl(connection));
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e instanceof DomainException domain ? domain : storageFailure(e);
            }
        } catch (SQLException e) {
            throw storageFailure(e);
        }
    }

    /** Runs {@code work} on a pooled connection in autocommit mode. */
    <T> T read(Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            return work.run(dsl(connection));
        } catch (SQLException | DataAccessException e) {
            throw storageFailure(e);
        }
    }

    static DSLContext dsl(Connection connection) {
        return DSL.using(connection, SQLDialect.POSTGRES, JOOQ_SETTINGS);
    }

    /** The driver's SQLState for a failure among {@code failure} and its causes, if any. */
    static String sqlState(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "";
    }

    /** Disk full (53100) is its own kind, as on SQLite; everything else may pass by retrying. */
    static StorageException storageFailure(Throwable cause) {
        if (sqlState(cause).equals("53100")) {
            return new StorageException(StorageException.Kind.FULL, "the database failed: its disk is full", cause);
        }
        return new StorageException("the database failed: " + rootMessage(cause), cause);
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the connection is broken; the pool discards it and the original failure is reported
        }
    }

    @Override
    public void close() {
        signals.close();
        pool.close();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}

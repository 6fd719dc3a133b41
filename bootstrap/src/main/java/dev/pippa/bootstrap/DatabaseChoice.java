package dev.pippa.bootstrap;

import dev.pippa.adapter.out.postgres.PostgresSettings;
import dev.pippa.adapter.out.sqlite.SqliteSettings;
import java.nio.file.Path;
import java.time.Duration;

/** Where the data lives: one SQLite file (the default), or a PostgreSQL database that several nodes share. */
sealed interface DatabaseChoice {

    /** What start-up and copy messages call it (never a password). */
    String describe();

    record Sqlite(SqliteSettings settings) implements DatabaseChoice {
        @Override
        public String describe() {
            return settings.path().toString();
        }
    }

    record Postgres(PostgresSettings settings) implements DatabaseChoice {
        @Override
        public String describe() {
            return settings.describe();
        }
    }

    /** PIPPA_DB_URL set: that PostgreSQL database; unset: the SQLite file at PIPPA_DB_PATH. */
    static DatabaseChoice from(Settings.Reader read) {
        String url = read.values().apply("pippa.db.url");
        return url == null || url.isBlank() ? new Sqlite(sqlite(read)) : new Postgres(postgres(read, url));
    }

    /** A database named on the command line: a PostgreSQL URL, else a SQLite file; other settings as configured. */
    static DatabaseChoice at(String location, Settings.Reader read) {
        return PostgresSettings.isUrl(location) ? new Postgres(postgres(read, location))
                : new Sqlite(sqlite(new Settings.Reader(key -> key.equals("pippa.db.path") ? location
                        : read.values().apply(key))));
    }

    private static PostgresSettings postgres(Settings.Reader read, String url) {
        int poolSize = read.integer("pippa.db.pool.size", 1, 1_000);
        Duration connectTimeout = Duration.ofSeconds(read.integer("pippa.db.connect.timeout.seconds", 1, 600));
        Duration statementTimeout = Duration.ofSeconds(read.integer("pippa.db.statement.timeout.seconds", 0, 86_400));
        try {
            return PostgresSettings.of(url, poolSize, connectTimeout, statementTimeout);
        } catch (IllegalArgumentException e) {
            String shown = url.replaceAll("(?i)(://[^:/@]*:)[^@]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
            throw new Settings.InvalidSettingException("pippa.db.url", shown, e.getMessage());
        }
    }

    private static SqliteSettings sqlite(Settings.Reader read) {
        SqliteSettings defaults = SqliteSettings.defaults(Path.of("pippa.db"));
        return new SqliteSettings(
                Path.of(read.text("pippa.db.path")).toAbsolutePath().normalize(),
                read.choice("pippa.db.synchronous", SqliteSettings.Synchronous.class),
                read.integer("pippa.db.readers", 1, 64),
                defaults.busyTimeout(),
                read.integer("pippa.db.queue", 1, 1_000_000),
                defaults.maxBatch(),
                read.integer("pippa.db.max.size.mb", 0, 16 * 1024 * 1024));
    }
}

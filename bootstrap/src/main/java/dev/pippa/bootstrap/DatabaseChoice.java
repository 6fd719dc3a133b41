package dev.pippa.bootstrap;

import dev.pippa.adapter.out.postgres.PostgresSettings;
import dev.pippa.adapter.out.sqlite.SqliteSettings;

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
}

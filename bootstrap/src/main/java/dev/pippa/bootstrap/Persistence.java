package dev.pippa.bootstrap;

import dev.pippa.adapter.out.postgres.PostgresConversationStore;
import dev.pippa.adapter.out.postgres.PostgresDatabase;
import dev.pippa.adapter.out.postgres.PostgresEventStore;
import dev.pippa.adapter.out.postgres.PostgresJobStore;
import dev.pippa.adapter.out.postgres.PostgresMessageSearch;
import dev.pippa.adapter.out.postgres.PostgresFileStore;
import dev.pippa.adapter.out.postgres.PostgresVectorStore;
import dev.pippa.adapter.out.postgres.PostgresSettings;
import dev.pippa.adapter.out.postgres.PostgresStoreContents;
import dev.pippa.adapter.out.postgres.PostgresSummaryStore;
import dev.pippa.adapter.out.postgres.PostgresUserStore;
import dev.pippa.adapter.out.sqlite.SqliteConversationStore;
import dev.pippa.adapter.out.sqlite.SqliteDatabase;
import dev.pippa.adapter.out.sqlite.SqliteEventStore;
import dev.pippa.adapter.out.sqlite.SqliteJobStore;
import dev.pippa.adapter.out.sqlite.SqliteMessageSearch;
import dev.pippa.adapter.out.sqlite.SqliteFileStore;
import dev.pippa.adapter.out.sqlite.SqliteVectorStore;
import dev.pippa.adapter.out.sqlite.SqliteSettings;
import dev.pippa.adapter.out.sqlite.SqliteStoreContents;
import dev.pippa.adapter.out.sqlite.SqliteSummaryStore;
import dev.pippa.adapter.out.sqlite.SqliteUserStore;
import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.application.port.out.EventStore;
import dev.pippa.application.port.out.JobStore;
import dev.pippa.application.port.out.MessageSearch;
import dev.pippa.application.port.out.FileStore;
import dev.pippa.application.port.out.VectorStore;
import dev.pippa.application.port.out.StoreContents;
import dev.pippa.application.port.out.SummaryStore;
import dev.pippa.application.port.out.UserStore;
import dev.pippa.application.service.StoreCopy;
import java.time.Clock;
import java.util.function.BooleanSupplier;

/**
 * Every persistence port, wired on one database, and what the service needs of the database itself
 * (readiness, warm-up, close). Built here, once: no store hands out another.
 */
record Persistence(ConversationStore conversations, UserStore users, JobStore jobs, MessageSearch search,
                   VectorStore vectors, FileStore files, SummaryStore summaries, EventStore events,
                   StoreContents contents,
                   BooleanSupplier readable,
                   Runnable warmUp,
                   Runnable closeDatabase)
        implements AutoCloseable {

    static Persistence open(DatabaseChoice database, Clock clock) {
        return switch (database) {
            case DatabaseChoice.Sqlite sqlite -> sqlite(sqlite.settings(), clock);
            case DatabaseChoice.Postgres postgres -> postgres(postgres.settings(), clock);
        };
    }

    /** The stores on one PostgreSQL database, which other nodes may share. */
    static Persistence postgres(PostgresSettings settings, Clock clock) {
        PostgresDatabase database = PostgresDatabase.open(settings);
        PostgresConversationStore conversations = new PostgresConversationStore(database);
        return new Persistence(conversations, new PostgresUserStore(database, clock),
                new PostgresJobStore(database, clock), new PostgresMessageSearch(database),
                new PostgresVectorStore(database), new PostgresFileStore(database), new PostgresSummaryStore(database), new PostgresEventStore(database), new PostgresStoreContents(database),
                database::isReadable,
                conversations::warmUp, database::close);
    }

    /** The stores on one SQLite file. */
    static Persistence sqlite(SqliteSettings settings, Clock clock) {
        SqliteDatabase database = SqliteDatabase.open(settings);
        SqliteConversationStore conversations = new SqliteConversationStore(database);
        return new Persistence(conversations, new SqliteUserStore(database, clock), new SqliteJobStore(database, clock),
                new SqliteMessageSearch(database), new SqliteVectorStore(database), new SqliteFileStore(database),
                new SqliteSummaryStore(database),
                new SqliteEventStore(database),
                new SqliteStoreContents(database),
                database::isReadable,
                conversations::warmUp, database::close);
    }

    /** What {@code pippa copy} reads or writes of this database. */
    StoreCopy.Stores forCopy() {
        return new StoreCopy.Stores(contents, conversations, summaries, search, jobs);
    }

    @Override
    public void close() {
        closeDatabase.run();
    }
}

package dev.pippa.bootstrap;

import dev.pippa.adapter.out.sqlite.SqliteConversationStore;
import dev.pippa.adapter.out.sqlite.SqliteDatabase;
import dev.pippa.adapter.out.sqlite.SqliteJobStore;
import dev.pippa.adapter.out.sqlite.SqliteMessageSearch;
import dev.pippa.adapter.out.sqlite.SqliteSettings;
import dev.pippa.adapter.out.sqlite.SqliteSummaryStore;
import dev.pippa.adapter.out.sqlite.SqliteUserStore;
import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.application.port.out.JobStore;
import dev.pippa.application.port.out.MessageSearch;
import dev.pippa.application.port.out.SummaryStore;
import dev.pippa.application.port.out.UserStore;
import java.time.Clock;
import java.util.function.BooleanSupplier;

/**
 * Every persistence port, wired on one database, and what the service needs of the database itself
 * (readiness, warm-up, close). Built here, once: no store hands out another.
 */
record Persistence(ConversationStore conversations, UserStore users, JobStore jobs, MessageSearch search,
                   SummaryStore summaries, BooleanSupplier readable, Runnable warmUp, Runnable closeDatabase)
        implements AutoCloseable {

    /** The stores on one SQLite file. */
    static Persistence sqlite(SqliteSettings settings, Clock clock) {
        SqliteDatabase database = SqliteDatabase.open(settings);
        SqliteConversationStore conversations = new SqliteConversationStore(database);
        return new Persistence(conversations, new SqliteUserStore(database, clock), new SqliteJobStore(database, clock),
                new SqliteMessageSearch(database), new SqliteSummaryStore(database), database::isReadable,
                conversations::warmUp, database::close);
    }

    @Override
    public void close() {
        closeDatabase.run();
    }
}

package dev.pippa.adapter.out.sqlite;

import dev.pippa.application.port.out.MessageJobs;
import dev.pippa.application.testing.UseCasesOver;
import java.time.Clock;

/**
 * For tests: a database with every store on it, wired as bootstrap wires them, the conversation store reached
 * through the use cases that hold the rules of its writes; closing closes the database.
 */
record SqliteStores(SqliteDatabase database, UseCasesOver conversations, SqliteUserStore users,
                    SqliteJobStore jobs, SqliteMessageSearch search, SqliteSummaryStore summaries)
        implements AutoCloseable {

    static SqliteStores open(SqliteSettings settings) {
        return open(settings, Clock.systemUTC(), MessageJobs.NONE);
    }

    static SqliteStores open(SqliteSettings settings, Clock clock, MessageJobs messageJobs) {
        SqliteDatabase database = SqliteDatabase.open(settings);
        return new SqliteStores(database, new UseCasesOver(new SqliteConversationStore(database), clock, messageJobs),
                new SqliteUserStore(database, clock), new SqliteJobStore(database, clock),
                new SqliteMessageSearch(database), new SqliteSummaryStore(database));
    }

    SqliteSettings settings() {
        return database.settings();
    }

    @Override
    public void close() {
        database.close();
    }
}

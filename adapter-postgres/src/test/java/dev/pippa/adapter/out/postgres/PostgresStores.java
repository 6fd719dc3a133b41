package dev.pippa.adapter.out.postgres;

import dev.pippa.application.port.out.MessageJobs;
import dev.pippa.application.testing.SearchStores;
import dev.pippa.application.testing.UseCasesOver;
import java.time.Clock;

/**
 * For tests: a database on the embedded server with every store on it, wired as bootstrap wires them;
 * closing closes this node's pool (the database stays for another node to open).
 */
record PostgresStores(PostgresDatabase database, UseCasesOver conversations, PostgresUserStore users,
                      PostgresJobStore jobs, PostgresMessageSearch search, PostgresSummaryStore summaries)
        implements AutoCloseable {

    /** A new, empty database. */
    static PostgresStores fresh() {
        return open(PostgresSettings.of(EmbeddedPostgresServer.newDatabase()), Clock.systemUTC(), MessageJobs.NONE);
    }

    static PostgresStores open(PostgresSettings settings, Clock clock, MessageJobs messageJobs) {
        PostgresDatabase database = PostgresDatabase.open(settings);
        return new PostgresStores(database,
                new UseCasesOver(new PostgresConversationStore(database), clock, messageJobs),
                new PostgresUserStore(database, clock), new PostgresJobStore(database, clock),
                new PostgresMessageSearch(database), new PostgresSummaryStore(database));
    }

    SearchStores searchStores() {
        return new SearchStores(conversations, search, summaries, this);
    }

    @Override
    public void close() {
        database.close();
    }
}

package dev.pippa.adapter.out.postgres;

import dev.pippa.application.port.out.JobStore;
import dev.pippa.application.testing.JobStoreContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The job queue's contract on a real PostgreSQL server, with a second pool as a second node's workers. */
class PostgresJobStoreTest extends JobStoreContract {

    private final List<PostgresDatabase> nodes = new ArrayList<>();

    @Override
    protected JobStore openJobStore() {
        return node(PostgresSettings.of(EmbeddedPostgresServer.newDatabase()));
    }

    @Override
    protected JobStore openSecondNode() {
        return node(nodes.getFirst().settings());
    }

    private JobStore node(PostgresSettings settings) {
        PostgresDatabase database = PostgresDatabase.open(settings);
        nodes.add(database);
        return new PostgresJobStore(database, clock);
    }

    @AfterEach
    void close() {
        nodes.forEach(PostgresDatabase::close);
    }
}

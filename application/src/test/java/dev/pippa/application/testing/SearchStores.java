package dev.pippa.application.testing;

import dev.pippa.application.port.out.MessageSearch;
import dev.pippa.application.port.out.SummaryStore;

/**
 * For the search and summary contracts: the stores of one database, the conversation store reached through
 * the use cases that hold the rules of its writes; closing closes the database.
 */
public record SearchStores(UseCasesOver conversations, MessageSearch search, SummaryStore summaries,
                           AutoCloseable database) implements AutoCloseable {

    @Override
    public void close() throws Exception {
        database.close();
    }
}

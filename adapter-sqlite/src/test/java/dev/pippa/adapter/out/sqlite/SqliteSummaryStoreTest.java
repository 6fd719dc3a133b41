package dev.pippa.adapter.out.sqlite;

import dev.pippa.application.testing.SummaryStoreContract;
import dev.pippa.application.testing.SearchStores;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteSummaryStoreTest extends SummaryStoreContract {

    @TempDir
    Path directory;

    @Override
    protected SearchStores openStores() {
        SqliteStores sqlite = SqliteStores.open(SqliteSettings.defaults(directory.resolve("summaries.db")));
        return new SearchStores(sqlite.conversations(), sqlite.search(), sqlite.summaries(), sqlite);
    }
}

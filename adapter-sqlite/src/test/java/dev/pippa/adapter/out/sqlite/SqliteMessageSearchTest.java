package dev.pippa.adapter.out.sqlite;

import dev.pippa.application.testing.MessageSearchContract;
import dev.pippa.application.testing.SearchStores;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteMessageSearchTest extends MessageSearchContract {

    @TempDir
    Path directory;

    @Override
    protected SearchStores openStores() {
        SqliteStores sqlite = SqliteStores.open(SqliteSettings.defaults(directory.resolve("search.db")));
        return new SearchStores(sqlite.conversations(), sqlite.search(), sqlite.summaries(), sqlite);
    }
}

package dev.pippa.adapter.out.sqlite;

import dev.pippa.application.testing.VectorStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteVectorStoreTest extends VectorStoreContract {

    @TempDir
    Path directory;

    @Override
    protected VectorStores openStores() {
        SqliteStores sqlite = SqliteStores.open(SqliteSettings.defaults(directory.resolve("vectors.db")));
        return new VectorStores(sqlite.conversations(), new SqliteVectorStore(sqlite.database()), sqlite);
    }
}

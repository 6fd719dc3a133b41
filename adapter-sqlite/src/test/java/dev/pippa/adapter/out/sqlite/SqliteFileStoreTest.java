package dev.pippa.adapter.out.sqlite;

import dev.pippa.application.testing.FileStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteFileStoreTest extends FileStoreContract {

    @TempDir
    Path directory;

    @Override
    protected FileStores openStores() {
        SqliteStores sqlite = SqliteStores.open(SqliteSettings.defaults(directory.resolve("files.db")));
        return new FileStores(sqlite.conversations(), new SqliteFileStore(sqlite.database()), sqlite);
    }
}

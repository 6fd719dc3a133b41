package dev.pippa.adapter.out.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pippa.application.testing.UserStoreContract;
import dev.pippa.domain.user.Email;
import dev.pippa.domain.user.PasswordHash;
import dev.pippa.domain.user.User;
import dev.pippa.application.port.out.UserStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteUserStoreTest extends UserStoreContract {

    @TempDir
    Path directory;

    private SqliteStores sqlite;

    @Override
    protected UserStore openUserStore() {
        sqlite = SqliteStores.open(SqliteSettings.defaults(directory.resolve("users.db")));
        return sqlite.users();
    }

    @AfterEach
    void close() {
        sqlite.close();
    }

    @Test
    void givenAUser_whenTheFileIsReopened_thenTheUserIsStillThere() {
        User ada = users.createUser(new Email("ada@example.com"), new PasswordHash("$argon2id$stored"));
        sqlite.close();

        sqlite = SqliteStores.open(sqlite.settings());

        assertThat(sqlite.users().findUserByEmail(new Email("ada@example.com"))).contains(ada);
    }
}

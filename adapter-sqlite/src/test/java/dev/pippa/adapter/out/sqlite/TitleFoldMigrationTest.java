package dev.pippa.adapter.out.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pippa.domain.ConversationFilter;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.SortOrder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * A database made before archive, pin and the title filter (schema V12) keeps its conversations, which
 * then list in activity order and are found by a title filter that ignores case and accents.
 */
class TitleFoldMigrationTest {

    @TempDir
    Path directory;

    @Test
    void givenAVersion12Database_whenOpened_thenOldTitlesAreFoldedAndListedByActivity() throws Exception {
        SqliteSettings settings = SqliteSettings.defaults(directory.resolve("old.db"));
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl(Sqlite.url(settings));
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("12").load().migrate();
        try (Connection connection = dataSource.getConnection(); Statement insert = connection.createStatement()) {
            insert.executeUpdate("INSERT INTO conversation (id, owner_id, title, created_at, updated_at) VALUES"
                    + " ('conv_01KAAAAAAAAAAAAAAAAAAAAAAA', 'ada', 'Crème BRÛLÉE', 1000, 3000), ('conv_01KBBBBBBBBBBBBBBBBBBBBBBB', 'ada', 'Ötzi', 1000, 2000)");
        }

        try (SqliteDatabase database = SqliteDatabase.open(settings)) {
            SqliteConversationStore store = new SqliteConversationStore(database);
            OwnerId ada = new OwnerId("ada");

            assertThat(store.listConversations(ada, ConversationFilter.DEFAULT, null, SortOrder.DESC, 10))
                    .extracting(c -> c.id().value()).containsExactly("conv_01KAAAAAAAAAAAAAAAAAAAAAAA", "conv_01KBBBBBBBBBBBBBBBBBBBBBBB");
            assertThat(store.listConversations(ada, new ConversationFilter(ConversationFilter.Archived.HIDDEN,
                    "creme brulee", Map.of()), null, SortOrder.DESC, 10)).extracting(c -> c.id().value())
                    .containsExactly("conv_01KAAAAAAAAAAAAAAAAAAAAAAA");
            assertThat(store.listConversations(ada, new ConversationFilter(ConversationFilter.Archived.HIDDEN,
                    "OTZ", Map.of()), null, SortOrder.DESC, 10)).extracting(c -> c.id().value())
                    .containsExactly("conv_01KBBBBBBBBBBBBBBBBBBBBBBB");
        }
    }
}

package dev.pippa.adapter.out.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pippa.domain.ConversationFilter;
import dev.pippa.domain.ConversationFilter.Archived;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.PageCursor;
import dev.pippa.domain.SortOrder;
import dev.pippa.domain.TimeOrderedIds;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the paging queries the store runs are index range scans, with no sort and no table scan, so
 * page 5,000 of a long conversation costs what page 1 costs. Checked on SQLite's own query plan rather
 * than a timing.
 */
class KeysetQueryPlanTest {

    private static final OwnerId OWNER = new OwnerId("owner");

    @TempDir
    Path directory;

    private SqliteSettings settings;

    @BeforeEach
    void migrate() {
        settings = SqliteSettings.defaults(directory.resolve("plan.db"));
        SqliteDatabase.open(settings).close();
    }

    @Test
    void givenAMessagePageAfterACursor_whenPlanned_thenItIsAnIndexRangeScanInBothOrders() throws SQLException {
        for (SortOrder order : SortOrder.values()) {
            List<String> plan = plan(SqlStatements.messagePage(order, true));

            assertThat(plan).as(order + ": " + plan).anyMatch(step -> step.contains("SEARCH message USING INDEX message_by_conversation (conversation_id=? AND id"));
            assertIndexOnly(plan);
        }
    }

    @Test
    void givenAConversationPageAfterACursor_whenPlanned_thenItWalksTheListIndexOfItsArchiveStateInBothOrders()
            throws SQLException {
        Map<ConversationFilter, String> indexes = Map.of(
                ConversationFilter.DEFAULT, "conversation_list (owner_id=? AND archived=? AND ",
                new ConversationFilter(Archived.ONLY, null, Map.of()), "conversation_list (owner_id=? AND archived=? AND ",
                ConversationFilter.ALL, "conversation_list_all (owner_id=? AND ");
        indexes.forEach((filter, index) -> assertListPlan(filter, index));
    }

    @Test
    void givenTitleAndMetadataFilters_whenPlanned_thenTheyFilterTheSameIndexWalkWithoutSortingOrScanning()
            throws SQLException {
        assertListPlan(new ConversationFilter(Archived.HIDDEN, "Crème", Map.of("project", "apollo", "team", "a")),
                "conversation_list (owner_id=? AND archived=? AND ");
        assertListPlan(new ConversationFilter(Archived.ALL, "brûlée", Map.of("project", "apollo")),
                "conversation_list_all (owner_id=? AND ");
    }

    private void assertListPlan(ConversationFilter filter, String index) {
        for (SortOrder order : SortOrder.values()) {
            PageCursor cursor = PageCursor.after(new NewConversation(null, null).createdAs(
                    ConversationId.next(TimeOrderedIds.shared()), OWNER, Instant.now()), order);
            List<String> plan = plan(SqliteConversationStore.conversationPage(Sqlite.dsl(null), OWNER, filter, cursor,
                    order, 101).getSQL());

            assertThat(plan).as(filter + " " + order + ": " + plan)
                    .anyMatch(step -> step.contains("SEARCH conversation USING INDEX " + index));
            assertThat(plan).as(plan.toString()).noneMatch(step -> step.contains("TEMP B-TREE"));
            assertThat(plan).as(plan.toString()).noneMatch(step -> step.startsWith("SCAN conversation"));
        }
    }

    private static void assertIndexOnly(List<String> plan) {
        assertThat(plan).as(plan.toString()).noneMatch(step -> step.contains("TEMP B-TREE"));
        assertThat(plan).as(plan.toString()).noneMatch(step -> step.startsWith("SCAN"));
    }

    /** SQLite plans a statement with unbound parameters the same way as with values. */
    private List<String> plan(String sql) {
        try (Connection connection = Sqlite.connect(settings, true); Statement statement = connection.createStatement()) {
            List<String> steps = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
                while (rows.next()) {
                    steps.add(rows.getString("detail"));
                }
            }
            return steps;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}

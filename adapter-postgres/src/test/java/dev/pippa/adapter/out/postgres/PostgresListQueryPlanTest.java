package dev.pippa.adapter.out.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pippa.domain.ConversationFilter;
import dev.pippa.domain.ConversationFilter.Archived;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.PageCursor;
import dev.pippa.domain.SortOrder;
import dev.pippa.domain.TimeOrderedIds;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jooq.conf.ParamType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proves a page of the conversation list reads the list index of its archive state: unfiltered, as a walk
 * in list order with no sort. The table holds a few thousand rows of two owners, half of them archived,
 * analysed, so the planner chooses as it would in use; sequential scans are priced out, so an index that
 * could not serve the query would show up as a Seq Scan. With a title or metadata filter that the
 * statistics say few rows pass, PostgreSQL may rightly prefer to fetch the matches through the same index
 * (a bitmap scan) and sort those few; both plans read only the owner's rows of that archive state.
 */
class PostgresListQueryPlanTest {

    private static final OwnerId OWNER = new OwnerId("owner");
    private PostgresDatabase database;

    @BeforeEach
    void open() {
        database = PostgresDatabase.open(PostgresSettings.of(EmbeddedPostgresServer.newDatabase()));
        database.write(dsl -> dsl.execute("""
                INSERT INTO conversation (id, owner_id, title, title_key, created_at, updated_at, list_key, archived)
                SELECT 'conv_' || n, CASE WHEN n % 3 = 0 THEN 'other' ELSE 'owner' END, 'title ' || n,
                       'title ' || n, n, n, n, n % 2 = 0
                FROM generate_series(1, 4000) AS n"""));
        database.read(dsl -> dsl.execute("ANALYZE conversation"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void givenEachArchiveStateAndFilter_whenPlanned_thenTheListIndexIsWalkedWithoutSorting() {
        Map<ConversationFilter, String> indexes = Map.of(
                ConversationFilter.DEFAULT, "conversation_list",
                new ConversationFilter(Archived.ONLY, null, Map.of()), "conversation_list",
                new ConversationFilter(Archived.ONLY, "Crème", Map.of("project", "apollo")), "conversation_list",
                ConversationFilter.ALL, "conversation_list_all",
                new ConversationFilter(Archived.ALL, "brûlée", Map.of("team", "moon")), "conversation_list_all");
        indexes.forEach((filter, index) -> {
            boolean unfiltered = filter.titleContains() == null && filter.metadata().isEmpty();
            for (SortOrder order : SortOrder.values()) {
                List<String> plan = plan(filter, order);

                assertThat(plan).as(filter + " " + order + ": " + plan).anyMatch(step -> step.contains("Index Scan")
                        && (step.contains(" using " + index + " ") || step.contains(" on " + index + " ")));
                assertThat(plan).as(plan.toString()).noneMatch(step -> step.contains("Seq Scan"));
                if (unfiltered) {
                    assertThat(plan).as(plan.toString()).noneMatch(step -> step.contains("Sort"));
                }
            }
        });
    }

    private List<String> plan(ConversationFilter filter, SortOrder order) {
        PageCursor cursor = PageCursor.after(new NewConversation(null, null).createdAs(
                ConversationId.next(TimeOrderedIds.shared()), OWNER, Instant.ofEpochMilli(2000)), order);
        return database.read(dsl -> {
            String sql = PostgresConversationStore.conversationPage(dsl, OWNER, filter, cursor, order, 101)
                    .getSQL(ParamType.INLINED);
            dsl.execute("SET LOCAL enable_seqscan = off");
            return dsl.fetch("EXPLAIN " + sql).getValues(0, String.class);
        });
    }
}

package dev.pippa.adapter.out.postgres;

import static dev.pippa.adapter.out.postgres.Tables.Conversations;
import static dev.pippa.adapter.out.postgres.Tables.Summaries;

import dev.pippa.application.port.out.SummaryStore;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.SortOrder;
import dev.pippa.domain.Summary;
import dev.pippa.domain.event.NewEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** {@link SummaryStore} in the same database; a summary goes with its conversation (foreign key). */
public final class PostgresSummaryStore implements SummaryStore {

    private final PostgresDatabase database;

    public PostgresSummaryStore(PostgresDatabase database) {
        this.database = database;
    }

    @Override
    public Optional<Summary> findSummary(OwnerId owner, ConversationId conversationId) {
        return database.read(dsl -> selectSummary(dsl, owner, conversationId));
    }

    static Optional<Summary> selectSummary(DSLContext dsl, OwnerId owner, ConversationId conversationId) {
        return dsl.select(Summaries.SUMMARY, Summaries.COVERS_THROUGH_MESSAGE_ID,
                        Summaries.MESSAGE_COUNT_COVERED, Summaries.UPDATED_AT)
                .from(Summaries.TABLE)
                .join(Conversations.TABLE).on(Conversations.ID.eq(Summaries.CONVERSATION_ID))
                .where(Summaries.CONVERSATION_ID.eq(conversationId.value()), Conversations.OWNER_ID.eq(owner.value()))
                .fetchOptional(row -> new Summary(conversationId, NulSafeText.decode(row.value1()), new MessageId(row.value2()),
                        row.value3(), Instant.ofEpochMilli(row.value4())));
    }

    /**
     * Saved only if the owner's conversation exists and no stored summary covers as much; under the
     * conversation's lock, like every writer of it, so its event takes its place in commit order.
     */
    @Override
    public void saveSummary(OwnerId owner, Summary summary, NewEvent whenKept) {
        boolean recorded = database.write(dsl -> {
            Rows.query(dsl, Statements.LOCK_CONVERSATION,
                    lock -> lock.setString(1, summary.conversationId().value()), row -> null);
            boolean kept = dsl.insertInto(Summaries.TABLE, Summaries.CONVERSATION_ID, Summaries.SUMMARY,
                        Summaries.COVERS_THROUGH_MESSAGE_ID, Summaries.MESSAGE_COUNT_COVERED, Summaries.UPDATED_AT)
                .select(DSL.select(DSL.val(summary.conversationId().value()), DSL.val(NulSafeText.encode(summary.text())),
                                DSL.val(summary.coversThroughMessageId().value()), DSL.val(summary.messageCountCovered()),
                                DSL.val(summary.updatedAt().toEpochMilli()))
                        .whereExists(DSL.selectOne().from(Conversations.TABLE).where(
                                Conversations.ID.eq(summary.conversationId().value()),
                                Conversations.OWNER_ID.eq(owner.value()))))
                .onConflict(DSL.field(DSL.name(Summaries.CONVERSATION_ID.getName())))
                .doUpdate()
                .set(Summaries.SUMMARY, DSL.excluded(Summaries.SUMMARY))
                .set(Summaries.COVERS_THROUGH_MESSAGE_ID, DSL.excluded(Summaries.COVERS_THROUGH_MESSAGE_ID))
                .set(Summaries.MESSAGE_COUNT_COVERED, DSL.excluded(Summaries.MESSAGE_COUNT_COVERED))
                .set(Summaries.UPDATED_AT, DSL.excluded(Summaries.UPDATED_AT))
                .where(Summaries.MESSAGE_COUNT_COVERED.lt(DSL.excluded(Summaries.MESSAGE_COUNT_COVERED)))
                .execute() == 1;
            if (kept && whenKept != null) {
                Rows.batch(dsl, Statements.INSERT_EVENT, List.of(whenKept),
                        (insert, event) -> PostgresEventStore.bind(insert, 1, event, summary.updatedAt()));
            }
            return kept && whenKept != null;
        });
        if (recorded) {
            database.signals().committed();
        }
    }

    @Override
    public List<Message> messagesAfter(OwnerId owner, ConversationId conversationId, MessageId after, int limit) {
        return database.read(dsl -> PostgresConversationStore.messagePage(dsl, owner, conversationId, after,
                SortOrder.ASC, limit));
    }
}

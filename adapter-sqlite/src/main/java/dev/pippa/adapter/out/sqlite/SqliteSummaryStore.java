package dev.pippa.adapter.out.sqlite;

import static dev.pippa.adapter.out.sqlite.jooq.Tables.CONVERSATION;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.CONVERSATION_SUMMARY;

import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.SortOrder;
import dev.pippa.domain.Summary;
import dev.pippa.domain.SummaryStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link SummaryStore} in the conversations' file; a summary goes with its conversation (foreign key). */
final class SqliteSummaryStore implements SummaryStore {

    private final SqliteConversationStore store;

    SqliteSummaryStore(SqliteConversationStore store) {
        this.store = store;
    }

    @Override
    public Optional<Summary> findSummary(OwnerId owner, ConversationId conversationId) {
        return store.read(session -> session.dsl().select(CONVERSATION_SUMMARY.fields())
                .from(CONVERSATION_SUMMARY)
                .join(CONVERSATION).on(CONVERSATION.ID.eq(CONVERSATION_SUMMARY.CONVERSATION_ID))
                .where(CONVERSATION_SUMMARY.CONVERSATION_ID.eq(conversationId.value()),
                        CONVERSATION.OWNER_ID.eq(owner.value()))
                .fetchOptional(row -> new Summary(conversationId, row.get(CONVERSATION_SUMMARY.SUMMARY),
                        new MessageId(row.get(CONVERSATION_SUMMARY.COVERS_THROUGH_MESSAGE_ID)),
                        row.get(CONVERSATION_SUMMARY.MESSAGE_COUNT_COVERED),
                        Instant.ofEpochMilli(row.get(CONVERSATION_SUMMARY.UPDATED_AT)))));
    }

    @Override
    public void saveSummary(OwnerId owner, Summary summary) {
        store.write(session -> {
            boolean exists = session.dsl().fetchExists(CONVERSATION, CONVERSATION.ID.eq(summary.conversationId().value()),
                    CONVERSATION.OWNER_ID.eq(owner.value()));
            if (!exists) {
                return 0;
            }
            return session.dsl().insertInto(CONVERSATION_SUMMARY)
                    .set(CONVERSATION_SUMMARY.CONVERSATION_ID, summary.conversationId().value())
                    .set(CONVERSATION_SUMMARY.SUMMARY, summary.text())
                    .set(CONVERSATION_SUMMARY.COVERS_THROUGH_MESSAGE_ID, summary.coversThroughMessageId().value())
                    .set(CONVERSATION_SUMMARY.MESSAGE_COUNT_COVERED, summary.messageCountCovered())
                    .set(CONVERSATION_SUMMARY.UPDATED_AT, summary.updatedAt().toEpochMilli())
                    .onConflict(CONVERSATION_SUMMARY.CONVERSATION_ID).doUpdate()
                    .set(CONVERSATION_SUMMARY.SUMMARY, summary.text())
                    .set(CONVERSATION_SUMMARY.COVERS_THROUGH_MESSAGE_ID, summary.coversThroughMessageId().value())
                    .set(CONVERSATION_SUMMARY.MESSAGE_COUNT_COVERED, summary.messageCountCovered())
                    .set(CONVERSATION_SUMMARY.UPDATED_AT, summary.updatedAt().toEpochMilli())
                    .where(CONVERSATION_SUMMARY.MESSAGE_COUNT_COVERED.lt(summary.messageCountCovered()))
                    .execute();
        });
    }

    @Override
    public List<Message> messagesAfter(OwnerId owner, ConversationId conversationId, MessageId after, int limit) {
        return store.read(session -> SqliteConversationStore.selectMessages(session, owner, conversationId,
                SortOrder.ASC, after == null ? null : after.value(), limit));
    }
}

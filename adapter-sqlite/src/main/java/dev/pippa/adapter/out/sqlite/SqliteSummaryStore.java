package dev.pippa.adapter.out.sqlite;

import static dev.pippa.adapter.out.sqlite.jooq.Tables.CONVERSATION_SUMMARY;

import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.SortOrder;
import dev.pippa.domain.Summary;
import dev.pippa.domain.event.NewEvent;
import dev.pippa.application.port.out.SummaryStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link SummaryStore} in the conversations' file; a summary goes with its conversation (foreign key). */
public final class SqliteSummaryStore implements SummaryStore {

    private final SqliteDatabase store;

    public SqliteSummaryStore(SqliteDatabase store) {
        this.store = store;
    }

    @Override
    public Optional<Summary> findSummary(OwnerId owner, ConversationId conversationId) {
        return store.read(session -> selectSummary(session, owner, conversationId));
    }

    static Optional<Summary> selectSummary(Session session, OwnerId owner, ConversationId conversationId)
            throws SQLException {
        PreparedStatement select = session.statement(SqlStatements.SELECT_SUMMARY);
        select.setString(1, conversationId.value());
        select.setString(2, owner.value());
        try (ResultSet row = select.executeQuery()) {
            return row.next()
                    ? Optional.of(new Summary(conversationId, row.getString(CONVERSATION_SUMMARY.SUMMARY.getName()),
                            new MessageId(row.getString(CONVERSATION_SUMMARY.COVERS_THROUGH_MESSAGE_ID.getName())),
                            row.getLong(CONVERSATION_SUMMARY.MESSAGE_COUNT_COVERED.getName()),
                            Instant.ofEpochMilli(row.getLong(CONVERSATION_SUMMARY.UPDATED_AT.getName()))))
                    : Optional.empty();
        }
    }

    @Override
    public void saveSummary(OwnerId owner, Summary summary, NewEvent whenKept) {
        boolean kept = store.write(session -> {
            PreparedStatement save = session.statement(SqlStatements.SAVE_SUMMARY);
            save.setString(1, summary.conversationId().value());
            save.setString(2, summary.text());
            save.setString(3, summary.coversThroughMessageId().value());
            save.setLong(4, summary.messageCountCovered());
            save.setLong(5, summary.updatedAt().toEpochMilli());
            save.setString(6, summary.conversationId().value());
            save.setString(7, owner.value());
            boolean changed = save.executeUpdate() == 1;
            if (changed && whenKept != null) {
                SqliteEventStore.insert(session, List.of(whenKept), summary.updatedAt());
            }
            return changed;
        });
        if (kept && whenKept != null) {
            store.eventsCommitted();
        }
    }

    @Override
    public List<Message> messagesAfter(OwnerId owner, ConversationId conversationId, MessageId after, int limit) {
        return store.read(session -> MessageRows.page(session, owner, conversationId,
                SortOrder.ASC, after == null ? null : after.value(), limit));
    }
}

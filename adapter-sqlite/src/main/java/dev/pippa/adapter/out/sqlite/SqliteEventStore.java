package dev.pippa.adapter.out.sqlite;

import static dev.pippa.adapter.out.sqlite.jooq.Tables.EVENT;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.EVENT_FORGOTTEN;

import dev.pippa.application.port.out.EventStore;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.event.Event;
import dev.pippa.domain.event.EventPosition;
import dev.pippa.domain.event.EventScope;
import dev.pippa.domain.event.EventType;
import dev.pippa.domain.event.NewEvent;
import dev.pippa.domain.generation.ResponseId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.impl.DSL;

/**
 * {@link EventStore} in the conversations' file. The single writer numbers events as it commits them, so
 * row order is commit order and a reader's snapshot always holds a prefix of it: the position is
 * {@code (0, seq)}. Each event is read with what it names, in the same read transaction.
 */
public final class SqliteEventStore implements EventStore {

    private final SqliteDatabase database;

    public SqliteEventStore(SqliteDatabase database) {
        this.database = database;
    }

    static void insert(Session session, List<NewEvent> events, Instant at) throws SQLException {
        PreparedStatement insert = session.statement(SqlStatements.INSERT_EVENT);
        for (NewEvent event : events) {
            insert.setString(1, event.type().wireName());
            insert.setString(2, event.owner().value());
            insert.setString(3, event.conversationId().value());
            insert.setString(4, event.messageId() == null ? null : event.messageId().value());
            insert.setString(5, event.responseId() == null ? null : event.responseId().value());
            insert.setString(6, event.delta());
            insert.setLong(7, at.toEpochMilli());
            insert.executeUpdate();
        }
    }

    static void forgetConversation(Session session, ConversationId id) {
        session.dsl().deleteFrom(EVENT).where(EVENT.CONVERSATION_ID.eq(id.value())).execute();
    }

    @Override
    public List<Event> eventsAfter(EventScope scope, EventPosition after, int limit) {
        return database.read(session -> {
            PreparedStatement select;
            int parameter = 1;
            if (scope.owner() == null) {
                select = session.statement(SqlStatements.EVENTS_AFTER);
            } else if (scope.conversation() == null) {
                select = session.statement(SqlStatements.OWNER_EVENTS_AFTER);
                select.setString(parameter++, scope.owner().value());
            } else {
                select = session.statement(SqlStatements.CONVERSATION_EVENTS_AFTER);
                select.setString(parameter++, scope.conversation().value());
                select.setString(parameter++, scope.owner().value());
            }
            select.setLong(parameter++, after.sequence());
            select.setInt(parameter, limit);
            List<EventRow> rows = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(new EventRow(row.getLong(1), EventType.fromWireName(row.getString(2)),
                            new OwnerId(row.getString(3)), new ConversationId(row.getString(4)), row.getString(5),
                            row.getString(6), row.getString(7)));
                }
            }
            List<Event> events = new ArrayList<>(rows.size());
            for (EventRow row : rows) {
                resolve(session, row).ifPresent(events::add);
            }
            return events;
        });
    }

    private record EventRow(long seq, EventType type, OwnerId owner, ConversationId conversation, String messageId,
                            String responseId, String delta) {
    }

    /** The event with what it names, as stored now; empty if that is gone or the type is unknown. */
    private static Optional<Event> resolve(Session session, EventRow row) throws SQLException {
        EventPosition position = new EventPosition(0, row.seq());
        if (row.type() == null) {
            return Optional.empty();
        }
        return switch (row.type()) {
            case MESSAGE_CREATED -> SqliteConversationStore.selectMessage(session, row.owner(), row.conversation(),
                    new MessageId(row.messageId())).map(message -> new Event.MessageCreated(position, row.owner(), message));
            case MESSAGE_UPDATED -> SqliteConversationStore.selectMessage(session, row.owner(), row.conversation(),
                    new MessageId(row.messageId())).map(message -> new Event.MessageUpdated(position, row.owner(), message));
            case MESSAGE_DELETED -> Optional.of(new Event.MessageDeleted(position, row.owner(), row.conversation(),
                    new MessageId(row.messageId())));
            case CONVERSATION_CREATED, CONVERSATION_UPDATED -> SqliteConversationStore.selectConversation(session,
                    row.owner(), row.conversation()).map(conversation ->
                    new Event.ConversationChanged(position, row.type(), conversation));
            case CONVERSATION_DELETED -> Optional.of(new Event.ConversationDeleted(position, row.owner(),
                    row.conversation()));
            case SUMMARY_UPDATED -> SqliteSummaryStore.selectSummary(session, row.owner(), row.conversation())
                    .map(summary -> new Event.SummaryUpdated(position, row.owner(), summary));
            case RESPONSE_OUTPUT_TEXT_DELTA -> Optional.of(new Event.ResponseDelta(position, row.owner(),
                    row.conversation(), new ResponseId(row.responseId()), row.delta()));
            case RESPONSE_CREATED, RESPONSE_IN_PROGRESS, RESPONSE_COMPLETED, RESPONSE_INCOMPLETE, RESPONSE_FAILED,
                 RESPONSE_CANCELLED -> SqliteResponses.select(session, row.owner(), new ResponseId(row.responseId()))
                    .map(response -> new Event.ResponseChanged(position, row.type(), response));
        };
    }

    @Override
    public EventPosition head() {
        return database.read(session -> {
            Long last = session.dsl().select(DSL.max(EVENT.SEQ)).from(EVENT).fetchOne(0, Long.class);
            return last == null ? EventPosition.START : new EventPosition(0, last);
        });
    }

    @Override
    public EventPosition forgottenThrough() {
        return database.read(session -> new EventPosition(0,
                session.dsl().select(EVENT_FORGOTTEN.THROUGH).from(EVENT_FORGOTTEN).fetchOne(0, Long.class)));
    }

    @Override
    public long forgetBefore(Instant cutoff) {
        return database.write(session -> {
            Long through = session.dsl().select(DSL.max(EVENT.SEQ)).from(EVENT)
                    .where(EVENT.CREATED_AT.lt(cutoff.toEpochMilli())).fetchOne(0, Long.class);
            if (through == null) {
                return 0L;
            }
            session.dsl().update(EVENT_FORGOTTEN)
                    .set(EVENT_FORGOTTEN.THROUGH, DSL.greatest(EVENT_FORGOTTEN.THROUGH, DSL.val(through)))
                    .execute();
            return (long) session.dsl().deleteFrom(EVENT).where(SqlStatements.EVENT_SEQ.le(through)).execute();
        });
    }

    @Override
    public void onCommitted(Runnable listener) {
        database.onEventsCommitted(listener);
    }
}

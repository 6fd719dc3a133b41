package dev.pippa.adapter.out.postgres;

import static dev.pippa.adapter.out.postgres.Tables.Events;
import static dev.pippa.adapter.out.postgres.Tables.EventsForgotten;

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
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * {@link EventStore} on PostgreSQL, shared by every node. Events are ordered by (writing transaction id,
 * sequence) and read only up to the oldest transaction still running (see the schema, V2__events.sql):
 * nothing can commit behind what a reader has seen, whichever node wrote it. Events of a transaction that
 * committed behind a still-running one wait for it; the readers are told to look again shortly.
 */
public final class PostgresEventStore implements EventStore {

    private static final Duration HELD_BACK_RETRY = Duration.ofMillis(10);
    /** Whether a row's transaction is older than every running one, so nothing can commit before it. */
    private static final Field<Boolean> SETTLED = DSL.field(
            "{0} < pg_snapshot_xmin(pg_current_snapshot())::text::bigint", Boolean.class, Events.XID);

    private final PostgresDatabase database;

    public PostgresEventStore(PostgresDatabase database) {
        this.database = database;
    }

    static int bind(PreparedStatement insert, int first, NewEvent event, Instant at) throws SQLException {
        int parameter = first;
        insert.setString(parameter++, event.type().wireName());
        insert.setString(parameter++, event.owner().value());
        insert.setString(parameter++, event.conversationId().value());
        insert.setString(parameter++, event.messageId() == null ? null : event.messageId().value());
        insert.setString(parameter++, event.responseId() == null ? null : event.responseId().value());
        insert.setString(parameter++, NulSafeText.encode(event.delta()));
        insert.setLong(parameter++, at.toEpochMilli());
        return parameter;
    }

    @Override
    public List<Event> eventsAfter(EventScope scope, EventPosition after, int limit) {
        Condition where = DSL.row(Events.XID, Events.SEQ).gt(after.transaction(), after.sequence());
        if (scope.owner() != null) {
            where = where.and(Events.OWNER_ID.eq(scope.owner().value()));
        }
        if (scope.conversation() != null) {
            where = where.and(Events.CONVERSATION_ID.eq(scope.conversation().value()));
        }
        Condition page = where;
        boolean[] heldBack = {false};
        List<Event> events = database.read(dsl -> {
            List<Event> settled = new ArrayList<>();
            for (Record row : dsl.select(Events.XID, Events.SEQ, Events.TYPE, Events.OWNER_ID, Events.CONVERSATION_ID,
                            Events.MESSAGE_ID, Events.RESPONSE_ID, Events.DELTA, SETTLED)
                    .from(Events.TABLE).where(page).orderBy(Events.XID, Events.SEQ).limit(limit).fetch()) {
                if (!row.get(SETTLED)) {
                    heldBack[0] = true;
                    break;
                }
                resolve(dsl, row).ifPresent(settled::add);
            }
            return settled;
        });
        if (heldBack[0]) {
            database.signals().again(HELD_BACK_RETRY);
        }
        return events;
    }

    /** The event with what it names, as stored now; empty if that is gone or the type is unknown. */
    private static Optional<Event> resolve(DSLContext dsl, Record row) {
        EventPosition position = new EventPosition(row.get(Events.XID), row.get(Events.SEQ));
        EventType type = EventType.fromWireName(row.get(Events.TYPE));
        OwnerId owner = new OwnerId(row.get(Events.OWNER_ID));
        ConversationId conversation = new ConversationId(row.get(Events.CONVERSATION_ID));
        if (type == null) {
            return Optional.empty();
        }
        return switch (type) {
            case MESSAGE_CREATED -> PostgresConversationStore.selectMessage(dsl, owner, conversation,
                    new MessageId(row.get(Events.MESSAGE_ID))).map(message -> new Event.MessageCreated(position, owner, message));
            case MESSAGE_UPDATED -> PostgresConversationStore.selectMessage(dsl, owner, conversation,
                    new MessageId(row.get(Events.MESSAGE_ID))).map(message -> new Event.MessageUpdated(position, owner, message));
            case MESSAGE_DELETED -> Optional.of(new Event.MessageDeleted(position, owner, conversation,
                    new MessageId(row.get(Events.MESSAGE_ID))));
            case CONVERSATION_CREATED, CONVERSATION_UPDATED -> PostgresConversationStore.selectConversation(dsl, owner,
                    conversation, false).map(found -> new Event.ConversationChanged(position, type, found));
            case CONVERSATION_DELETED -> Optional.of(new Event.ConversationDeleted(position, owner, conversation));
            case SUMMARY_UPDATED -> PostgresSummaryStore.selectSummary(dsl, owner, conversation)
                    .map(summary -> new Event.SummaryUpdated(position, owner, summary));
            case RESPONSE_OUTPUT_TEXT_DELTA -> Optional.of(new Event.ResponseDelta(position, owner, conversation,
                    new ResponseId(row.get(Events.RESPONSE_ID)), NulSafeText.decode(row.get(Events.DELTA))));
            case RESPONSE_CREATED, RESPONSE_IN_PROGRESS, RESPONSE_COMPLETED, RESPONSE_INCOMPLETE, RESPONSE_FAILED,
                 RESPONSE_CANCELLED -> PostgresResponses.select(dsl, owner, new ResponseId(row.get(Events.RESPONSE_ID)))
                    .map(response -> new Event.ResponseChanged(position, type, response));
        };
    }

    /** The newest settled event (a reader starting now must not skip one that settles later). */
    @Override
    public EventPosition head() {
        return database.read(dsl -> dsl.select(Events.XID, Events.SEQ).from(Events.TABLE)
                .where(DSL.condition(SETTLED))
                .orderBy(Events.XID.desc(), Events.SEQ.desc()).limit(1)
                .fetchOptional(row -> new EventPosition(row.value1(), row.value2()))
                .orElse(EventPosition.START));
    }

    @Override
    public EventPosition forgottenThrough() {
        return database.read(dsl -> dsl.select(EventsForgotten.XID, EventsForgotten.SEQ).from(EventsForgotten.TABLE)
                .fetchOne(row -> new EventPosition(row.value1(), row.value2())));
    }

    @Override
    public long forgetBefore(Instant cutoff) {
        return database.write(dsl -> {
            Optional<EventPosition> through = dsl.select(Events.XID, Events.SEQ).from(Events.TABLE)
                    .where(Events.CREATED_AT.lt(cutoff.toEpochMilli()))
                    .orderBy(Events.XID.desc(), Events.SEQ.desc()).limit(1)
                    .fetchOptional(row -> new EventPosition(row.value1(), row.value2()));
            if (through.isEmpty()) {
                return 0L;
            }
            var last = DSL.row(DSL.val(through.get().transaction()), DSL.val(through.get().sequence()));
            dsl.update(EventsForgotten.TABLE)
                    .set(DSL.row(EventsForgotten.XID, EventsForgotten.SEQ), last)
                    .where(DSL.row(EventsForgotten.XID, EventsForgotten.SEQ).lt(last))
                    .execute();
            return (long) dsl.deleteFrom(Events.TABLE).where(DSL.row(Events.XID, Events.SEQ).le(last)).execute();
        });
    }

    @Override
    public void onCommitted(Runnable listener) {
        database.signals().listen(listener);
    }
}

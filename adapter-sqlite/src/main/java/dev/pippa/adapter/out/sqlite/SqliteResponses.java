package dev.pippa.adapter.out.sqlite;

import static dev.pippa.adapter.out.sqlite.jooq.Tables.RESPONSE;

import dev.pippa.adapter.out.sqlite.jooq.tables.records.ResponseRecord;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.generation.ContextSent;
import dev.pippa.domain.generation.GenerationRequest;
import dev.pippa.domain.generation.Response;
import dev.pippa.domain.generation.ResponseId;
import dev.pippa.domain.generation.ResponseStatus;
import dev.pippa.application.port.out.ConversationWrites;
import java.time.Instant;
import java.util.List;
import org.jooq.impl.DSL;
import java.util.Locale;
import java.util.Optional;

/** Responses in the conversations' file: rows to records and back, by the generated table's fields. */
final class SqliteResponses {

    private static final List<String> ACTIVE = List.of(ResponseStatus.QUEUED.wireName(),
            ResponseStatus.IN_PROGRESS.wireName());

    private SqliteResponses() {
    }

    static Optional<Response> select(Session session, OwnerId owner, ResponseId id) {
        return session.dsl().selectFrom(RESPONSE)
                .where(RESPONSE.ID.eq(id.value()), RESPONSE.OWNER_ID.eq(owner.value()))
                .fetchOptional(SqliteResponses::response);
    }

    static Optional<Response> answering(Session session, OwnerId owner, MessageId inputMessageId) {
        return session.dsl().selectFrom(RESPONSE)
                .where(RESPONSE.INPUT_MESSAGE_ID.eq(inputMessageId.value()), RESPONSE.OWNER_ID.eq(owner.value()))
                .fetchOptional(SqliteResponses::response);
    }

    /** Counted on the partial index of responses not yet ended: as small as the work in flight. */
    static ConversationWrites.ActiveResponses active(Session session, OwnerId owner) {
        var row = session.dsl().select(DSL.count().filterWhere(RESPONSE.OWNER_ID.eq(owner.value())), DSL.count())
                .from(RESPONSE).where(RESPONSE.STATUS.in(ACTIVE)).fetchOne();
        return new ConversationWrites.ActiveResponses(row.value1(), row.value2());
    }

    static void insert(Session session, Response response) {
        session.dsl().insertInto(RESPONSE).set(row(response)).execute();
    }

    static void update(Session session, Response response) {
        session.dsl().update(RESPONSE).set(row(response)).where(RESPONSE.ID.eq(response.id().value())).execute();
    }

    private static ResponseRecord row(Response response) {
        GenerationRequest asked = response.asked();
        ResponseRecord row = new ResponseRecord();
        row.setId(response.id().value());
        row.setConversationId(response.conversationId().value());
        row.setOwnerId(response.owner().value());
        row.setStatus(response.status().wireName());
        row.setInstructions(asked.instructions());
        row.setModel(asked.model());
        row.setMaxOutputTokens(asked.maxOutputTokens() == null ? null : asked.maxOutputTokens().longValue());
        row.setTemperature(asked.temperature());
        row.setInputMessageId(response.inputMessageId().value());
        row.setOutputMessageId(response.outputMessageId() == null ? null : response.outputMessageId().value());
        row.setInputTokens(response.usage().inputTokens());
        row.setOutputTokens(response.usage().outputTokens());
        row.setErrorCode(response.error() == null ? null : response.error().code());
        row.setErrorDetail(response.error() == null ? null : response.error().detail());
        row.setCancelRequested(response.cancelRequested());
        row.setCreatedAt(response.createdAt().toEpochMilli());
        row.setCompletedAt(response.completedAt() == null ? null : response.completedAt().toEpochMilli());
        ContextSent context = response.context();
        row.setContextMessageIds(context == null ? null : context.messageIdsText());
        row.setContextSummaryUsed(context == null ? null : context.summaryUsed());
        row.setContextTokens(context == null ? null : context.tokens());
        row.setContextCitations(context == null ? null : context.citationsText());
        return row;
    }

    private static Response response(ResponseRecord row) {
        return new Response(new ResponseId(row.getId()), new OwnerId(row.getOwnerId()),
                new ConversationId(row.getConversationId()),
                ResponseStatus.valueOf(row.getStatus().toUpperCase(Locale.ROOT)),
                new GenerationRequest(row.getInstructions(), row.getModel(),
                        row.getMaxOutputTokens() == null ? null : row.getMaxOutputTokens().intValue(), row.getTemperature()),
                new MessageId(row.getInputMessageId()),
                row.getOutputMessageId() == null ? null : new MessageId(row.getOutputMessageId()),
                new Response.Usage(row.getInputTokens(), row.getOutputTokens()),
                row.getErrorCode() == null ? null : new Response.ResponseError(row.getErrorCode(), row.getErrorDetail()),
                Boolean.TRUE.equals(row.getCancelRequested()), Instant.ofEpochMilli(row.getCreatedAt()),
                row.getCompletedAt() == null ? null : Instant.ofEpochMilli(row.getCompletedAt()),
                ContextSent.fromText(row.getContextMessageIds(), row.getContextSummaryUsed(), row.getContextCitations(),
                        row.getContextTokens()));
    }
}

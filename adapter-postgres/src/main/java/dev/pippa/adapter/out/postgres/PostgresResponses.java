package dev.pippa.adapter.out.postgres;

import static dev.pippa.adapter.out.postgres.Tables.Responses;

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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Responses on PostgreSQL: rows to records and back, by {@link Tables.Responses}' names. */
final class PostgresResponses {

    private static final List<String> ACTIVE = List.of(ResponseStatus.QUEUED.wireName(),
            ResponseStatus.IN_PROGRESS.wireName());

    private PostgresResponses() {
    }

    static Optional<Response> select(DSLContext dsl, OwnerId owner, ResponseId id) {
        return dsl.select(columns(null).keySet()).from(Responses.TABLE)
                .where(Responses.ID.eq(id.value()), Responses.OWNER_ID.eq(owner.value()))
                .fetchOptional(PostgresResponses::response);
    }

    static Optional<Response> answering(DSLContext dsl, OwnerId owner, MessageId inputMessageId) {
        return dsl.select(columns(null).keySet()).from(Responses.TABLE)
                .where(Responses.INPUT_MESSAGE_ID.eq(inputMessageId.value()), Responses.OWNER_ID.eq(owner.value()))
                .fetchOptional(PostgresResponses::response);
    }

    /** Counted on the partial index of responses not yet ended: as small as the work in flight. */
    static ConversationWrites.ActiveResponses active(DSLContext dsl, OwnerId owner) {
        var row = dsl.select(DSL.count().filterWhere(Responses.OWNER_ID.eq(owner.value())), DSL.count())
                .from(Responses.TABLE).where(Responses.STATUS.in(ACTIVE)).fetchOne();
        return new ConversationWrites.ActiveResponses(row.value1(), row.value2());
    }

    static void insert(DSLContext dsl, Response response) {
        dsl.insertInto(Responses.TABLE).set(columns(response)).execute();
    }

    static void update(DSLContext dsl, Response response) {
        dsl.update(Responses.TABLE).set(columns(response)).where(Responses.ID.eq(response.id().value())).execute();
    }

    /** Every column and its value for {@code response} (null: the columns alone, for a select). */
    private static Map<Field<?>, Object> columns(Response response) {
        boolean values = response != null;
        GenerationRequest asked = values ? response.asked() : null;
        Map<Field<?>, Object> columns = new LinkedHashMap<>();
        columns.put(Responses.ID, values ? response.id().value() : null);
        columns.put(Responses.CONVERSATION_ID, values ? response.conversationId().value() : null);
        columns.put(Responses.OWNER_ID, values ? response.owner().value() : null);
        columns.put(Responses.STATUS, values ? response.status().wireName() : null);
        columns.put(Responses.INSTRUCTIONS, values ? NulSafeText.encode(asked.instructions()) : null);
        columns.put(Responses.MODEL, values ? asked.model() : null);
        columns.put(Responses.MAX_OUTPUT_TOKENS,
                values && asked.maxOutputTokens() != null ? asked.maxOutputTokens().longValue() : null);
        columns.put(Responses.TEMPERATURE, values ? asked.temperature() : null);
        columns.put(Responses.INPUT_MESSAGE_ID, values ? response.inputMessageId().value() : null);
        columns.put(Responses.OUTPUT_MESSAGE_ID,
                values && response.outputMessageId() != null ? response.outputMessageId().value() : null);
        columns.put(Responses.INPUT_TOKENS, values ? response.usage().inputTokens() : null);
        columns.put(Responses.OUTPUT_TOKENS, values ? response.usage().outputTokens() : null);
        columns.put(Responses.ERROR_CODE, values && response.error() != null ? response.error().code() : null);
        columns.put(Responses.ERROR_DETAIL, values && response.error() != null
                ? NulSafeText.encode(response.error().detail()) : null);
        columns.put(Responses.CANCEL_REQUESTED, values ? response.cancelRequested() : null);
        columns.put(Responses.CREATED_AT, values ? response.createdAt().toEpochMilli() : null);
        columns.put(Responses.COMPLETED_AT,
                values && response.completedAt() != null ? response.completedAt().toEpochMilli() : null);
        ContextSent context = values ? response.context() : null;
        columns.put(Responses.CONTEXT_MESSAGE_IDS, context == null ? null : context.messageIdsText());
        columns.put(Responses.CONTEXT_SUMMARY_USED, context == null ? null : context.summaryUsed());
        columns.put(Responses.CONTEXT_TOKENS, context == null ? null : context.tokens());
        columns.put(Responses.CONTEXT_CITATIONS, context == null ? null : context.citationsText());
        return columns;
    }

    private static Response response(Record row) {
        Long maxTokens = row.get(Responses.MAX_OUTPUT_TOKENS);
        String output = row.get(Responses.OUTPUT_MESSAGE_ID);
        String errorCode = row.get(Responses.ERROR_CODE);
        Long completed = row.get(Responses.COMPLETED_AT);
        return new Response(new ResponseId(row.get(Responses.ID)), new OwnerId(row.get(Responses.OWNER_ID)),
                new ConversationId(row.get(Responses.CONVERSATION_ID)),
                ResponseStatus.valueOf(row.get(Responses.STATUS).toUpperCase(Locale.ROOT)),
                new GenerationRequest(NulSafeText.decode(row.get(Responses.INSTRUCTIONS)), row.get(Responses.MODEL),
                        maxTokens == null ? null : maxTokens.intValue(), row.get(Responses.TEMPERATURE)),
                new MessageId(row.get(Responses.INPUT_MESSAGE_ID)), output == null ? null : new MessageId(output),
                new Response.Usage(row.get(Responses.INPUT_TOKENS), row.get(Responses.OUTPUT_TOKENS)),
                errorCode == null ? null
                        : new Response.ResponseError(errorCode, NulSafeText.decode(row.get(Responses.ERROR_DETAIL))),
                row.get(Responses.CANCEL_REQUESTED), Instant.ofEpochMilli(row.get(Responses.CREATED_AT)),
                completed == null ? null : Instant.ofEpochMilli(completed),
                ContextSent.fromText(row.get(Responses.CONTEXT_MESSAGE_IDS), row.get(Responses.CONTEXT_SUMMARY_USED),
                        row.get(Responses.CONTEXT_CITATIONS),
                        row.get(Responses.CONTEXT_TOKENS)));
    }
}

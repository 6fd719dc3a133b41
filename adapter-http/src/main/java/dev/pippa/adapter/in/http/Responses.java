package dev.pippa.adapter.in.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pippa.application.port.in.AccessToken;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.Page;
import dev.pippa.domain.SearchHit;
import dev.pippa.domain.Summary;
import dev.pippa.domain.generation.Response;
import dev.pippa.domain.user.User;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The JSON shapes the API returns (DESIGN §3), mapped from domain records. */
final class Responses {

    private Responses() {
    }

    /** A conversation; {@code forked_from} is null unless it was forked from another. */
    record ConversationJson(String id, String object, String title, Map<String, String> metadata,
                            long messageCount, String createdAt, String updatedAt, boolean archived, boolean pinned,
                            ForkJson forkedFrom) {

        record ForkJson(String conversationId, String messageId) {
        }

        static ConversationJson from(Conversation c) {
            return new ConversationJson(c.id().value(), "conversation", c.title(), c.metadata().entries(),
                    c.messageCount(), Json.timestamp(c.createdAt()), Json.timestamp(c.updatedAt()), c.archived(),
                    c.pinned(), c.forkedFrom() == null ? null : new ForkJson(c.forkedFrom().conversationId().value(),
                            c.forkedFrom().messageId().value()));
        }
    }

    /** A message; {@code edited_at} is null unless its owner edited it. */
    record MessageJson(String id, String object, String conversationId, String role, String content,
                       Map<String, String> metadata, String createdAt, String editedAt) {

        static MessageJson from(Message m) {
            return new MessageJson(m.id().value(), "message", m.conversationId().value(), m.role().wireName(),
                    m.content(), m.metadata().entries(), Json.timestamp(m.createdAt()),
                    m.editedAt() == null ? null : Json.timestamp(m.editedAt()));
        }
    }

    record UserJson(String id, String object, String email, String createdAt) {

        static UserJson from(User user) {
            return new UserJson(user.id().value(), "user", user.email().value(), Json.timestamp(user.createdAt()));
        }
    }

    /** The OAuth2 token response (RFC 6749 §5.1). */
    record TokenJson(String accessToken, String tokenType, long expiresIn) {

        static TokenJson from(AccessToken token) {
            return new TokenJson(token.value(), "bearer", token.expiresIn().toSeconds());
        }
    }

    /** A search hit: the message, the snippet around the match, and its bm25 score (lower is better). */
    record TicketJson(String ticket, String object, long expiresIn) {

        static TicketJson from(AccessToken ticket) {
            return new TicketJson(ticket.value(), "stream_ticket", ticket.expiresIn().toSeconds());
        }
    }

    /**
     * {@code scores}: what each ranking that found it said (keyword bm25, semantic cosine similarity);
     * {@code source} "message" (then {@code message} is set) or "file" (then {@code file}: a chunk of it).
     */
    record SearchResultJson(String object, String source, double score, Map<String, Double> scores, String snippet,
                            MessageJson message, FileChunkJson file) {

        record FileChunkJson(String id, String name, int position) {
        }


        static SearchResultJson from(SearchHit hit) {
            Map<String, Double> scores = new LinkedHashMap<>();
            if (hit.scores().keyword() != null) {
                scores.put("keyword", hit.scores().keyword());
            }
            if (hit.scores().semantic() != null) {
                scores.put("semantic", hit.scores().semantic());
            }
            return new SearchResultJson("search_result", hit.message() != null ? "message" : "file", hit.score(),
                    scores, hit.snippet(), hit.message() == null ? null : MessageJson.from(hit.message()),
                    hit.file() == null ? null : new FileChunkJson(hit.file().file().value(), hit.file().fileName(),
                            hit.file().position()));
        }
    }

    /** status "pending" (and nulls) until the first summary exists, then "ready". */
    record SummaryJson(String conversationId, String object, String status, String summary,
                       String coversThroughMessageId, long messageCountCovered, String updatedAt) {

        static SummaryJson from(ConversationId conversation, Optional<Summary> summary) {
            return summary.map(s -> new SummaryJson(conversation.value(), "summary", "ready", s.text(),
                            s.coversThroughMessageId().value(), s.messageCountCovered(), Json.timestamp(s.updatedAt())))
                    .orElseGet(() -> new SummaryJson(conversation.value(), "summary", "pending", null, null, 0, null));
        }
    }

    /**
     * A response as the API returns it; {@code output_message_id} once its message is stored, and the
     * message itself ({@code output_message}) where it is read too (not in the event streams, which carry
     * it as the {@code message.created} event just before).
     */
    record ResponseJson(String id, String object, String conversationId, String status, String model,
                        String inputMessageId, String outputMessageId,
                        @JsonInclude(JsonInclude.Include.NON_NULL) MessageJson outputMessage, UsageJson usage,
                        ErrorJson error, ContextJson context, String createdAt, String completedAt) {

        record UsageJson(long inputTokens, long outputTokens) {
        }

        /**
         * What was sent to the model (besides the instructions), once the response has ended; {@code citations}:
         * the passages of attached files, numbered [1], [2]… in that order.
         */
        record ContextJson(List<String> messageIds, boolean summaryUsed, List<CitationJson> citations, long tokens) {
            record CitationJson(String fileId, int position) {
            }
        }

        record ErrorJson(String code, String detail) {
        }

        static ResponseJson from(Response response) {
            return from(response, null);
        }

        static ResponseJson from(Response response, MessageJson output) {
            return new ResponseJson(response.id().value(), "response", response.conversationId().value(),
                    response.status().wireName(), response.asked().model(), response.inputMessageId().value(),
                    response.outputMessageId() == null ? null : response.outputMessageId().value(), output,
                    new UsageJson(response.usage().inputTokens(), response.usage().outputTokens()),
                    response.error() == null ? null : new ErrorJson(response.error().code(), response.error().detail()),
                    response.context() == null ? null : new ContextJson(response.context().messageIds().stream()
                            .map(MessageId::value).toList(), response.context().summaryUsed(),
                            response.context().citations().stream().map(citation -> new ContextJson.CitationJson(
                                    citation.file().value(), citation.position())).toList(),
                            response.context().tokens()),
                    Json.timestamp(response.createdAt()),
                    response.completedAt() == null ? null : Json.timestamp(response.completedAt()));
        }
    }

    record ListJson<T>(String object, List<T> data, boolean hasMore, String nextCursor) {

        static <D, T> ListJson<T> from(Page<D> page, Function<D, T> mapper, CursorSeal seal) {
            return new ListJson<>("list", page.items().stream().map(mapper).toList(), page.hasMore(),
                    seal.seal(page.nextCursor()));
        }
    }

    /**
     * RFC 9457 problem details, plus Pippa's machine-readable {@code code} and per-field {@code errors};
     * the token endpoint's also carry RFC 6749 §5.2's {@code error} and {@code error_description}, which
     * OAuth2 client libraries read.
     */
    record ProblemJson(String type, String title, int status, String detail, String instance, String code,
                       @JsonInclude(JsonInclude.Include.NON_NULL) List<ApiProblem.FieldError> errors,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String error,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String errorDescription) {
    }
}

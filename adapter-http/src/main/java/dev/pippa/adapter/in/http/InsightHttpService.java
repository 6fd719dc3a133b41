package dev.pippa.adapter.in.http;

import dev.pippa.application.port.in.InsightUseCases;
import dev.pippa.domain.Activity;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.PageRequest;
import dev.pippa.domain.Role;
import dev.pippa.domain.SearchMode;
import dev.pippa.domain.SearchQuery;
import dev.pippa.domain.SearchSource;
import dev.pippa.domain.SortOrder;
import dev.pippa.domain.Summary;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What background work produces: message search and conversation summaries. */
public final class InsightHttpService {

    private static final Set<String> SEARCH_PARAMETERS = Set.of("q", "conversation_id", "role", "mode", "sources",
            "limit", "cursor", "order");

    private final InsightUseCases useCases;
    private final CursorSeal cursors;

    /** @param cursorKey the key that seals search cursors (see {@link CursorSeal}) */
    public InsightHttpService(InsightUseCases useCases, byte[] cursorKey) {
        this.useCases = useCases;
        this.cursors = new CursorSeal(cursorKey);
    }

    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(Method.GET, "/v1/search", SEARCH_PARAMETERS, this::search),
                new ApiRoute(Method.GET, ConversationHttpService.CONVERSATIONS + "/{conversation_id}/summary",
                        this::summary),
                new ApiRoute(Method.GET, "/v1/activity", Set.of("days"), this::activity));
    }

    private void search(ServerRequest request, ServerResponse response) {
        OwnerId owner = AccessControl.ownerOf(request);
        String text = QueryParameters.single(request, "q")
                .orElseThrow(() -> ApiProblem.badParameter("q", "is required: the words to search for"));
        ConversationId conversation = QueryParameters.optional(request, "conversation_id", ConversationId::new);
        Role role = QueryParameters.optional(request, "role", Role::fromWireName);
        SearchMode mode = QueryParameters.optional(request, "mode", SearchMode::fromWireName);
        Set<SearchSource> sources = QueryParameters.optional(request, "sources", SearchSource::parse);
        PageRequest page = QueryParameters.page(request, SortOrder.ASC, cursors);
        Send.json(request, response, Status.OK_200, Responses.ListJson.from(QueryParameters.asParameterError(
                () -> useCases.searchMessages(owner, new SearchQuery(text, conversation, role, page, mode, sources))),
                Responses.SearchResultJson::from, cursors));
    }

    /** Counts, and messages per UTC day for the last {@code days} (default 30), every day listed, oldest first. */
    private void activity(ServerRequest request, ServerResponse response) {
        Integer asked = QueryParameters.optional(request, "days", raw -> {
            try {
                return Integer.parseInt(raw.strip());
            } catch (NumberFormatException e) {
                throw new dev.pippa.domain.InvalidInputException("days", "must be a whole number, got '" + raw + "'");
            }
        });
        int days = asked == null ? 30 : asked;
        Activity activity = QueryParameters.asParameterError(() -> useCases.activity(AccessControl.ownerOf(request),
                days));
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        List<ActivityJson.DayJson> perDay = new java.util.ArrayList<>();
        for (java.time.LocalDate day = today.minusDays(days - 1L); !day.isAfter(today); day = day.plusDays(1)) {
            perDay.add(new ActivityJson.DayJson(day.toString(), activity.messagesPerDay().getOrDefault(day, 0L)));
        }
        Send.json(request, response, Status.OK_200, new ActivityJson("activity", activity.conversations(),
                activity.messages(), perDay));
    }

    /** How busy the caller is. */
    record ActivityJson(String object, long conversations, long messages, List<DayJson> messagesPerDay) {
        record DayJson(String date, long messages) {
        }
    }

    private void summary(ServerRequest request, ServerResponse response) {
        ConversationId conversation = ConversationHttpService.conversationId(request);
        Optional<Summary> summary = useCases.getSummary(AccessControl.ownerOf(request), conversation);
        Send.json(request, response, Status.OK_200, Responses.SummaryJson.from(conversation, summary));
    }
}

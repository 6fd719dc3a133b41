package dev.pippa.adapter.in.http;

import dev.pippa.domain.ConversationFilter;
import dev.pippa.domain.ConversationFilter.Archived;
import dev.pippa.domain.InvalidInputException;
import dev.pippa.domain.PageRequest;
import dev.pippa.domain.SortOrder;
import io.helidon.webserver.http.ServerRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Query parameters: paging (limit 1..100, default 20, cursor, order), the conversation list's filters, and
 * the check that an endpoint gets
 * only the parameters it defines. Any bad value is a 400 naming it.
 */
final class QueryParameters {

    static final Set<String> PAGING = Set.of("limit", "cursor", "order");
    /** A family of parameters: {@code metadata[KEY]=VALUE}, any key. */
    private static final String METADATA_FAMILY = "metadata[KEY]";
    /** The conversation list: paging, then which conversations it shows. */
    static final Set<String> CONVERSATION_LIST = Set.of("limit", "cursor", "order", "archived", "q", METADATA_FAMILY);

    private QueryParameters() {
    }

    static PageRequest page(ServerRequest request, SortOrder defaultOrder, CursorSeal seal) {
        int limit = single(request, "limit").map(QueryParameters::limit).orElse(PageRequest.DEFAULT_LIMIT);
        SortOrder order = single(request, "order").map(QueryParameters::order).orElse(defaultOrder);
        String cursor = seal.open(single(request, "cursor").orElse(null));
        return asParameterError(() -> new PageRequest(limit, order, cursor));
    }

    /**
     * Runs a listing whose input came from the query string: the domain's refusal of a limit or cursor
     * (decoded only by the store) is then a bad parameter, 400, not an invalid body, 422.
     */
    static <T> T asParameterError(Supplier<T> listing) {
        try {
            return listing.get();
        } catch (InvalidInputException e) {
            throw ApiProblem.badParameter(e.field(), e.reason());
        }
    }

    /** An optional parameter parsed by a domain constructor; a value it refuses is a 400 naming it. */
    static <T> T optional(ServerRequest request, String name, java.util.function.Function<String, T> parse) {
        return single(request, name).map(raw -> {
            try {
                return parse.apply(raw);
            } catch (InvalidInputException e) {
                throw ApiProblem.badParameter(name, e.reason());
            }
        }).orElse(null);
    }

    /**
     * Which conversations a list shows: {@code archived=false|true|all} (default false), {@code q} (a piece
     * of the title) and {@code metadata[KEY]=VALUE} pairs, all of which must match.
     */
    static ConversationFilter conversationFilter(ServerRequest request) {
        Archived archived = single(request, "archived").map(raw -> asParameterError(() -> Archived.fromWire(raw)))
                .orElse(Archived.HIDDEN);
        Map<String, String> metadata = new LinkedHashMap<>();
        for (String name : request.query().names()) {
            if (isMetadataPair(name)) {
                String key = name.substring("metadata[".length(), name.length() - 1);
                metadata.put(key, single(request, name).orElseThrow());
            }
        }
        String title = single(request, "q").orElse(null);
        return asParameterError(() -> new ConversationFilter(archived, title, metadata));
    }

    private static boolean isMetadataPair(String name) {
        return name.startsWith("metadata[") && name.endsWith("]") && name.length() > "metadata[]".length();
    }

    /** Refuses a parameter the endpoint does not define: 400 naming it and the ones it does. */
    static void requireKnown(ServerRequest request, Set<String> known) {
        for (String name : request.query().names()) {
            if (!known.contains(name) && !(known.contains(METADATA_FAMILY) && isMetadataPair(name))) {
                throw ApiProblem.badParameter(abbreviate(name), known.isEmpty()
                        ? "is unknown: this endpoint takes no query parameters"
                        : "is unknown: this endpoint takes " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    static Optional<String> single(ServerRequest request, String name) {
        var values = request.query().all(name, List::of);
        if (values.size() > 1) {
            throw ApiProblem.badParameter(name, "must be given once");
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    private static int limit(String raw) {
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw ApiProblem.badParameter("limit", "must be an integer between " + PageRequest.MIN_LIMIT + " and "
                    + PageRequest.MAX_LIMIT + ", got '" + abbreviate(raw) + "'");
        }
    }

    private static SortOrder order(String raw) {
        try {
            return SortOrder.fromWireName(raw);
        } catch (InvalidInputException e) {
            throw ApiProblem.badParameter("order", "must be asc or desc, got '" + abbreviate(raw) + "'");
        }
    }

    private static String abbreviate(String raw) {
        return raw.length() <= 32 ? raw : raw.substring(0, 32) + "...";
    }
}

package dev.pippa.adapter.in.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pippa.application.port.in.EventStreams;
import dev.pippa.application.port.in.ExportUseCases;
import dev.pippa.application.port.in.FileUseCases;
import dev.pippa.application.port.in.GenerationUseCases;
import dev.pippa.application.port.in.ImportUseCases;
import dev.pippa.application.port.in.InsightUseCases;
import dev.pippa.application.port.in.ConversationUseCases;
import dev.pippa.application.port.in.MessageUseCases;
import io.helidon.webserver.cors.CorsSupport;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.websocket.WsRouting;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the HTTP face needs, on one routing. The service and the tests both build their routing
 * here, so tests exercise the production routes, filters and error mapping.
 */
public final class PippaHttp {

    /**
     * @param corsOrigins browser origins allowed to call the API; empty allows none
     * @param accessLog   whether to log one line per request
     * @param rateLimits  request rate limits on /v1
     * @param limits      request concurrency and body time limits
     * @param cursorKey   the key that seals list cursors and event ids; nodes sharing it accept each other's
     * @param streams     how event streams behave
     * @param responseWait how long asking for a reply without {@code stream} waits for it (then 202)
     */
    public record Options(List<String> corsOrigins, boolean accessLog, RateLimitOptions rateLimits,
                          RequestLimits limits, byte[] cursorKey, StreamOptions streams, Duration responseWait,
                          long importMaxBytes, long filesMaxBytes) {

        public Options {
            corsOrigins = List.copyOf(corsOrigins);
            Objects.requireNonNull(rateLimits, "rateLimits");
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(streams, "streams");
            Objects.requireNonNull(responseWait, "responseWait");
            cursorKey = cursorKey.clone();
        }
    }

    /** Every API path starts with it. */
    static final String API_PREFIX = "/v1";

    private PippaHttp() {
    }

    /**
     * Builds the validator and the JSON mapper and runs each once, so the first real request does not pay
     * for their initialisation (about a second on a cold JVM). Meant to run in the background after start.
     */
    public static void warmUp() {
        byte[] body = "{\"role\":\"user\",\"content\":\"warm-up\",\"metadata\":{\"k\":\"v\"}}"
                .getBytes(StandardCharsets.UTF_8);
        BodyFields fields = new BodyFields((ObjectNode) Json.parse(body));
        Requests.MessageBody message = Requests.validated(Requests.MessageBody.from(fields), fields);
        Json.write(message);
    }

    /**
     * The use cases the HTTP face calls; {@code generation} is empty when no chat model is configured,
     * {@code files} when embeddings are off. {@code fileUploaded} is told after each upload.
     */
    public record UseCases(ConversationUseCases conversations, MessageUseCases messages, InsightUseCases insights,
                           EventStreams events, Optional<GenerationUseCases> generation, ExportUseCases export,
                           ImportUseCases imports, Optional<FileUseCases> files, Runnable fileUploaded) {
    }

    public static void routing(HttpRouting.Builder routing, UseCases useCases, Access access,
                               InFlightRequests inFlight, Options options) {
        routing.addFilter(new RequestObserver(inFlight, options.accessLog()));
        routing.addFilter(new AccessControl(access, options.rateLimits()));
        routing.addFilter(new BodyReception(options.limits().bodyIdle(), options.limits().bodyTotal()));
        routing.addFilter(new ConcurrencyGate(options.limits()));
        if (!options.corsOrigins().isEmpty()) {
            routing.register(CorsSupport.builder()
                    .allowOrigins(options.corsOrigins().toArray(String[]::new))
                    .allowMethods("GET", "POST", "PATCH", "DELETE")
                    .allowHeaders("Content-Type", "If-Match", "Idempotency-Key", "X-Request-Id", "Authorization")
                    .exposeHeaders("ETag", "Location", "X-Request-Id", "X-Process-Time", "Retry-After")
                    .build());
        }
        ConversationHttpService conversations = new ConversationHttpService(useCases.conversations(),
                useCases.messages(), options.cursorKey());
        InsightHttpService insight = new InsightHttpService(useCases.insights(), options.cursorKey());
        EventHttpService events = new EventHttpService(useCases.events(), options.cursorKey(), options.streams());
        ResponseHttpService responses = new ResponseHttpService(useCases.generation(), useCases.events(),
                options.cursorKey(), options.streams(), options.responseWait());
        ExportHttpService exports = new ExportHttpService(useCases.export());
        ImportHttpService imports = new ImportHttpService(useCases.imports(), options.importMaxBytes());
        FileHttpService files = new FileHttpService(useCases.files(), options.filesMaxBytes(), options.cursorKey(),
                useCases.fileUploaded());
        AuthHttpService auth = new AuthHttpService(access.auth());
        ApiDocsService docs = new ApiDocsService();
        UiService ui = new UiService();
        List<ApiRoute> api = new ArrayList<>(conversations.routes());
        api.addAll(insight.routes());
        api.addAll(events.routes());
        api.addAll(responses.routes());
        api.addAll(exports.routes());
        api.addAll(imports.routes());
        api.addAll(files.routes());
        api.addAll(auth.routes());
        // Helidon tries routes in order, one path match each: under one prefix, a request outside the API
        // (health, metrics, the page) skips all of them with one check (docs/performance.md).
        routing.register(API_PREFIX, rules -> {
            ApiRoute.registerAll(rules, API_PREFIX, api);
            ApiRoute.refuseOtherMethods(rules, API_PREFIX, api);
        });
        Liveness.register(routing);
        List<ApiRoute> others = new ArrayList<>(ui.routes());
        others.addAll(docs.routes());
        routing.register(docs);
        routing.register(rules -> {
            ApiRoute.registerAll(rules, ui.routes());
            ApiRoute.refuseOtherMethods(rules, "", others);
        });
        ProblemHandler.register(routing);
    }

    /** The WebSocket endpoint, {@code /v1/ws} (it upgrades before HTTP routing, so it authenticates itself). */
    public static WsRouting.Builder webSocket(UseCases useCases, Access access, Options options) {
        EventSocket.Parts parts = new EventSocket.Parts(access, useCases.events(), useCases.messages(),
                new EventIds(new CursorSeal(options.cursorKey())), options.streams());
        return WsRouting.builder().endpoint(EventSocket.PATH, () -> new EventSocket(parts));
    }
}

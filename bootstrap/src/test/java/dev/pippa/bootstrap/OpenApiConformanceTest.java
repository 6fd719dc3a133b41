package dev.pippa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pippa.adapter.in.http.ConversationHttpService;
import dev.pippa.adapter.in.http.AuthHttpService;
import dev.pippa.adapter.in.http.EventHttpService;
import dev.pippa.adapter.in.http.ExportHttpService;
import dev.pippa.adapter.in.http.FileHttpService;
import dev.pippa.adapter.in.http.ImportHttpService;
import dev.pippa.adapter.in.http.InsightHttpService;
import dev.pippa.adapter.in.http.ResponseHttpService;
import dev.pippa.adapter.in.http.StreamOptions;
import dev.pippa.application.service.Services;
import dev.pippa.application.testing.InMemoryConversationStore;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** docs/openapi.yaml and the server agree: every route is documented, every documented route exists. */
class OpenApiConformanceTest {

    private static final Set<String> HTTP_METHODS = Set.of("get", "post", "put", "patch", "delete", "head", "options");

    @TempDir
    static Path directory;

    static PippaServer server;
    static ApiClient api;
    static Map<String, Object> document;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        server = PippaServer.start(HttpApiTest.testSettings(directory, Map.of()));
        api = new ApiClient(server.port());
        document = new Yaml().load(Files.readString(Path.of("../docs/openapi.yaml")));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void givenTheDocumentInDocs_whenServed_thenTheServerServesExactlyThatFile() throws IOException {
        assertThat(api.get("/openapi").body()).isEqualTo(Files.readString(Path.of("../docs/openapi.yaml")));
    }

    @Test
    void givenTheApiRoutes_whenComparedWithTheDocument_thenEachIsDocumentedWithItsMethod() {
        Set<String> routes = new TreeSet<>();
        new ConversationHttpService(Services.conversations(new InMemoryConversationStore()),
                Services.messages(new InMemoryConversationStore()), new byte[32])
                .routes().forEach(route -> routes.add(route.method().text() + " " + route.path()));
        new AuthHttpService(Optional.empty())
                .routes().forEach(route -> routes.add(route.method().text() + " " + route.path()));
        new InsightHttpService(null, new byte[32])
                .routes().forEach(route -> routes.add(route.method().text() + " " + route.path()));
        new EventHttpService(null, new byte[32], new StreamOptions(Duration.ofSeconds(1), Duration.ofSeconds(1), 1024))
                .routes().forEach(route -> routes.add(route.method().text() + " " + route.path()));
        new ResponseHttpService(Optional.empty(), null, new byte[32],
                new StreamOptions(Duration.ofSeconds(1), Duration.ofSeconds(1), 1024), Duration.ofSeconds(1))
                .routes().forEach(route -> routes.add(route.method().text() + " " + route.path()));
        new ExportHttpService(null).routes().forEach(route -> routes.add(route.method().text() + " " + route.path()));
        new ImportHttpService(null, 1).routes()
                .forEach(route -> routes.add(route.method().text() + " " + route.path()));
        new FileHttpService(Optional.empty(), 1, new byte[32], () -> { }).routes()
                .forEach(route -> routes.add(route.method().text() + " " + route.path()));

        Set<String> documentedV1 = new TreeSet<>();
        documentedOperations().stream().filter(op -> op.contains(" /v1/")).forEach(documentedV1::add);

        assertThat(documentedV1).isEqualTo(routes);
    }

    @Test
    void givenEveryDocumentedOperation_whenCalled_thenTheServerHasARouteForIt() {
        String conversation = api.newConversation("conformance");
        String message = api.postMessage(conversation, "hello");
        for (String operation : documentedOperations()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1)
                    .replace("{conversation_id}", conversation).replace("{message_id}", message)
                    .replace("{response_id}", "resp_01J00000000000000000000000")
                    .replace("{file_id}", "file_01J00000000000000000000000");
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofString("{}");
            // An event stream never ends by itself: HEAD shows its route without opening one.
            String sent = path.endsWith("/events") ? "HEAD" : method;
            ApiClient.Reply reply = api.send(HttpRequest.newBuilder(api.uri(path))
                    .header("Content-Type", "application/json")
                    .method(sent, sent.equals("GET") || sent.equals("DELETE") || sent.equals("HEAD")
                            ? HttpRequest.BodyPublishers.noBody() : body));

            // A domain 404 (deleted earlier in this loop) still proves the route exists; a missing route says so.
            assertThat(reply.status()).as(operation).isNotEqualTo(405);
            if ("application/problem+json".equals(reply.header("Content-Type")) && reply.raw().length > 0) {
                assertThat(reply.json().get("code").asText()).as(operation).isNotEqualTo("route_not_found");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> documentedOperations() {
        Set<String> operations = new TreeSet<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, item) -> item.keySet().stream()
                .filter(HTTP_METHODS::contains)
                .forEach(method -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path)));
        return operations;
    }
}

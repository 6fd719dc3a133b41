package dev.pippa.adapter.in.http;

import static dev.pippa.adapter.in.http.EventStreamHttpTest.newConversation;
import static dev.pippa.adapter.in.http.EventStreamHttpTest.post;
import static dev.pippa.adapter.in.http.EventStreamHttpTest.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The WebSocket protocol at /v1/ws over a real socket: commands, acks, errors, events and close codes. */
class EventSocketTest {

    private static final OpenApiDocument OPENAPI = new OpenApiDocument();
    private static final ObjectMapper JSON = new ObjectMapper();

    static TestServer open;
    static TestServer withLogin;

    @BeforeAll
    static void start() {
        open = new TestServer(false, TestServer.defaultLimits());
        withLogin = new TestServer(true, TestServer.defaultLimits());
    }

    @AfterAll
    static void stop() {
        open.close();
        withLogin.close();
    }

    /** A client socket that queues each whole text message and remembers how it was closed. */
    static final class Client implements WebSocket.Listener {
        final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        static Client connect(TestServer server, String query, String... headers) {
            Client client = new Client();
            WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
            for (int i = 0; i < headers.length; i += 2) {
                builder.header(headers[i], headers[i + 1]);
            }
            client.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/v1/ws" + query), client)
                    .orTimeout(SseClient.PATIENCE.toSeconds(), TimeUnit.SECONDS).join();
            return client;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.completeExceptionally(error);
        }

        void command(String json) {
            socket.sendText(json, true).orTimeout(SseClient.PATIENCE.toSeconds(), TimeUnit.SECONDS).join();
        }

        JsonNode next() throws InterruptedException {
            JsonNode frame = frames.poll(SseClient.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(frame).as("a frame within %d s", SseClient.PATIENCE.toSeconds()).isNotNull();
            return frame;
        }

        int awaitClose() {
            return closeCode.orTimeout(SseClient.PATIENCE.toSeconds(), TimeUnit.SECONDS).join();
        }
    }

    @Test
    void givenASubscription_whenMessagesArePostedOverTheSocketAndOverHttp_thenAcksAndEventsArrive()
            throws Exception {
        String conversation = newConversation(open);
        Client client = Client.connect(open, "");
        client.command("{\"type\":\"subscribe\",\"conversation_id\":\"" + conversation + "\",\"ref\":\"s1\"}");
        JsonNode subscribed = client.next();
        assertThat(subscribed.get("type").asText()).isEqualTo("ack");
        assertThat(subscribed.get("ref").asText()).isEqualTo("s1");
        client.command("{\"type\":\"message.create\",\"ref\":7,\"conversation_id\":\"" + conversation
                + "\",\"role\":\"user\",\"content\":\"over the socket\",\"idempotency_key\":\"k-1\"}");
        JsonNode first = client.next();
        JsonNode second = client.next();
        JsonNode ack = first.get("type").asText().equals("ack") ? first : second;
        JsonNode event = ack == first ? second : first;
        assertThat(ack.get("ref").asText()).isEqualTo("7");
        OPENAPI.assertSchema("Message", ack.get("data").toString().getBytes(StandardCharsets.UTF_8));
        assertThat(event.get("type").asText()).isEqualTo("message.created");
        assertThat(event.get("id").asText()).isNotBlank();
        assertThat(event.get("data").get("id").asText()).isEqualTo(ack.get("data").get("id").asText());

        client.command("{\"type\":\"message.create\",\"ref\":8,\"conversation_id\":\"" + conversation
                + "\",\"role\":\"user\",\"content\":\"over the socket\",\"idempotency_key\":\"k-1\"}");
        JsonNode replay = client.next();
        assertThat(replay.get("data").get("id").asText()).as("the same key replays").isEqualTo(ack.get("data").get("id").asText());

        post(open, conversation, "over http");
        assertThat(client.next().get("data").get("content").asText()).isEqualTo("over http");
        client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void givenBadCommands_whenSent_thenEachGetsAnErrorFrameAndTheSocketLivesOn() throws Exception {
        Client client = Client.connect(open, "");
        client.command("not json");
        assertProblem(client.next(), null, 400);
        client.command("{\"type\":\"dance\",\"ref\":\"a\"}");
        assertProblem(client.next(), "a", 400);
        client.command("{\"type\":\"subscribe\",\"ref\":\"b\",\"conversation_id\":\"conv_nope\"}");
        assertProblem(client.next(), "b", 404);
        String conversation = newConversation(open);
        client.command("{\"type\":\"message.create\",\"ref\":\"c\",\"conversation_id\":\"" + conversation
                + "\",\"role\":\"wizard\",\"content\":\"\"}");
        JsonNode invalid = client.next();
        assertProblem(invalid, "c", 422);
        assertThat(invalid.get("problem").get("errors").findValuesAsText("field")).contains("role", "content");
        client.command("{\"type\":\"subscribe\",\"ref\":\"d\",\"conversation_id\":\"" + conversation
                + "\",\"last_event_id\":\"forged\"}");
        assertProblem(client.next(), "d", 400);

        client.command("{\"type\":\"subscribe\",\"ref\":\"e\"}");
        assertThat(client.next().get("type").asText()).as("still open").isEqualTo("ack");
        post(open, conversation, "still listening");
        assertThat(client.next().get("data").get("content").asText()).isEqualTo("still listening");
    }

    private static void assertProblem(JsonNode frame, String ref, int status) {
        assertThat(frame.get("type").asText()).isEqualTo("error");
        assertThat(frame.path("ref").isNull() || frame.path("ref").isMissingNode() ? null : frame.get("ref").asText())
                .isEqualTo(ref);
        assertThat(frame.get("problem").get("status").asInt()).isEqualTo(status);
        OPENAPI.assertProblem(frame.get("problem").toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void givenNoValidCredentials_whenTheSocketOpens_thenItClosesWith1008() {
        assertThat(Client.connect(withLogin, "").awaitClose()).isEqualTo(1008);
        assertThat(Client.connect(withLogin, "?ticket=made-up").awaitClose()).isEqualTo(1008);
        assertThat(Client.connect(withLogin, "", "Authorization", "Bearer forged").awaitClose()).isEqualTo(1008);
    }

    @Test
    void givenATicket_whenTheSocketOpensWithIt_thenItActsAsItsUser() throws Exception {
        String token = EventStreamHttpTest.token(withLogin, "ws@example.com");
        String ticket = send(withLogin, "POST", "/v1/auth/tickets", null, "Authorization", "Bearer " + token).json()
                .get("ticket").asText();
        Client client = Client.connect(withLogin, "?ticket=" + ticket);
        client.command("{\"type\":\"subscribe\",\"ref\":\"all\"}");
        assertThat(client.next().get("type").asText()).isEqualTo("ack");
        String conversation = newConversation(withLogin, "Authorization", "Bearer " + token);
        assertThat(client.next().get("data").get("id").asText()).isEqualTo(conversation);
    }

    @Test
    void givenABearerToken_whenTheSocketOpensWithIt_thenItSeesOnlyItsUsersEvents() throws Exception {
        String ada = EventStreamHttpTest.token(withLogin, "ws-ada@example.com");
        String bob = EventStreamHttpTest.token(withLogin, "ws-bob@example.com");
        Client client = Client.connect(withLogin, "", "Authorization", "Bearer " + ada);
        client.command("{\"type\":\"subscribe\",\"ref\":\"all\"}");
        assertThat(client.next().get("type").asText()).isEqualTo("ack");
        String bobs = newConversation(withLogin, "Authorization", "Bearer " + bob);
        client.command("{\"type\":\"subscribe\",\"ref\":\"peek\",\"conversation_id\":\"" + bobs + "\"}");
        assertProblem(client.next(), "peek", 404);
        String adas = newConversation(withLogin, "Authorization", "Bearer " + ada);
        assertThat(client.next().get("data").get("id").asText()).as("ada's first event is her own").isEqualTo(adas);
    }

    @Test
    void givenAMessageLargerThanAllowed_whenSent_thenTheSocketClosesWith1009() {
        Client client = Client.connect(open, "");
        client.socket.sendText("{\"type\":\"subscribe\",\"pad\":\"" + "x".repeat(100_000) + "\"}", true);
        assertThat(client.awaitClose()).isEqualTo(1009);
    }

    @Test
    void givenAnOpenSocket_whenTheServerStops_thenItGetsAStreamEndedFrameAndCloseCode1001() throws Exception {
        TestServer stopping = new TestServer(false, TestServer.defaultLimits());
        Client client = Client.connect(stopping, "");
        client.command("{\"type\":\"subscribe\",\"ref\":\"all\"}");
        assertThat(client.next().get("type").asText()).isEqualTo("ack");

        stopping.close();

        JsonNode last = client.next();
        assertThat(last.get("type").asText()).isEqualTo("stream.ended");
        assertThat(last.get("data").get("reason").asText()).isEqualTo("shutdown");
        assertThat(client.awaitClose()).isEqualTo(1001);
    }
}

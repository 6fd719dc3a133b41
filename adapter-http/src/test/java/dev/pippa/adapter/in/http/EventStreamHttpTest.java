package dev.pippa.adapter.in.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pippa.application.service.LiveEvents;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Server-Sent Events routes over real HTTP: what arrives, resuming, refusals, tickets and slow clients. */
class EventStreamHttpTest {

    private static final OpenApiDocument OPENAPI = new OpenApiDocument();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

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

    record Reply(int status, String contentType, byte[] body, java.net.http.HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Reply send(TestServer server, String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(server, path)).timeout(SseClient.PATIENCE)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return exchange(request.build());
    }

    /** A request whose body is {@code body} as {@code contentType} (an upload). */
    static Reply sendRaw(TestServer server, String method, String path, String contentType, byte[] body) {
        return exchange(HttpRequest.newBuilder(uri(server, path)).timeout(SseClient.PATIENCE)
                .header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    private static Reply exchange(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static URI uri(TestServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    static String newConversation(TestServer server, String... headers) {
        Reply created = send(server, "POST", "/v1/conversations", "{\"title\":\"live\"}", headers);
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    static String post(TestServer server, String conversation, String content, String... headers) {
        Reply posted = send(server, "POST", "/v1/conversations/" + conversation + "/messages",
                "{\"role\":\"user\",\"content\":" + JSON.valueToTree(content) + "}", headers);
        assertThat(posted.status()).isEqualTo(201);
        return posted.json().get("id").asText();
    }

    private static void assertRefused(SseClient stream, String template, int status, String field) {
        assertThat(stream.status()).isEqualTo(status);
        byte[] body = stream.problem().toString().getBytes(StandardCharsets.UTF_8);
        OPENAPI.assertConforms("GET", template, status, stream.header("Content-Type"), body);
        if (field != null) {
            assertThat(stream.problem().get("errors").get(0).get("field").asText()).isEqualTo(field);
        }
    }

    @Test
    void givenAUserStream_whenConversationsAndMessagesChange_thenEveryEventArrivesInOrderWithItsObject() {
        try (SseClient stream = SseClient.open(uri(open, "/v1/events"))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            String conversation = newConversation(open);
            String message = post(open, conversation, "hello, live");
            assertThat(send(open, "PATCH", "/v1/conversations/" + conversation, "{\"title\":\"renamed\"}").status())
                    .isEqualTo(200);
            assertThat(send(open, "DELETE", "/v1/conversations/" + conversation, null).status()).isEqualTo(204);

            List<SseClient.Event> events = stream.next(4);
            assertThat(events).extracting(SseClient.Event::type).containsExactly("conversation.created",
                    "message.created", "conversation.updated", "conversation.deleted");
            assertThat(events).allSatisfy(event -> assertThat(event.id()).isNotBlank());
            assertThat(events.get(1).json().get("id").asText()).isEqualTo(message);
            assertThat(events.get(1).json().get("content").asText()).isEqualTo("hello, live");
            assertThat(events.get(2).json().get("title").asText()).isEqualTo("renamed");
            assertThat(events.get(3).json().get("id").asText()).isEqualTo(conversation);
            OPENAPI.assertSchema("Conversation", events.get(0).data().getBytes(StandardCharsets.UTF_8));
            OPENAPI.assertSchema("Message", events.get(1).data().getBytes(StandardCharsets.UTF_8));
            OPENAPI.assertSchema("DeletedConversation", events.get(3).data().getBytes(StandardCharsets.UTF_8));
            assertThat(stream.retryMillis()).as("the retry: field").isPositive();
        }
    }

    @Test
    void givenADroppedConnection_whenItResumesFromItsLastId_thenItGetsExactlyTheMissedEventsInOrderThenLiveOnes() {
        String conversation = newConversation(open);
        String path = "/v1/conversations/" + conversation + "/events";
        String lastSeen;
        try (SseClient first = SseClient.open(uri(open, path))) {
            post(open, conversation, "one");
            post(open, conversation, "two");
            lastSeen = first.next(2).get(1).id();
        }
        for (String content : List.of("three", "four", "five")) {
            post(open, conversation, content);
        }
        try (SseClient header = SseClient.open(uri(open, path), "Last-Event-ID", lastSeen);
             SseClient query = SseClient.open(uri(open, path + "?last_event_id=" + lastSeen))) {
            for (SseClient resumed : List.of(header, query)) {
                assertThat(resumed.next(3)).extracting(event -> event.json().get("content").asText())
                        .containsExactly("three", "four", "five");
            }
            post(open, conversation, "six");
            for (SseClient resumed : List.of(header, query)) {
                assertThat(resumed.next().json().get("content").asText()).isEqualTo("six");
            }
            assertThat(header.poll()).as("nothing twice").isNull();
        }
    }

    @Test
    void givenNoResumePoint_whenAStreamOpens_thenItStartsWithWhatHappensNext() throws Exception {
        String conversation = newConversation(open);
        post(open, conversation, "before");
        try (SseClient stream = SseClient.open(uri(open, "/v1/conversations/" + conversation + "/events"))) {
            post(open, conversation, "after");
            assertThat(stream.next().json().get("content").asText()).isEqualTo("after");
        }
    }

    @Test
    void givenAConversationStream_whenTheConversationIsDeleted_thenTheStreamSaysSoAndEnds() throws Exception {
        String conversation = newConversation(open);
        try (SseClient stream = SseClient.open(uri(open, "/v1/conversations/" + conversation + "/events"))) {
            assertThat(send(open, "DELETE", "/v1/conversations/" + conversation, null).status()).isEqualTo(204);
            assertThat(stream.next().type()).isEqualTo("conversation.deleted");
            assertThat(stream.awaitEnd()).as("the stream ended").isTrue();
        }
    }

    @Test
    void givenMalformedOrForeignResumeIds_whenAStreamOpens_thenA400NamesTheParameterBeforeAnyEvent() {
        String mine = newConversation(open);
        String other = newConversation(open);
        String template = "/v1/conversations/{conversation_id}/events";
        String idOfOther;
        try (SseClient stream = SseClient.open(uri(open, "/v1/conversations/" + other + "/events"))) {
            post(open, other, "x");
            idOfOther = stream.next().id();
        }
        try (SseClient forged = SseClient.open(uri(open, "/v1/conversations/" + mine + "/events?last_event_id=ev:user:0:1"));
             SseClient foreign = SseClient.open(uri(open, "/v1/conversations/" + mine + "/events"),
                     "Last-Event-ID", idOfOther);
             SseClient unknownParameter = SseClient.open(uri(open, "/v1/events?since=1"))) {
            assertRefused(forged, template, 400, "last_event_id");
            assertRefused(foreign, template, 400, "Last-Event-ID");
            assertThat(foreign.problem().get("detail").asText()).contains("another stream");
            assertRefused(unknownParameter, "/v1/events", 400, "since");
        }
    }

    @Test
    void givenAnotherUsersConversation_whenStreamed_thenItIs404AndTheirEventsNeverShowOnMyStream() {
        String ada = token(withLogin, "ada-events@example.com");
        String bob = token(withLogin, "bob-events@example.com");
        String adas = newConversation(withLogin, "Authorization", "Bearer " + ada);
        try (SseClient bobsPeek = SseClient.open(uri(withLogin, "/v1/conversations/" + adas + "/events"),
                "Authorization", "Bearer " + bob);
             SseClient bobsStream = SseClient.open(uri(withLogin, "/v1/events"), "Authorization", "Bearer " + bob);
             SseClient adasStream = SseClient.open(uri(withLogin, "/v1/events"), "Authorization", "Bearer " + ada)) {
            assertRefused(bobsPeek, "/v1/conversations/{conversation_id}/events", 404, null);
            post(withLogin, adas, "for ada only", "Authorization", "Bearer " + ada);
            String bobs = newConversation(withLogin, "Authorization", "Bearer " + bob);
            assertThat(adasStream.next().json().get("content").asText()).isEqualTo("for ada only");
            assertThat(bobsStream.next().json().get("id").asText()).as("bob's first event is his own").isEqualTo(bobs);
        }
    }

    @Test
    void givenATicket_whenUsedForAStream_thenItWorksOnceAndNeverWithoutAToken() {
        String ada = token(withLogin, "ada-tickets@example.com");
        Reply issued = send(withLogin, "POST", "/v1/auth/tickets", null, "Authorization", "Bearer " + ada);
        assertThat(issued.status()).isEqualTo(201);
        OPENAPI.assertConforms("POST", "/v1/auth/tickets", 201, issued.contentType(), issued.body());
        String ticket = issued.json().get("ticket").asText();
        assertThat(issued.json().get("expires_in").asLong()).isBetween(1L, 60L);
        try (SseClient first = SseClient.open(uri(withLogin, "/v1/events?ticket=" + ticket));
             SseClient again = SseClient.open(uri(withLogin, "/v1/events?ticket=" + ticket))) {
            assertThat(first.status()).isEqualTo(200);
            assertRefused(again, "/v1/events", 401, null);
        }
        assertThat(send(withLogin, "POST", "/v1/auth/tickets", null).status()).as("a ticket needs a token")
                .isEqualTo(401);
        String unused = send(withLogin, "POST", "/v1/auth/tickets", null, "Authorization", "Bearer " + ada).json()
                .get("ticket").asText();
        assertThat(send(withLogin, "GET", "/v1/conversations?ticket=" + unused, null).status())
                .as("tickets open streams only").isEqualTo(401);
    }

    @Test
    void givenMoreStreamsThanAUserMayOpen_whenOneMoreOpens_thenItIs429WithRetryAfter() {
        try (TestServer limited = new TestServer(false, TestServer.defaultLimits(),
                new LiveEvents.Limits(2, 100, 64, Duration.ofDays(1)));
             SseClient one = SseClient.open(uri(limited, "/v1/events"));
             SseClient two = SseClient.open(uri(limited, "/v1/events"));
             SseClient three = SseClient.open(uri(limited, "/v1/events"))) {
            assertThat(List.of(one.status(), two.status())).containsOnly(200);
            assertRefused(three, "/v1/events", 429, null);
            assertThat(three.header("Retry-After")).isNotBlank();
            assertThat(send(limited, "GET", "/v1/conversations", null).status()).as("requests still served")
                    .isEqualTo(200);
        }
    }

    @Test
    void givenAServerAtItsStreamLimit_whenOneMoreOpens_thenItIs503WithRetryAfterAndAHeartbeatKeepsTheOthersAlive()
            throws Exception {
        try (TestServer limited = new TestServer(false, TestServer.defaultLimits(),
                new LiveEvents.Limits(8, 1, 64, Duration.ofDays(1)));
             SseClient one = SseClient.open(uri(limited, "/v1/events"));
             SseClient two = SseClient.open(uri(limited, "/v1/events"))) {
            assertThat(one.status()).isEqualTo(200);
            assertRefused(two, "/v1/events", 503, null);
            assertThat(two.header("Retry-After")).isNotBlank();
            long deadline = System.nanoTime() + SseClient.PATIENCE.toNanos();
            while (one.comments() < 3 && System.nanoTime() < deadline) { // ": open", then heartbeats (1 s here)
                Thread.sleep(50);
            }
            assertThat(one.comments()).as("heartbeat comments while quiet").isGreaterThanOrEqualTo(3);
            assertThat(one.poll()).as("comments are not events").isNull();
        }
    }

    @Test
    void givenASlowConsumer_whenEventsOutrunIt_thenItIsCutOffWithAResumeHintWhileAFastOneGetsEverything()
            throws Exception {
        try (TestServer small = new TestServer(false, TestServer.defaultLimits(),
                new LiveEvents.Limits(8, 100, 16, Duration.ofDays(1)))) {
            String conversation = newConversation(small);
            String path = "/v1/conversations/" + conversation + "/events";
            try (Socket slow = new Socket()) {
                slow.setReceiveBufferSize(4096);
                slow.setSoTimeout((int) SseClient.PATIENCE.toMillis());
                slow.connect(new java.net.InetSocketAddress("127.0.0.1", small.port()));
                slow.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                InputStream slowIn = slow.getInputStream();
                assertThat(new String(slowIn.readNBytes(15), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200 OK");
                int posted;
                try (SseClient fast = SseClient.open(uri(small, path))) {
                    String big = "x".repeat(128_000);
                    posted = 100; // 12.8 MB: more than any socket buffers between the server and the slow client
                    for (int i = 0; i < posted; i++) {
                        post(small, conversation, i + big);
                        assertThat(fast.next().json().get("content").asText()).startsWith(i + "x");
                    }
                }
                String rest = readUntil(slowIn, "event: stream.ended");
                assertThat(rest).contains("event: stream.ended").contains("slow_consumer");
                assertThat(rest.split("event: message.created", -1).length - 1).as("cut off before the end")
                        .isLessThan(posted);
            }
        }
    }

    /** What the stream sends up to and including the first line holding {@code marker} (bounded by its end). */
    private static String readUntil(InputStream in, String marker) throws IOException {
        StringBuilder received = new StringBuilder();
        java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            received.append(line).append('\n');
            if (line.contains(marker)) {
                received.append(lines.readLine()).append('\n'); // its data line
                break;
            }
        }
        return received.toString();
    }

    /** Registers the user and logs in: an access token. */
    static String token(TestServer server, String email) {
        send(server, "POST", "/v1/users", "{\"email\":\"" + email + "\",\"password\":\"correct horse\"}");
        HttpRequest request = HttpRequest.newBuilder(uri(server, "/v1/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=" + email
                        + "&password=correct+horse")).build();
        try {
            return JSON.readTree(CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray()).body())
                    .get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}

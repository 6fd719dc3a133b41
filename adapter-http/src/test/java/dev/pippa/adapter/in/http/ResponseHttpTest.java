package dev.pippa.adapter.in.http;

import static dev.pippa.adapter.in.http.EventStreamHttpTest.newConversation;
import static dev.pippa.adapter.in.http.EventStreamHttpTest.send;
import static dev.pippa.adapter.in.http.EventStreamHttpTest.uri;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pippa.application.port.in.GenerationLimits;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The responses routes over real HTTP, with no worker running: what asking writes and answers, reading,
 * cancelling, idempotency and refusals. The reply itself is tested end to end with a model stub.
 */
class ResponseHttpTest {

    private static final OpenApiDocument OPENAPI = new OpenApiDocument();
    private static final String CREATE = "/v1/conversations/{conversation_id}/responses";

    static TestServer open;

    @BeforeAll
    static void start() {
        open = new TestServer(false, TestServer.defaultLimits());
    }

    @AfterAll
    static void stop() {
        open.close();
    }

    private static EventStreamHttpTest.Reply checked(String method, String template, EventStreamHttpTest.Reply reply) {
        OPENAPI.assertConforms(method, template, reply.status(), reply.contentType(), reply.body());
        return reply;
    }

    @Test
    void givenAQuestion_whenAReplyIsAskedForAndNobodyWritesIt_then202QueuedThenReadableAndCancellable() {
        String conversation = newConversation(open);
        try (SseClient events = SseClient.open(uri(open, "/v1/conversations/" + conversation + "/events"))) {
            EventStreamHttpTest.Reply asked = checked("POST", CREATE, send(open, "POST",
                    "/v1/conversations/" + conversation + "/responses",
                    "{\"input\":\"Where to in May?\",\"max_output_tokens\":200,\"temperature\":0.5}"));
            assertThat(asked.status()).as("the wait ran out: no worker here").isEqualTo(202);
            String id = asked.json().get("id").asText();
            assertThat(id).startsWith("resp_");
            assertThat(asked.json().get("status").asText()).isEqualTo("queued");

            EventStreamHttpTest.Reply read = checked("GET", "/v1/responses/{response_id}",
                    send(open, "GET", "/v1/responses/" + id, null));
            assertThat(read.json().get("input_message_id").asText()).isEqualTo(asked.json().get("input_message_id").asText());
            EventStreamHttpTest.Reply cancelled = checked("POST", "/v1/responses/{response_id}/cancel",
                    send(open, "POST", "/v1/responses/" + id + "/cancel", null));
            assertThat(cancelled.json().get("status").asText()).isEqualTo("cancelled");

            assertThat(events.next(3)).extracting(SseClient.Event::type)
                    .containsExactly("message.created", "response.created", "response.cancelled");
        }
    }

    @Test
    void givenAnIdempotencyKey_whenTheSameAskIsRepeated_thenTheSameResponse() {
        String conversation = newConversation(open);
        String path = "/v1/conversations/" + conversation + "/responses";
        String first = send(open, "POST", path, "{\"input\":{\"role\":\"user\",\"content\":\"Hi\"}}",
                "Idempotency-Key", "ask-1").json().get("id").asText();
        String again = send(open, "POST", path, "{\"input\":{\"role\":\"user\",\"content\":\"Hi\"}}",
                "Idempotency-Key", "ask-1").json().get("id").asText();
        assertThat(again).isEqualTo(first);
    }

    @Test
    void givenBadAsks_whenSent_thenEachIs422NamingItsField() {
        String path = "/v1/conversations/" + newConversation(open) + "/responses";
        assertField(send(open, "POST", path, "{}"), "input");
        assertField(send(open, "POST", path, "{\"input\":{\"role\":\"assistant\",\"content\":\"x\"}}"), "input.role");
        assertField(send(open, "POST", path, "{\"input\":\"x\",\"temperature\":5}"), "temperature");
        assertField(send(open, "POST", path, "{\"input\":\"x\",\"max_output_tokens\":\"lots\"}"), "max_output_tokens");
        assertField(send(open, "POST", path, "{\"input\":\"\"}"), "input");
    }

    private static void assertField(EventStreamHttpTest.Reply reply, String field) {
        checked("POST", CREATE, reply);
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("errors").findValuesAsText("field")).contains(field);
    }

    @Test
    void givenUnknownOrMalformedIds_whenUsed_then404() {
        assertThat(checked("POST", CREATE, send(open, "POST",
                "/v1/conversations/conv_01J00000000000000000000000/responses", "{\"input\":\"x\"}")).status())
                .isEqualTo(404);
        assertThat(checked("GET", "/v1/responses/{response_id}",
                send(open, "GET", "/v1/responses/resp_01J00000000000000000000000", null)).status()).isEqualTo(404);
        assertThat(send(open, "GET", "/v1/responses/not-an-id", null).status()).isEqualTo(404);
    }

    @Test
    void givenAQueuedResponse_whenItsEventsAreFollowedFromTheStart_thenTheyReplayItAndEndWithItsOutcome()
            throws InterruptedException {
        String conversation = newConversation(open);
        String id = send(open, "POST", "/v1/conversations/" + conversation + "/responses", "{\"input\":\"Hi\"}")
                .json().get("id").asText();
        try (SseClient events = SseClient.open(uri(open, "/v1/responses/" + id + "/events"))) {
            assertThat(events.next(1)).extracting(SseClient.Event::type).containsExactly("response.created");
            send(open, "POST", "/v1/responses/" + id + "/cancel", null);
            assertThat(events.next(1)).extracting(SseClient.Event::type).containsExactly("response.cancelled");
            assertThat(events.awaitEnd()).as("the stream ends with the outcome").isTrue();
        }
        try (SseClient after = SseClient.open(uri(open, "/v1/responses/" + id + "/events"))) {
            assertThat(after.next(1)).as("an ended response: just its outcome")
                    .extracting(SseClient.Event::type).containsExactly("response.cancelled");
        }
    }

    @Test
    void givenAnotherUsersOrAnUnknownResponse_whenItsEventsAreAskedFor_then404() {
        assertThat(send(open, "GET", "/v1/responses/resp_01J00000000000000000000000/events", null).status())
                .isEqualTo(404);
    }

    @Test
    void givenTheOwnersLimitOfRunningGenerations_whenOneMoreIsAsked_then429WithRetryAfterAndNothingStored() {
        try (TestServer limited = new TestServer(false, TestServer.defaultLimits(), TestServer.defaultStreamLimits(),
                Optional.of(new GenerationLimits(2, 100)))) {
            String conversation = newConversation(limited);
            String path = "/v1/conversations/" + conversation + "/responses";
            String first = send(limited, "POST", path, "{\"input\":\"one\"}").json().get("id").asText();
            send(limited, "POST", path, "{\"input\":\"two\"}");

            EventStreamHttpTest.Reply refused = checked("POST", CREATE, send(limited, "POST", path, "{\"input\":\"three\"}"));
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.json().get("code").asText()).isEqualTo("too_many_generations");
            assertThat(refused.header("Retry-After")).isEqualTo("5");
            assertThat(send(limited, "GET", "/v1/conversations/" + conversation, null).json().get("message_count")
                    .asInt()).as("the refused ask stored no message").isEqualTo(2);

            send(limited, "POST", "/v1/responses/" + first + "/cancel", null);
            assertThat(send(limited, "POST", path, "{\"input\":\"three\"}").status())
                    .as("an ended generation frees its place").isEqualTo(202);
        }
    }

    @Test
    void givenNoChatModel_whenAReplyIsAskedFor_then501NamingTheSettings() {
        try (TestServer off = new TestServer(false, TestServer.defaultLimits(), TestServer.defaultStreamLimits(),
                Optional.empty())) {
            EventStreamHttpTest.Reply refused = checked("POST", CREATE, send(off, "POST",
                    "/v1/conversations/" + newConversation(off) + "/responses", "{\"input\":\"Hi\"}"));
            assertThat(refused.status()).isEqualTo(501);
            assertThat(refused.json().get("code").asText()).isEqualTo("model_not_configured");
            assertThat(refused.json().get("detail").asText()).contains("PIPPA_CHAT_BASE_URL", "PIPPA_CHAT_MODEL");
        }
    }

    @Test
    void givenOneRequestSlotAndAStreamedAskHoldingItsConnection_whenAnotherRequestComes_thenItIsServedNot503() {
        try (TestServer oneSlot = new TestServer(false, new RequestLimits(1, 0, java.time.Duration.ofMillis(100),
                java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(30)))) {
            String conversation = newConversation(oneSlot);
            try (SseClient asking = SseClient.post(uri(oneSlot, "/v1/conversations/" + conversation + "/responses"),
                    "{\"input\":\"Hi\",\"stream\":true}")) {
                assertThat(asking.next(1)).extracting(SseClient.Event::type).containsExactly("response.created");

                assertThat(send(oneSlot, "GET", "/v1/conversations/" + conversation, null).status())
                        .as("the waiting ask holds no request slot").isEqualTo(200);
            }
        }
    }
}

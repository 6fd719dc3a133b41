package dev.pippa.adapter.in.http;

import static dev.pippa.adapter.in.http.EventStreamHttpTest.newConversation;
import static dev.pippa.adapter.in.http.EventStreamHttpTest.send;
import static dev.pippa.adapter.in.http.EventStreamHttpTest.uri;
import static org.assertj.core.api.Assertions.assertThat;

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
}

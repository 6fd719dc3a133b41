package dev.pippa.adapter.in.http;

import static dev.pippa.adapter.in.http.EventStreamHttpTest.newConversation;
import static dev.pippa.adapter.in.http.EventStreamHttpTest.send;
import static dev.pippa.adapter.in.http.EventStreamHttpTest.uri;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Editing and deleting one message over real HTTP: answers, what changes, the events, and refusals. */
class MessageEditHttpTest {

    private static final OpenApiDocument OPENAPI = new OpenApiDocument();
    private static final String ONE = "/v1/conversations/{conversation_id}/messages/{message_id}";

    static TestServer open;

    @BeforeAll
    static void start() {
        open = new TestServer(false, TestServer.defaultLimits());
    }

    @AfterAll
    static void stop() {
        open.close();
    }

    private static String message(String conversation, String content) {
        return EventStreamHttpTest.post(open, conversation, content);
    }

    private static EventStreamHttpTest.Reply checked(String method, EventStreamHttpTest.Reply reply) {
        OPENAPI.assertConforms(method, ONE, reply.status(), reply.contentType(), reply.body());
        return reply;
    }

    @Test
    void givenAMessage_whenEditedThenDeleted_thenEachAnswersAndTheConversationAndItsStreamFollow() {
        String conversation = newConversation(open);
        String path = "/v1/conversations/" + conversation + "/messages/";
        String first = message(conversation, "helo");
        message(conversation, "second");
        String etagBefore = send(open, "GET", "/v1/conversations/" + conversation, null).header("ETag");
        try (SseClient events = SseClient.open(uri(open, "/v1/conversations/" + conversation + "/events"))) {
            EventStreamHttpTest.Reply edited = checked("PATCH", send(open, "PATCH", path + first,
                    "{\"content\":\"hello\",\"metadata\":{\"fixed\":\"typo\"}}"));

            assertThat(edited.status()).isEqualTo(200);
            assertThat(edited.json().get("content").asText()).isEqualTo("hello");
            assertThat(edited.json().get("metadata").get("fixed").asText()).isEqualTo("typo");
            assertThat(edited.json().get("edited_at").isTextual()).isTrue();
            assertThat(send(open, "GET", path + first, null).json().get("content").asText()).isEqualTo("hello");
            assertThat(send(open, "GET", "/v1/conversations/" + conversation, null).header("ETag"))
                    .isNotEqualTo(etagBefore);

            EventStreamHttpTest.Reply deleted = checked("DELETE", send(open, "DELETE", path + first, null));

            assertThat(deleted.status()).isEqualTo(204);
            assertThat(send(open, "GET", path + first, null).status()).isEqualTo(404);
            assertThat(send(open, "GET", "/v1/conversations/" + conversation, null).json().get("message_count").asInt())
                    .isEqualTo(1);
            assertThat(send(open, "DELETE", path + first, null).status()).isEqualTo(404);
            SseClient.Event update = events.next();
            SseClient.Event deletion = events.next();
            assertThat(update.type()).isEqualTo("message.updated");
            assertThat(deletion.type()).isEqualTo("message.deleted");
            assertThat(deletion.json().get("id").asText()).isEqualTo(first);
        }
    }

    @Test
    void givenBadEdits_whenSent_thenEachIsAProblemNamingWhatWasWrongAndNothingChanges() {
        String conversation = newConversation(open);
        String path = "/v1/conversations/" + conversation + "/messages/";
        String id = message(conversation, "keep me");

        EventStreamHttpTest.Reply empty = checked("PATCH", send(open, "PATCH", path + id, "{}"));
        EventStreamHttpTest.Reply blank = checked("PATCH", send(open, "PATCH", path + id, "{\"content\":\"\"}"));
        EventStreamHttpTest.Reply unknown = checked("PATCH", send(open, "PATCH",
                path + "msg_01J00000000000000000000000", "{\"content\":\"x\"}"));
        EventStreamHttpTest.Reply wrongType = checked("PATCH", send(open, "PATCH", path + id, "{\"content\":7}"));

        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.json().get("errors").findValuesAsText("field")).containsExactly("content");
        assertThat(blank.status()).isEqualTo(422);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(wrongType.status()).isIn(400, 422);
        assertThat(send(open, "GET", path + id, null).json().get("content").asText()).isEqualTo("keep me");
        assertThat(send(open, "GET", path + id, null).json().get("edited_at").isNull()).isTrue();
    }

    @Test
    void givenAConversation_whenForkedAtAMessage_then201WithTheNewConversationAndRefusalsForBadAsks() {
        String conversation = newConversation(open);
        String first = message(conversation, "one");
        message(conversation, "two");
        String fork = "/v1/conversations/" + conversation + "/fork";

        EventStreamHttpTest.Reply forked = send(open, "POST", fork, "{\"message_id\":\"" + first + "\"}");
        EventStreamHttpTest.Reply missing = send(open, "POST", fork, "{}");
        EventStreamHttpTest.Reply unknown = send(open, "POST", fork, "{\"message_id\":\"msg_01J00000000000000000000000\"}");

        OPENAPI.assertConforms("POST", "/v1/conversations/{conversation_id}/fork", forked.status(),
                forked.contentType(), forked.body());
        assertThat(forked.status()).isEqualTo(201);
        String id = forked.json().get("id").asText();
        assertThat(forked.header("Location")).isEqualTo("/v1/conversations/" + id);
        assertThat(forked.json().get("forked_from").get("conversation_id").asText()).isEqualTo(conversation);
        assertThat(forked.json().get("forked_from").get("message_id").asText()).isEqualTo(first);
        assertThat(send(open, "GET", "/v1/conversations/" + id + "/messages", null).json().get("data")
                .findValuesAsText("content")).containsExactly("one");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("errors").findValuesAsText("field")).containsExactly("message_id");
        assertThat(unknown.status()).isEqualTo(404);
    }
}

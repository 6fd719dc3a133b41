package dev.pippa.adapter.in.http;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The judge itself: it must refuse what the document does not allow, or the HTTP tests prove nothing. */
class OpenApiDocumentTest {

    private static final OpenApiDocument OPENAPI = new OpenApiDocument();
    private static final String CONVERSATION = "{\"id\":\"conv_1\",\"object\":\"conversation\",\"title\":null,"
            + "\"metadata\":{},\"message_count\":0,\"created_at\":\"2026-11-29T20:00:00.000Z\","
            + "\"updated_at\":\"2026-11-29T20:00:00.000Z\",\"archived\":false,\"pinned\":false,\"forked_from\":null}";

    @Test
    void givenADocumentedBody_whenChecked_thenAccepted() {
        assertThatCode(() -> OPENAPI.assertConforms("GET", "/v1/conversations/{conversation_id}", 200,
                "application/json", bytes(CONVERSATION))).doesNotThrowAnyException();
    }

    @Test
    void givenABodyMissingARequiredFieldOrOfTheWrongType_whenChecked_thenRefused() {
        assertThatThrownBy(() -> OPENAPI.assertConforms("GET", "/v1/conversations/{conversation_id}", 200,
                "application/json", bytes(CONVERSATION.replace("\"message_count\":0,", ""))))
                .hasMessageContaining("message_count");
        assertThatThrownBy(() -> OPENAPI.assertConforms("GET", "/v1/conversations/{conversation_id}", 200,
                "application/json", bytes(CONVERSATION.replace("\"object\":\"conversation\"", "\"object\":\"chat\""))))
                .hasMessageContaining("object");
    }

    @Test
    void givenAStatusOrMediaTypeTheOperationDoesNotDocument_whenChecked_thenRefused() {
        assertThatThrownBy(() -> OPENAPI.assertConforms("GET", "/v1/conversations/{conversation_id}", 418,
                "application/json", bytes("{}"))).hasMessageContaining("documents status 418");
        assertThatThrownBy(() -> OPENAPI.assertConforms("GET", "/v1/conversations/{conversation_id}", 200,
                "text/csv", bytes("a,b"))).hasMessageContaining("documents text/csv");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package dev.pippa.application.port.out;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A chat model that streams its reply (any OpenAI-compatible chat-completions endpoint). Implementations
 * raise {@link ChatModelException} for every failure, saying whether any text had been streamed.
 */
public interface ChatModel {

    /** One message of the context: {@code role} is system, user, assistant or tool. */
    record Turn(String role, String content) {
        public Turn {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * @param maxOutputTokens null: the model's own limit
     * @param temperature     null: the model's default
     */
    record Request(String model, List<Turn> messages, Integer maxOutputTokens, Double temperature) {
        public Request {
            Objects.requireNonNull(model, "model");
            messages = List.copyOf(messages);
        }
    }

    /** Token counts as the model reported them (zero when it reported none). */
    record Usage(long inputTokens, long outputTokens) {
    }

    /** How a reply ended: the model's id for it, the model that answered, why it stopped, and its usage. */
    record Completion(String responseId, String model, String finishReason, Usage usage) {
    }

    /** Streams the reply: each piece of text goes to {@code onDelta}, in order; returns how it ended. */
    Completion stream(Request request, Consumer<String> onDelta);
}

package dev.pippa.bootstrap;

import dev.pippa.adapter.out.openai.OpenAiChatModel;
import dev.pippa.application.port.in.GenerationLimits;
import java.time.Duration;
import java.util.function.Function;

/**
 * The chat model that generates replies (issue 17): off unless {@code pippa.chat.base.url} is set.
 *
 * @param model         the model asked for when a request names none
 * @param instructions  the system prompt when a request gives none
 * @param contextTokens the context budget (instructions, summary and history)
 * @param timeout       the longest one generation may take
 * @param workers       generations running at once on this node
 * @param limits        generations not yet ended allowed per user and in all
 */
record ChatSettings(OpenAiChatModel.Endpoint endpoint, String model, String instructions, int contextTokens,
                    Duration timeout, int workers, GenerationLimits limits) {

    /** The configured chat model, or null when generation is off. */
    static ChatSettings from(Settings.Reader read, Function<String, String> values) {
        String baseUrl = values.apply("pippa.chat.base.url");
        if (baseUrl == null || baseUrl.isBlank()) {
            return null;
        }
        return new ChatSettings(
                new OpenAiChatModel.Endpoint(read.parsed("pippa.chat.base.url", Settings.Reader::httpUrl,
                        "an http(s) URL"), values.apply("pippa.chat.api.key"),
                        Duration.ofSeconds(read.integer("pippa.chat.connect.timeout.seconds", 1, 600)),
                        Duration.ofSeconds(read.integer("pippa.chat.idle.timeout.seconds", 1, 3600))),
                read.text("pippa.chat.model"),
                read.text("pippa.chat.system.prompt"),
                read.integer("pippa.chat.context.tokens", 256, 10_000_000),
                Duration.ofSeconds(read.integer("pippa.chat.timeout.seconds", 10, 24 * 3600)),
                read.integer("pippa.chat.workers", 1, 10_000),
                new GenerationLimits(read.integer("pippa.chat.max.active.per.user", 1, 1_000_000),
                        read.integer("pippa.chat.max.active", 1, 1_000_000)));
    }
}

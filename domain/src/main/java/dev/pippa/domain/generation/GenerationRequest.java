package dev.pippa.domain.generation;

import dev.pippa.domain.Check;
import dev.pippa.domain.InvalidInputException;

/**
 * What a caller asks of a generation beyond the input message.
 *
 * @param instructions    the system prompt; null: the configured default
 * @param model           null: the configured model
 * @param maxOutputTokens null: the model's own limit
 * @param temperature     null: the model's default; else 0 to 2
 */
public record GenerationRequest(String instructions, String model, Integer maxOutputTokens, Double temperature) {

    public static final int MAX_INSTRUCTIONS_LENGTH = 32_000;
    public static final int MAX_MODEL_LENGTH = 200;

    public GenerationRequest {
        if (instructions != null) {
            Check.length("instructions", instructions, 1, MAX_INSTRUCTIONS_LENGTH);
        }
        if (model != null) {
            Check.length("model", model, 1, MAX_MODEL_LENGTH);
        }
        if (maxOutputTokens != null && (maxOutputTokens < 1 || maxOutputTokens > 1_000_000)) {
            throw new InvalidInputException("max_output_tokens", "must be 1 to 1000000");
        }
        if (temperature != null && (temperature.isNaN() || temperature < 0 || temperature > 2)) {
            throw new InvalidInputException("temperature", "must be 0 to 2");
        }
    }
}

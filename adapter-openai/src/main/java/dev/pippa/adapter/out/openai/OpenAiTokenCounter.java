package dev.pippa.adapter.out.openai;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.pippa.application.port.out.TokenCounter;

/**
 * Tokens as OpenAI's models count them (jtokkit): the model's own encoding when jtokkit knows the model,
 * else o200k_base, the encoding of current OpenAI models. Other families (Llama, Qwen, …) tokenize
 * differently, typically within ±20 % of it: keep a margin in the context budget for them.
 */
public final class OpenAiTokenCounter implements TokenCounter {

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private final Encoding encoding;

    public OpenAiTokenCounter(String model) {
        this.encoding = REGISTRY.getEncodingForModel(model).orElseGet(() -> REGISTRY.getEncoding(EncodingType.O200K_BASE));
    }

    @Override
    public int count(String text) {
        return encoding.countTokensOrdinary(text);
    }
}

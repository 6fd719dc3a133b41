package dev.pippa.adapter.out.openai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Counts checked against OpenAI's tokenizer for the same strings (tiktoken's published examples). */
class OpenAiTokenCounterTest {

    @Test
    void givenKnownStrings_whenCounted_thenTheTokenizersCountsNotCharactersOverFour() {
        OpenAiTokenCounter gpt4 = new OpenAiTokenCounter("gpt-4");
        assertThat(gpt4.count("hello world")).isEqualTo(2);
        assertThat(gpt4.count("tiktoken is great!")).isEqualTo(6);
        assertThat(gpt4.count("")).isZero();
        String korean = "안녕하세요, 만나서 반갑습니다";
        assertThat(gpt4.count(korean)).as("not characters / 4").isNotEqualTo(korean.length() / 4);
    }

    @Test
    void givenAModelJtokkitDoesNotKnow_whenCounted_thenO200kBaseIsUsed() {
        OpenAiTokenCounter unknown = new OpenAiTokenCounter("llama3.1:8b");
        assertThat(unknown.count("hello world")).isEqualTo(2);
    }
}

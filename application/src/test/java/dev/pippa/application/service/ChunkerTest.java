package dev.pippa.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChunkerTest {

    private final Chunker chunker = new Chunker();

    private static String words(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).collect(Collectors.joining(" "));
    }

    @Test
    void givenShortParagraphs_whenChunked_thenTheyStayTogetherInOneChunk() {
        assertThat(chunker.chunks("First paragraph.\n\nSecond one.\n\n\n  Third.  "))
                .containsExactly("First paragraph. Second one. Third.");
    }

    @Test
    void givenALongText_whenChunked_thenChunksHoldAtMostTheLimitAndOverlapByTheLastWords() {
        List<String> chunks = chunker.chunks(words("w", 450));

        assertThat(chunks).hasSize(3);
        assertThat(chunks).allMatch(chunk -> chunk.split(" ").length <= Chunker.WORDS);
        assertThat(chunks.get(1)).startsWith("w160 ").as("the last 40 words of the first chunk come again");
        assertThat(String.join(" ", chunks)).contains("w0 ").endsWith("w449");
    }

    @Test
    void givenParagraphsThatDoNotFitTogether_whenChunked_thenANewChunkStartsAtAParagraph() {
        List<String> chunks = chunker.chunks(words("a", 150) + "\n\n" + words("b", 100));

        assertThat(chunks.getFirst()).endsWith("a149");
        assertThat(chunks.get(1)).contains("b0").endsWith("b99");
        assertThat(chunker.chunks("   \n\n  ")).isEmpty();
    }
}

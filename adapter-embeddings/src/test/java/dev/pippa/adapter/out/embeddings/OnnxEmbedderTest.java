package dev.pippa.adapter.out.embeddings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pippa.application.port.out.Embedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real models, in process: the built-in MiniLM and a Chinese BGE model loaded from a directory. */
class OnnxEmbedderTest {

    /** Taken out of its Maven jar by the build (maven-dependency-plugin), as a user would bring one. */
    private static final Path CHINESE_MODEL = Path.of("target/test-model");

    @Test
    void givenTheBuiltInModel_whenEmbeddingParaphrases_thenTheyAreCloserThanAnUnrelatedSentence() {
        Embedder embedder = OnnxEmbedder.builtIn();

        List<float[]> vectors = embedder.embed(List.of("How do I reset my password?",
                "I forgot my login credentials", "The tomatoes in my garden are ripe", "   "));

        assertThat(vectors.get(0)).hasSize(384);
        assertThat(dot(vectors.get(0), vectors.get(0))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(dot(vectors.get(0), vectors.get(1))).isGreaterThan(dot(vectors.get(0), vectors.get(2)) + 0.2);
        assertThat(vectors.get(3)).as("blank text").isEmpty();
        assertThat(embedder.model()).isEqualTo(OnnxEmbedder.BUILT_IN);
    }

    @Test
    void givenAModelDirectory_whenLoaded_thenItEmbedsChineseByMeaningAndNamesItsFile() {
        Embedder embedder = OnnxEmbedder.fromDirectory(CHINESE_MODEL, "cls");

        List<float[]> vectors = embedder.embed(List.of("我忘记了密码", "如何重置我的登录密码", "今天的天气很好"));

        assertThat(embedder.model()).startsWith("path:bge-small-zh-v1.5-q.onnx:").endsWith(":cls");
        assertThat(vectors.get(0)).hasSize(512);
        assertThat(dot(vectors.get(0), vectors.get(1))).isGreaterThan(dot(vectors.get(0), vectors.get(2)));
    }

    @Test
    void givenADirectoryWithoutAModel_whenLoaded_thenRefusedSayingWhatIsMissing(@TempDir Path empty)
            throws Exception {
        assertThatThrownBy(() -> OnnxEmbedder.fromDirectory(empty, "mean"))
                .hasMessageContaining("exactly one file ending in .onnx");
        Files.writeString(empty.resolve("model.onnx"), "not a model");
        Files.writeString(empty.resolve("tokenizer.json"), "{}");
        Embedder broken = OnnxEmbedder.fromDirectory(empty, "mean");
        assertThatThrownBy(() -> broken.embed(List.of("hello")))
                .isInstanceOf(Embedder.EmbedderException.class).hasMessageContaining(broken.model());
        assertThatThrownBy(() -> OnnxEmbedder.fromDirectory(CHINESE_MODEL, "max")).hasMessageContaining("pooling");
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}

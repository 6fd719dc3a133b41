package dev.pippa.adapter.out.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pippa.application.port.out.DocumentReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Real documents: a PDF written here with PDFBox, Markdown, text, a corrupt PDF and a binary named .txt. */
class PdfBoxDocumentReaderTest {

    private final DocumentReader reader = new PdfBoxDocumentReader();

    @Test
    void givenAPdfMarkdownAndText_whenRead_thenEachIsRecognisedByItsBytesAndItsTextComesOut() throws IOException {
        byte[] pdf = SamplePdf.saying("Refunds are paid within 14 days.");
        byte[] markdown = "# Returns\n\nSend it back within **30 days**.".getBytes(StandardCharsets.UTF_8);

        assertThat(reader.mediaType(pdf, "policy.txt")).as("the name does not decide").contains("application/pdf");
        assertThat(reader.text(pdf, "application/pdf")).contains("Refunds are paid within 14 days.");
        assertThat(reader.mediaType(markdown, "returns.MD")).contains("text/markdown");
        assertThat(reader.mediaType(markdown, "returns")).contains("text/plain");
        assertThat(reader.text("\uFEFFhello, 北京".getBytes(StandardCharsets.UTF_8), "text/plain")).isEqualTo("hello, 北京");
    }

    @Test
    void givenABinaryNamedTxtOrACorruptPdf_whenRead_thenRefusedOrFailedSayingWhy() {
        byte[] binary = {0x7f, 'E', 'L', 'F', 0, 1, 2, (byte) 0xff, (byte) 0xfe};
        byte[] corrupt = "%PDF-1.7\nthis is not really a PDF".getBytes(StandardCharsets.US_ASCII);

        assertThat(reader.mediaType(binary, "notes.txt")).isEmpty();
        assertThat(reader.mediaType("a\u0000b".getBytes(StandardCharsets.UTF_8), "nul.txt")).isEmpty();
        assertThat(reader.mediaType(corrupt, "broken.pdf")).contains("application/pdf");
        assertThatThrownBy(() -> reader.text(corrupt, "application/pdf"))
                .isInstanceOf(DocumentReader.UnreadableDocumentException.class).hasMessageStartingWith("The PDF cannot be read");
        assertThatThrownBy(() -> reader.text("  \n".getBytes(StandardCharsets.UTF_8), "text/plain"))
                .hasMessageContaining("empty");
    }
}

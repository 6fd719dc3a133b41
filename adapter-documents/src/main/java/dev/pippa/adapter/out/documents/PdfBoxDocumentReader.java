package dev.pippa.adapter.out.documents;

import dev.pippa.application.port.out.DocumentReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Plain text, Markdown and PDF. A PDF is recognised by its {@code %PDF-} header and read with Apache
 * PDFBox; text must be valid UTF-8 without NUL or other control characters (but tabs and line ends), so a
 * binary file renamed {@code .txt} is refused; Markdown is text whose name ends in {@code .md} or
 * {@code .markdown}.
 */
public final class PdfBoxDocumentReader implements DocumentReader {

    public static final String PDF = "application/pdf";
    public static final String TEXT = "text/plain";
    public static final String MARKDOWN = "text/markdown";

    private static final byte[] PDF_HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    @Override
    public Optional<String> mediaType(byte[] content, String fileName) {
        if (startsWith(content, PDF_HEADER)) {
            return Optional.of(PDF);
        }
        if (decode(content).filter(PdfBoxDocumentReader::plainText).isEmpty()) {
            return Optional.empty();
        }
        String name = fileName.toLowerCase(Locale.ROOT);
        return Optional.of(name.endsWith(".md") || name.endsWith(".markdown") ? MARKDOWN : TEXT);
    }

    @Override
    public String text(byte[] content, String mediaType) {
        String text = mediaType.equals(PDF) ? pdfText(content) : decode(content).orElseThrow(
                () -> new UnreadableDocumentException("The file is not valid UTF-8 text.", null));
        if (text.isBlank()) {
            throw new UnreadableDocumentException(mediaType.equals(PDF)
                    ? "The PDF holds no text (a scan without a text layer cannot be read)." : "The file is empty.",
                    null);
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String pdfText(byte[] content) {
        try (PDDocument document = Loader.loadPDF(content)) {
            return new PDFTextStripper().getText(document);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableDocumentException("The PDF cannot be read: " + e.getMessage(), e);
        }
    }

    private static Optional<String> decode(byte[] content) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static boolean plainText(String text) {
        return text.chars().noneMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f');
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}

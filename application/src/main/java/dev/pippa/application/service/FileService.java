package dev.pippa.application.service;

import dev.pippa.application.port.in.FileUseCases;
import dev.pippa.application.port.in.UnsupportedFileTypeException;
import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.application.port.out.DocumentReader;
import dev.pippa.application.port.out.Embedder;
import dev.pippa.application.port.out.FileStore;
import dev.pippa.application.port.out.PackedVector;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.NotFoundException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.PageRequest;
import dev.pippa.domain.TimeOrderedIds;
import dev.pippa.domain.file.FileId;
import dev.pippa.domain.file.StoredFile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The knowledge base's rules: what an upload is (its type recognised from its bytes), and its processing:
 * text out, split into overlapping chunks ({@link Chunker}), each embedded, stored together. A file whose
 * text cannot be read ends {@code failed} with the reason; a model that fails leaves it {@code processing},
 * taken up again when its lease runs out.
 */
public final class FileService implements FileUseCases {

    static final String RESOURCE = "file";
    /** How long one processing may take before another worker takes the file up again. */
    static final Duration LEASE = Duration.ofMinutes(5);

    private final FileStore files;
    private final ConversationStore conversations;
    private final DocumentReader reader;
    private final Embedder embedder;
    private final Clock clock;
    private final Chunker chunker = new Chunker();
    private final TimeOrderedIds ids = TimeOrderedIds.shared();

    public FileService(FileStore files, ConversationStore conversations, DocumentReader reader, Embedder embedder,
                       Clock clock) {
        this.files = files;
        this.conversations = conversations;
        this.reader = reader;
        this.embedder = embedder;
        this.clock = clock;
    }

    @Override
    public StoredFile upload(OwnerId owner, String name, byte[] content) {
        String mediaType = reader.mediaType(content, name).orElseThrow(() -> new UnsupportedFileTypeException(name));
        StoredFile file = StoredFile.uploaded(FileId.next(ids), owner, name, mediaType, content.length,
                Instant.ofEpochMilli(clock.millis()));
        files.create(file, content);
        return file;
    }

    @Override
    public Page<StoredFile> list(OwnerId owner, PageRequest page) {
        var after = page.filesPosition(owner);
        return Page.ofFiles(files.list(owner, after == null ? null : new FileId(after.lastId()), page.limit() + 1),
                page);
    }

    @Override
    public StoredFile get(OwnerId owner, FileId id) {
        return files.find(owner, id).orElseThrow(() -> new NotFoundException(RESOURCE, id.value()));
    }

    @Override
    public void delete(OwnerId owner, FileId id) {
        if (!files.delete(owner, id)) {
            throw new NotFoundException(RESOURCE, id.value());
        }
    }

    @Override
    public void attach(OwnerId owner, ConversationId conversation, FileId file) {
        ConversationService.requireConversation(conversations, owner, conversation);
        if (!files.attach(owner, conversation, file, clock.instant())) {
            throw new NotFoundException(RESOURCE, file.value());
        }
    }

    @Override
    public void detach(OwnerId owner, ConversationId conversation, FileId file) {
        ConversationService.requireConversation(conversations, owner, conversation);
        if (!files.detach(owner, conversation, file)) {
            throw new NotFoundException(RESOURCE, file.value());
        }
    }

    @Override
    public List<StoredFile> attached(OwnerId owner, ConversationId conversation) {
        ConversationService.requireConversation(conversations, owner, conversation);
        return files.attached(owner, conversation);
    }

    /**
     * Processes the next file waiting, if any: returns whether there was one. Its text is read, chunked and
     * embedded, then stored with the file ready; an unreadable one fails with the reason.
     */
    public boolean processNext() {
        Optional<FileStore.FileContent> next = files.claim(clock.instant(), LEASE);
        if (next.isEmpty()) {
            return false;
        }
        StoredFile file = next.get().file();
        List<String> chunks;
        try {
            chunks = chunker.chunks(reader.text(next.get().content(), file.mediaType()));
        } catch (DocumentReader.UnreadableDocumentException e) {
            files.fail(file.id(), e.getMessage());
            return true;
        }
        List<PackedVector> vectors = embedder.embed(chunks).stream().map(PackedVector::pack).toList();
        files.finish(file.id(), embedder.model(), chunks, vectors);
        return true;
    }
}

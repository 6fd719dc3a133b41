package dev.pippa.application.port.out;

import dev.pippa.domain.ConversationId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.file.FileId;
import dev.pippa.domain.file.StoredFile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where uploaded files live: their bytes until processed, their chunks with one packed vector each, and
 * which conversations they are attached to. Processing is claimed with a lease, so a file whose worker
 * died is taken up again. Every query is scoped by owner; another owner's file behaves as absent.
 */
public interface FileStore {

    /** A file to process, with its bytes. */
    record FileContent(StoredFile file, byte[] content) {
    }

    /** A chunk's vector, with the sequence it was saved under (larger for later saves). */
    record StoredChunk(long sequence, FileId file, int position, PackedVector vector) {
    }

    /** A chunk's text, for a search result or a generation's context. */
    record Chunk(FileId file, String fileName, int position, String text) {
    }

    void create(StoredFile file, byte[] content);

    Optional<StoredFile> find(OwnerId owner, FileId id);

    /** Up to {@code limit} of the owner's files, newest first, after {@code after} (null: from the newest). */
    List<StoredFile> list(OwnerId owner, FileId after, int limit);

    /** Deletes the file with its chunks and attachments; false when the owner has no such file. */
    boolean delete(OwnerId owner, FileId id);

    /** Deletes every file of the owner (account erasure). */
    void deleteAll(OwnerId owner);

    /** The oldest file still processing whose lease is free, leased until {@code now + lease}. */
    Optional<FileContent> claim(Instant now, Duration lease);

    /** Stores the chunks (replacing any) with their vectors of {@code model}; the file is ready. */
    void finish(FileId id, String model, List<String> chunks, List<PackedVector> vectors);

    /** The file could not be processed: it is failed, with the reason. */
    void fail(FileId id, String error);

    /** Attaches the owner's file to the owner's conversation (again: no change); false when either is absent. */
    boolean attach(OwnerId owner, ConversationId conversation, FileId file, Instant at);

    /** False when the file was not attached there. */
    boolean detach(OwnerId owner, ConversationId conversation, FileId file);

    /** The files attached to the owner's conversation, oldest attachment first. */
    List<StoredFile> attached(OwnerId owner, ConversationId conversation);

    /** The largest sequence of the owner's chunk vectors of {@code model}; 0 when there are none. */
    long lastChunkSequence(OwnerId owner, String model);

    /** The owner's chunk vectors of {@code model} saved after {@code after}, by sequence. */
    List<StoredChunk> chunksAfter(OwnerId owner, String model, long after);

    /** Those of these chunks (file and position) that exist and are the owner's, with their texts. */
    List<Chunk> chunks(OwnerId owner, List<ChunkRef> refs);

    /** Names one chunk: its file and its position in it. */
    record ChunkRef(FileId file, int position) {
    }
}

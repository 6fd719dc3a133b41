package dev.pippa.application.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pippa.application.port.out.FileStore;
import dev.pippa.application.port.out.FileStore.ChunkRef;
import dev.pippa.application.port.out.FileStore.StoredChunk;
import dev.pippa.application.port.out.PackedVector;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.TimeOrderedIds;
import dev.pippa.domain.file.FileId;
import dev.pippa.domain.file.FileStatus;
import dev.pippa.domain.file.StoredFile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link FileStore} must do, on a real database shared with the conversation store. */
public abstract class FileStoreContract {

    /** The conversation store (through its use cases) and the file store of one database. */
    public record FileStores(UseCasesOver conversations, FileStore files, AutoCloseable database) {
    }

    private static final OwnerId ADA = new OwnerId("ada");
    private static final OwnerId BOB = new OwnerId("bob");
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(1);

    private FileStores stores;
    private FileStore files;

    protected abstract FileStores openStores() throws Exception;

    @BeforeEach
    void open() throws Exception {
        stores = openStores();
        files = stores.files();
    }

    @AfterEach
    void close() throws Exception {
        stores.database().close();
    }

    private StoredFile upload(OwnerId owner, String name, String content) {
        StoredFile file = StoredFile.uploaded(FileId.next(TimeOrderedIds.shared()), owner, name, "text/plain",
                content.length(), NOW);
        files.create(file, content.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    @Test
    void givenUploads_whenClaimedProcessedAndListed_thenEachGoesFromProcessingToReadyOnceWithItsChunks() {
        StoredFile first = upload(ADA, "notes.md", "# Notes");
        StoredFile second = upload(ADA, "faq.txt", "Q and A");
        upload(BOB, "bob.txt", "his");

        var claimed = files.claim(NOW, LEASE).orElseThrow();
        assertThat(claimed.file()).isEqualTo(first);
        assertThat(new String(claimed.content(), StandardCharsets.UTF_8)).isEqualTo("# Notes");
        assertThat(files.claim(NOW, LEASE).orElseThrow().file().id()).as("leased files are skipped")
                .isNotEqualTo(first.id());
        files.finish(first.id(), "m", List.of("chunk zero", "chunk one"), List.of(vector(1, 0), vector(0, 1)));
        files.fail(second.id(), "no text in it");
        assertThat(files.claim(NOW.plus(LEASE.multipliedBy(2)), LEASE).orElseThrow().file().owner())
                .as("only bob's is still processing once leases ran out").isEqualTo(BOB);

        assertThat(files.find(ADA, first.id())).get().returns(FileStatus.READY, StoredFile::status)
                .returns(2, StoredFile::chunks);
        assertThat(files.find(ADA, second.id())).get().returns(FileStatus.FAILED, StoredFile::status)
                .returns("no text in it", StoredFile::error);
        assertThat(files.find(BOB, first.id())).isEmpty();
        assertThat(files.list(ADA, null, 10)).extracting(StoredFile::id).containsExactly(second.id(), first.id());
        assertThat(files.list(ADA, second.id(), 10)).extracting(StoredFile::id).containsExactly(first.id());
        List<StoredChunk> chunks = files.chunksAfter(ADA, "m", 0);
        assertThat(chunks).extracting(StoredChunk::position).containsExactly(0, 1);
        assertThat(chunks.get(1).sequence()).isGreaterThan(chunks.get(0).sequence());
        assertThat(files.lastChunkSequence(ADA, "m")).isEqualTo(chunks.get(1).sequence());
        assertThat(files.chunksAfter(BOB, "m", 0)).isEmpty();
        assertThat(files.chunks(ADA, List.of(new ChunkRef(first.id(), 1)))).singleElement()
                .returns("chunk one", FileStore.Chunk::text).returns("notes.md", FileStore.Chunk::fileName);
        assertThat(files.chunks(BOB, List.of(new ChunkRef(first.id(), 1)))).isEmpty();
    }

    @Test
    void givenAttachedFiles_whenDetachedOrDeleted_thenAttachmentsAndChunksGoAndOthersOwnersCannotTouchThem() {
        ConversationId adas = stores.conversations().createConversation(ADA, new NewConversation("a", null)).id();
        ConversationId bobs = stores.conversations().createConversation(BOB, new NewConversation("b", null)).id();
        StoredFile kept = upload(ADA, "kept.txt", "kept");
        StoredFile gone = upload(ADA, "gone.txt", "gone");
        files.finish(gone.id(), "m", List.of("text"), List.of(vector(1, 0)));

        assertThat(files.attach(ADA, adas, kept.id(), NOW)).isTrue();
        assertThat(files.attach(ADA, adas, kept.id(), NOW)).as("again: no change").isTrue();
        assertThat(files.attach(ADA, adas, gone.id(), NOW.plusSeconds(1))).isTrue();
        assertThat(files.attach(BOB, bobs, kept.id(), NOW)).as("not bob's file").isFalse();
        assertThat(files.attach(ADA, bobs, kept.id(), NOW)).as("not ada's conversation").isFalse();
        assertThat(files.attached(ADA, adas)).extracting(StoredFile::id).containsExactly(kept.id(), gone.id());
        assertThat(files.attached(BOB, adas)).isEmpty();

        assertThat(files.detach(BOB, adas, kept.id())).isFalse();
        assertThat(files.detach(ADA, adas, kept.id())).isTrue();
        assertThat(files.delete(BOB, gone.id())).isFalse();
        assertThat(files.delete(ADA, gone.id())).isTrue();

        assertThat(files.attached(ADA, adas)).isEmpty();
        assertThat(files.chunksAfter(ADA, "m", 0)).as("gone with its file").isEmpty();
        files.deleteAll(ADA);
        assertThat(files.list(ADA, null, 10)).isEmpty();
    }

    private static PackedVector vector(float x, float y) {
        return PackedVector.pack(new float[] {x, y});
    }
}

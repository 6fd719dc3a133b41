package dev.pippa.adapter.out.postgres;

import static dev.pippa.adapter.out.postgres.Tables.Attachments;
import static dev.pippa.adapter.out.postgres.Tables.Chunks;
import static dev.pippa.adapter.out.postgres.Tables.Conversations;
import static dev.pippa.adapter.out.postgres.Tables.Files;

import dev.pippa.application.port.out.FileStore;
import dev.pippa.application.port.out.PackedVector;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.file.FileId;
import dev.pippa.domain.file.FileStatus;
import dev.pippa.domain.file.StoredFile;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * {@link FileStore} in PostgreSQL; several nodes claim files with {@code FOR UPDATE SKIP LOCKED}, so each
 * is processed by one of them at a time. Text is stored NUL-safe ({@link NulSafeText}).
 */
public final class PostgresFileStore implements FileStore {

    private static final List<Field<?>> FILE_COLUMNS = List.of(Files.ID, Files.OWNER_ID, Files.NAME, Files.MEDIA_TYPE,
            Files.SIZE, Files.STATUS, Files.ERROR, Files.CHUNK_COUNT, Files.CREATED_AT);
    private static final String CLAIM = "UPDATE stored_file SET leased_until = ? WHERE id = (SELECT id FROM"
            + " stored_file WHERE status = 'processing' AND leased_until <= ? ORDER BY leased_until, id LIMIT 1"
            + " FOR UPDATE SKIP LOCKED) RETURNING id, owner_id, name, media_type, size, status, error, chunk_count,"
            + " created_at, content";
    private static final String SAVE_CHUNK = "INSERT INTO file_chunk (file_id, owner_id, position, text, model, vector)"
            + " SELECT id, owner_id, ?, ?, ?, ? FROM stored_file WHERE id = ?";

    private final PostgresDatabase database;

    public PostgresFileStore(PostgresDatabase database) {
        this.database = database;
    }

    @Override
    public void create(StoredFile file, byte[] content) {
        database.write(dsl -> dsl.insertInto(Files.TABLE)
                .set(Files.ID, file.id().value()).set(Files.OWNER_ID, file.owner().value())
                .set(Files.NAME, NulSafeText.encode(file.name())).set(Files.MEDIA_TYPE, file.mediaType())
                .set(Files.SIZE, file.size()).set(Files.STATUS, file.status().wireName())
                .set(Files.CONTENT, content).set(Files.CREATED_AT, file.createdAt().toEpochMilli())
                .execute());
    }

    @Override
    public Optional<StoredFile> find(OwnerId owner, FileId id) {
        return database.read(dsl -> Rows.fetch(dsl.select(FILE_COLUMNS).from(Files.TABLE)
                .where(Files.ID.eq(id.value()), Files.OWNER_ID.eq(owner.value())), PostgresFileStore::file))
                .stream().findFirst();
    }

    @Override
    public List<StoredFile> list(OwnerId owner, FileId after, int limit) {
        Condition mine = Files.OWNER_ID.eq(owner.value());
        Condition page = after == null ? mine : mine.and(Files.ID.lt(after.value()));
        return database.read(dsl -> Rows.fetch(dsl.select(FILE_COLUMNS).from(Files.TABLE).where(page)
                .orderBy(Files.ID.desc()).limit(limit), PostgresFileStore::file));
    }

    @Override
    public boolean delete(OwnerId owner, FileId id) {
        return database.write(dsl -> dsl.deleteFrom(Files.TABLE)
                .where(Files.ID.eq(id.value()), Files.OWNER_ID.eq(owner.value())).execute() > 0);
    }

    @Override
    public void deleteAll(OwnerId owner) {
        database.write(dsl -> dsl.deleteFrom(Files.TABLE).where(Files.OWNER_ID.eq(owner.value())).execute());
    }

    @Override
    public Optional<FileContent> claim(Instant now, Duration lease) {
        return database.write(dsl -> Rows.query(dsl, CLAIM, update -> {
            update.setLong(1, now.plus(lease).toEpochMilli());
            update.setLong(2, now.toEpochMilli());
        }, row -> new FileContent(file(row), row.getBytes("content")))).stream().findFirst();
    }

    @Override
    public void finish(FileId id, String model, List<String> chunks, List<PackedVector> vectors) {
        database.write(dsl -> {
            dsl.deleteFrom(Chunks.TABLE).where(Chunks.FILE_ID.eq(id.value())).execute();
            Rows.batch(dsl, SAVE_CHUNK, IntStream.range(0, chunks.size()).boxed().toList(), (save, i) -> {
                save.setInt(1, i);
                save.setString(2, NulSafeText.encode(chunks.get(i)));
                save.setString(3, model);
                save.setBytes(4, vectors.get(i).toBytes());
                save.setString(5, id.value());
            });
            return dsl.update(Files.TABLE).set(Files.STATUS, FileStatus.READY.wireName())
                    .set(Files.CHUNK_COUNT, (long) chunks.size()).setNull(Files.ERROR)
                    .where(Files.ID.eq(id.value())).execute();
        });
    }

    @Override
    public void fail(FileId id, String error) {
        database.write(dsl -> dsl.update(Files.TABLE).set(Files.STATUS, FileStatus.FAILED.wireName())
                .set(Files.ERROR, NulSafeText.encode(error)).where(Files.ID.eq(id.value())).execute());
    }

    @Override
    public boolean attach(OwnerId owner, ConversationId conversation, FileId file, Instant at) {
        return database.write(dsl -> dsl.insertInto(Attachments.TABLE,
                        Attachments.CONVERSATION_ID, Attachments.FILE_ID, Attachments.ATTACHED_AT)
                .select(dsl.select(DSL.val(conversation.value()), DSL.val(file.value()), DSL.val(at.toEpochMilli()))
                        .whereExists(dsl.selectOne().from(Files.TABLE)
                                .where(Files.ID.eq(file.value()), Files.OWNER_ID.eq(owner.value())))
                        .andExists(dsl.selectOne().from(Conversations.TABLE)
                                .where(Conversations.ID.eq(conversation.value()),
                                        Conversations.OWNER_ID.eq(owner.value()))))
                .onConflictDoNothing().execute() > 0
                || dsl.fetchExists(Attachments.TABLE, Attachments.CONVERSATION_ID.eq(conversation.value()),
                Attachments.FILE_ID.eq(file.value())) && dsl.fetchExists(Files.TABLE,
                Files.ID.eq(file.value()), Files.OWNER_ID.eq(owner.value())));
    }

    @Override
    public boolean detach(OwnerId owner, ConversationId conversation, FileId file) {
        return database.write(dsl -> dsl.deleteFrom(Attachments.TABLE)
                .where(Attachments.CONVERSATION_ID.eq(conversation.value()), Attachments.FILE_ID.eq(file.value()),
                        DSL.exists(dsl.selectOne().from(Files.TABLE).where(Files.ID.eq(file.value()),
                                Files.OWNER_ID.eq(owner.value()))))
                .execute() > 0);
    }

    @Override
    public List<StoredFile> attached(OwnerId owner, ConversationId conversation) {
        return database.read(dsl -> Rows.fetch(dsl.select(FILE_COLUMNS).from(Files.TABLE)
                .join(Attachments.TABLE).on(Attachments.FILE_ID.eq(Files.ID))
                .where(Attachments.CONVERSATION_ID.eq(conversation.value()), Files.OWNER_ID.eq(owner.value()))
                .orderBy(Attachments.ATTACHED_AT, Files.ID), PostgresFileStore::file));
    }

    @Override
    public long lastChunkSequence(OwnerId owner, String model) {
        return database.read(dsl -> Rows.fetch(dsl.select(DSL.coalesce(DSL.max(Chunks.SEQUENCE), 0L))
                .from(Chunks.TABLE).where(Chunks.OWNER_ID.eq(owner.value()), Chunks.MODEL.eq(model)),
                row -> row.getLong(1)).getFirst());
    }

    @Override
    public List<StoredChunk> chunksAfter(OwnerId owner, String model, long after) {
        return database.read(dsl -> Rows.fetch(dsl.select(Chunks.SEQUENCE, Chunks.FILE_ID, Chunks.POSITION,
                        Chunks.VECTOR).from(Chunks.TABLE)
                .where(Chunks.OWNER_ID.eq(owner.value()), Chunks.MODEL.eq(model), Chunks.SEQUENCE.gt(after))
                .orderBy(Chunks.SEQUENCE), row -> new StoredChunk(row.getLong(1), new FileId(row.getString(2)),
                row.getInt(3), PackedVector.fromBytes(row.getBytes(4)))));
    }

    @Override
    public List<Chunk> chunks(OwnerId owner, List<ChunkRef> refs) {
        if (refs.isEmpty()) {
            return List.of();
        }
        Condition any = DSL.or(refs.stream().map(ref -> Chunks.FILE_ID.eq(ref.file().value())
                .and(Chunks.POSITION.eq((long) ref.position()))).toList());
        return database.read(dsl -> Rows.fetch(dsl.select(Chunks.FILE_ID, Files.NAME, Chunks.POSITION, Chunks.TEXT)
                .from(Chunks.TABLE).join(Files.TABLE).on(Files.ID.eq(Chunks.FILE_ID))
                .where(Files.OWNER_ID.eq(owner.value()), any), row -> new Chunk(new FileId(row.getString(1)),
                NulSafeText.decode(row.getString(2)), row.getInt(3), NulSafeText.decode(row.getString(4)))));
    }

    private static StoredFile file(ResultSet row) throws SQLException {
        return new StoredFile(new FileId(row.getString("id")), new OwnerId(row.getString("owner_id")),
                NulSafeText.decode(row.getString("name")), row.getString("media_type"), row.getLong("size"),
                FileStatus.fromWireName(row.getString("status")), NulSafeText.decode(row.getString("error")),
                row.getInt("chunk_count"), Instant.ofEpochMilli(row.getLong("created_at")));
    }
}

package dev.pippa.adapter.out.sqlite;

import static dev.pippa.adapter.out.sqlite.jooq.Tables.CONVERSATION;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.CONVERSATION_FILE;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.FILE_CHUNK;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.STORED_FILE;

import dev.pippa.adapter.out.sqlite.jooq.tables.records.StoredFileRecord;
import dev.pippa.application.port.out.FileStore;
import dev.pippa.application.port.out.PackedVector;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.file.FileId;
import dev.pippa.domain.file.FileStatus;
import dev.pippa.domain.file.StoredFile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/** {@link FileStore} in the same SQLite file; writes go through the single writer. */
public final class SqliteFileStore implements FileStore {

    private final SqliteDatabase database;

    public SqliteFileStore(SqliteDatabase database) {
        this.database = database;
    }

    @Override
    public void create(StoredFile file, byte[] content) {
        database.write(session -> session.dsl().insertInto(STORED_FILE)
                .set(STORED_FILE.ID, file.id().value())
                .set(STORED_FILE.OWNER_ID, file.owner().value())
                .set(STORED_FILE.NAME, file.name())
                .set(STORED_FILE.MEDIA_TYPE, file.mediaType())
                .set(STORED_FILE.SIZE, file.size())
                .set(STORED_FILE.STATUS, file.status().wireName())
                .set(STORED_FILE.CONTENT, content)
                .set(STORED_FILE.CREATED_AT, file.createdAt().toEpochMilli())
                .execute());
    }

    @Override
    public Optional<StoredFile> find(OwnerId owner, FileId id) {
        return database.read(session -> session.dsl().selectFrom(STORED_FILE)
                .where(STORED_FILE.ID.eq(id.value()), STORED_FILE.OWNER_ID.eq(owner.value()))
                .fetchOptional(SqliteFileStore::file));
    }

    @Override
    public List<StoredFile> list(OwnerId owner, FileId after, int limit) {
        Condition mine = STORED_FILE.OWNER_ID.eq(owner.value());
        Condition page = after == null ? mine : mine.and(STORED_FILE.ID.lt(after.value()));
        return database.read(session -> session.dsl().selectFrom(STORED_FILE).where(page)
                .orderBy(STORED_FILE.ID.desc()).limit(limit).fetch(SqliteFileStore::file));
    }

    @Override
    public boolean delete(OwnerId owner, FileId id) {
        return database.write(session -> session.dsl().deleteFrom(STORED_FILE)
                .where(STORED_FILE.ID.eq(id.value()), STORED_FILE.OWNER_ID.eq(owner.value())).execute() > 0);
    }

    @Override
    public void deleteAll(OwnerId owner) {
        database.write(session -> session.dsl().deleteFrom(STORED_FILE)
                .where(STORED_FILE.OWNER_ID.eq(owner.value())).execute());
    }

    @Override
    public Optional<FileContent> claim(Instant now, Duration lease) {
        return database.write(session -> {
            Optional<StoredFileRecord> next = session.dsl().selectFrom(STORED_FILE)
                    .where(STORED_FILE.STATUS.eq(FileStatus.PROCESSING.wireName()),
                            STORED_FILE.LEASED_UNTIL.le(now.toEpochMilli()))
                    .orderBy(STORED_FILE.LEASED_UNTIL, STORED_FILE.ID).limit(1).fetchOptional();
            next.ifPresent(row -> session.dsl().update(STORED_FILE)
                    .set(STORED_FILE.LEASED_UNTIL, now.plus(lease).toEpochMilli())
                    .where(STORED_FILE.ID.eq(row.getId())).execute());
            return next.map(row -> new FileContent(file(row), row.getContent()));
        });
    }

    @Override
    public void finish(FileId id, String model, List<String> chunks, List<PackedVector> vectors) {
        database.write(session -> {
            String owner = session.dsl().select(STORED_FILE.OWNER_ID).from(STORED_FILE)
                    .where(STORED_FILE.ID.eq(id.value())).fetchOne(STORED_FILE.OWNER_ID);
            if (owner == null) {
                return null; // deleted while it was processed
            }
            session.dsl().deleteFrom(FILE_CHUNK).where(FILE_CHUNK.FILE_ID.eq(id.value())).execute();
            for (int i = 0; i < chunks.size(); i++) {
                session.dsl().insertInto(FILE_CHUNK)
                        .set(FILE_CHUNK.FILE_ID, id.value()).set(FILE_CHUNK.OWNER_ID, owner)
                        .set(FILE_CHUNK.POSITION, i).set(FILE_CHUNK.TEXT, chunks.get(i))
                        .set(FILE_CHUNK.MODEL, model).set(FILE_CHUNK.VECTOR, vectors.get(i).toBytes())
                        .execute();
            }
            return session.dsl().update(STORED_FILE).set(STORED_FILE.STATUS, FileStatus.READY.wireName())
                    .set(STORED_FILE.CHUNK_COUNT, chunks.size()).setNull(STORED_FILE.ERROR)
                    .where(STORED_FILE.ID.eq(id.value())).execute();
        });
    }

    @Override
    public void fail(FileId id, String error) {
        database.write(session -> session.dsl().update(STORED_FILE)
                .set(STORED_FILE.STATUS, FileStatus.FAILED.wireName()).set(STORED_FILE.ERROR, error)
                .where(STORED_FILE.ID.eq(id.value())).execute());
    }

    @Override
    public boolean attach(OwnerId owner, ConversationId conversation, FileId file, Instant at) {
        return database.write(session -> {
            boolean both = session.dsl().fetchExists(STORED_FILE, STORED_FILE.ID.eq(file.value()),
                    STORED_FILE.OWNER_ID.eq(owner.value()))
                    && session.dsl().fetchExists(CONVERSATION, CONVERSATION.ID.eq(conversation.value()),
                    CONVERSATION.OWNER_ID.eq(owner.value()));
            if (both) {
                session.dsl().insertInto(CONVERSATION_FILE)
                        .set(CONVERSATION_FILE.CONVERSATION_ID, conversation.value())
                        .set(CONVERSATION_FILE.FILE_ID, file.value())
                        .set(CONVERSATION_FILE.ATTACHED_AT, at.toEpochMilli())
                        .onConflictDoNothing().execute();
            }
            return both;
        });
    }

    @Override
    public boolean detach(OwnerId owner, ConversationId conversation, FileId file) {
        return database.write(session -> session.dsl().deleteFrom(CONVERSATION_FILE)
                .where(CONVERSATION_FILE.CONVERSATION_ID.eq(conversation.value()),
                        CONVERSATION_FILE.FILE_ID.eq(file.value()),
                        DSL.exists(DSL.selectOne().from(STORED_FILE).where(STORED_FILE.ID.eq(file.value()),
                                STORED_FILE.OWNER_ID.eq(owner.value()))))
                .execute() > 0);
    }

    @Override
    public List<StoredFile> attached(OwnerId owner, ConversationId conversation) {
        return database.read(session -> session.dsl().select(STORED_FILE.fields()).from(STORED_FILE)
                .join(CONVERSATION_FILE).on(CONVERSATION_FILE.FILE_ID.eq(STORED_FILE.ID))
                .where(CONVERSATION_FILE.CONVERSATION_ID.eq(conversation.value()),
                        STORED_FILE.OWNER_ID.eq(owner.value()))
                .orderBy(CONVERSATION_FILE.ATTACHED_AT, STORED_FILE.ID)
                .fetch(row -> file(row.into(STORED_FILE))));
    }

    @Override
    public long lastChunkSequence(OwnerId owner, String model) {
        return database.read(session -> {
            Number last = session.dsl().select(DSL.max(FILE_CHUNK.SEQUENCE)).from(FILE_CHUNK)
                    .where(FILE_CHUNK.OWNER_ID.eq(owner.value()), FILE_CHUNK.MODEL.eq(model))
                    .fetchOne(0, Number.class);
            return last == null ? 0L : last.longValue();
        });
    }

    @Override
    public List<StoredChunk> chunksAfter(OwnerId owner, String model, long after) {
        return database.read(session -> session.dsl()
                .select(FILE_CHUNK.SEQUENCE, FILE_CHUNK.FILE_ID, FILE_CHUNK.POSITION, FILE_CHUNK.VECTOR)
                .from(FILE_CHUNK)
                .where(FILE_CHUNK.OWNER_ID.eq(owner.value()), FILE_CHUNK.MODEL.eq(model),
                        FILE_CHUNK.SEQUENCE.gt((int) Math.min(after, Integer.MAX_VALUE)))
                .orderBy(FILE_CHUNK.SEQUENCE)
                .fetch(row -> new StoredChunk(row.value1(), new FileId(row.value2()), row.value3(),
                        PackedVector.fromBytes(row.value4()))));
    }

    @Override
    public List<Chunk> chunks(OwnerId owner, List<ChunkRef> refs) {
        if (refs.isEmpty()) {
            return List.of();
        }
        Condition any = DSL.or(refs.stream().map(ref -> FILE_CHUNK.FILE_ID.eq(ref.file().value())
                .and(FILE_CHUNK.POSITION.eq(ref.position()))).toList());
        return database.read(session -> session.dsl()
                .select(FILE_CHUNK.FILE_ID, STORED_FILE.NAME, FILE_CHUNK.POSITION, FILE_CHUNK.TEXT)
                .from(FILE_CHUNK).join(STORED_FILE).on(STORED_FILE.ID.eq(FILE_CHUNK.FILE_ID))
                .where(STORED_FILE.OWNER_ID.eq(owner.value()), any)
                .fetch(row -> new Chunk(new FileId(row.value1()), row.value2(), row.value3(), row.value4())));
    }

    private static StoredFile file(StoredFileRecord row) {
        return new StoredFile(new FileId(row.getId()), new OwnerId(row.getOwnerId()), row.getName(),
                row.getMediaType(), row.getSize(), FileStatus.fromWireName(row.getStatus()), row.getError(),
                row.getChunkCount(), Instant.ofEpochMilli(row.getCreatedAt()));
    }
}

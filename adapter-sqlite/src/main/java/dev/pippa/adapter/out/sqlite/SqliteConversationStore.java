package dev.pippa.adapter.out.sqlite;

import static dev.pippa.adapter.out.sqlite.jooq.Tables.CONVERSATION;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.IDEMPOTENCY_KEY;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.MESSAGE;

import dev.pippa.adapter.out.sqlite.jooq.tables.records.ConversationRecord;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.ConversationPatch;
import dev.pippa.domain.ConversationStore;
import dev.pippa.domain.DomainException;
import dev.pippa.domain.IdempotencyKey;
import dev.pippa.domain.Idempotent;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.NotFoundException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.PageCursor;
import dev.pippa.domain.PageRequest;
import dev.pippa.domain.SortOrder;
import dev.pippa.domain.StorageException;
import dev.pippa.domain.TimeOrderedIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.sqlite.SQLiteDataSource;

/**
 * {@link ConversationStore} on one SQLite file. Writes go through a single group-committing writer
 * (which also assigns ids, so ids grow in commit order); reads use a pool of read-only connections.
 */
public final class SqliteConversationStore implements ConversationStore, AutoCloseable {

    private static final String CONVERSATIONS_SCOPE = "conversations";
    private static final long KEY_PURGE_INTERVAL_MILLIS = 60_000;

    private final SqliteSettings settings;
    private final Clock clock;
    private final TimeOrderedIds ids = TimeOrderedIds.shared();
    private final GroupCommitWriter writer;
    private final ReadPool readers;
    private long nextKeyPurgeMillis; // touched only by the writer thread

    private SqliteConversationStore(SqliteSettings settings, Clock clock, GroupCommitWriter writer, ReadPool readers) {
        this.settings = settings;
        this.clock = clock;
        this.writer = writer;
        this.readers = readers;
    }

    /** Opens (creating and migrating when needed) the database file. */
    public static SqliteConversationStore open(SqliteSettings settings) {
        return open(settings, Clock.systemUTC());
    }

    public static SqliteConversationStore open(SqliteSettings settings, Clock clock) {
        List<Connection> opened = new ArrayList<>();
        try {
            Path parent = settings.path().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            migrate(settings);
            Connection writeConnection = track(opened, Sqlite.connect(settings, false));
            List<DSLContext> readContexts = new ArrayList<>();
            for (int i = 0; i < settings.readConnections(); i++) {
                readContexts.add(Sqlite.dsl(track(opened, Sqlite.connect(settings, true))));
            }
            GroupCommitWriter writer = new GroupCommitWriter(writeConnection, Sqlite.dsl(writeConnection),
                    settings.writeQueueCapacity(), settings.maxBatch());
            return new SqliteConversationStore(settings, clock, writer, new ReadPool(readContexts));
        } catch (SQLException | IOException | RuntimeException e) {
            opened.forEach(SqliteConversationStore::closeQuietly);
            throw new StorageException(
                    "cannot open database " + settings.path().toAbsolutePath() + ": " + rootMessage(e), e);
        }
    }

    private static void migrate(SqliteSettings settings) {
        SQLiteDataSource dataSource = new SQLiteDataSource(Sqlite.config(settings, false));
        dataSource.setUrl(Sqlite.url(settings));
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    public SqliteSettings settings() {
        return settings;
    }

    /** True when a read-only query answers: the readiness check. */
    public boolean isReadable() {
        try {
            return read(dsl -> dsl.selectOne().fetchOne(0, Integer.class)) == 1;
        } catch (DomainException e) {
            return false;
        }
    }

    @Override
    public Conversation createConversation(OwnerId owner, NewConversation draft, Optional<Idempotent> idempotent) {
        return write(dsl -> {
            Instant now = now();
            Optional<String> replay = replayOf(dsl, owner, idempotent, now);
            if (replay.isPresent()) {
                return selectConversation(dsl, owner, new ConversationId(replay.get()))
                        .orElseThrow(() -> new NotFoundException("conversation", replay.get()));
            }
            Conversation conversation = new Conversation(ConversationId.next(ids), owner, draft.title(),
                    draft.metadata(), 0, now, now, 1);
            dsl.insertInto(CONVERSATION)
                    .set(CONVERSATION.ID, conversation.id().value())
                    .set(CONVERSATION.OWNER_ID, owner.value())
                    .set(CONVERSATION.TITLE, conversation.title())
                    .set(CONVERSATION.METADATA, MetadataJson.write(conversation.metadata()))
                    .set(CONVERSATION.MESSAGE_COUNT, 0L)
                    .set(CONVERSATION.CREATED_AT, now.toEpochMilli())
                    .set(CONVERSATION.UPDATED_AT, now.toEpochMilli())
                    .set(CONVERSATION.VERSION, conversation.version())
                    .execute();
            remember(dsl, owner, idempotent, conversation.id().value(), now);
            return conversation;
        });
    }

    @Override
    public Optional<Conversation> findConversation(OwnerId owner, ConversationId id) {
        return read(dsl -> selectConversation(dsl, owner, id));
    }

    @Override
    public Page<Conversation> listConversations(OwnerId owner, PageRequest page) {
        List<Conversation> fetched = read(dsl -> conversationPage(dsl, owner, page).fetch(Records::conversation));
        return Page.fromLookahead(fetched, page.limit(), c -> new PageCursor(CONVERSATIONS_SCOPE, page.order(),
                c.updatedAt().toEpochMilli(), c.id().value()));
    }

    /** One keyset page of an owner's conversations (plus one row to tell whether more follow). */
    static ResultQuery<ConversationRecord> conversationPage(DSLContext dsl, OwnerId owner, PageRequest page) {
        PageCursor after = page.position(CONVERSATIONS_SCOPE);
        boolean ascending = page.order() == SortOrder.ASC;
        Condition where = CONVERSATION.OWNER_ID.eq(owner.value());
        if (after != null) {
            var key = DSL.row(CONVERSATION.UPDATED_AT, CONVERSATION.ID);
            var cursor = DSL.row(after.position(), after.lastId());
            where = where.and(ascending ? key.gt(cursor) : key.lt(cursor));
        }
        return dsl.selectFrom(CONVERSATION)
                .where(where)
                .orderBy(ascending ? CONVERSATION.UPDATED_AT.asc() : CONVERSATION.UPDATED_AT.desc(),
                        ascending ? CONVERSATION.ID.asc() : CONVERSATION.ID.desc())
                .limit(page.limit() + 1);
    }

    @Override
    public Conversation updateConversation(OwnerId owner, ConversationId id, ConversationPatch patch) {
        return write(dsl -> {
            Conversation current = selectConversation(dsl, owner, id)
                    .orElseThrow(() -> new NotFoundException("conversation", id.value()));
            patch.checkVersion(current);
            Conversation updated = patch.applyTo(current, now());
            dsl.update(CONVERSATION)
                    .set(CONVERSATION.TITLE, updated.title())
                    .set(CONVERSATION.METADATA, MetadataJson.write(updated.metadata()))
                    .set(CONVERSATION.UPDATED_AT, updated.updatedAt().toEpochMilli())
                    .set(CONVERSATION.VERSION, updated.version())
                    .where(CONVERSATION.ID.eq(id.value()))
                    .execute();
            return updated;
        });
    }

    @Override
    public boolean deleteConversation(OwnerId owner, ConversationId id) {
        // Messages go by ON DELETE CASCADE (foreign keys are enforced on every connection).
        return write(dsl -> dsl.deleteFrom(CONVERSATION)
                .where(CONVERSATION.ID.eq(id.value()), CONVERSATION.OWNER_ID.eq(owner.value()))
                .execute() > 0);
    }

    @Override
    public Message appendMessage(OwnerId owner, ConversationId conversationId, NewMessage draft,
                                 Optional<Idempotent> idempotent) {
        return write(dsl -> {
            Instant now = now();
            Optional<String> replay = replayOf(dsl, owner, idempotent, now);
            if (replay.isPresent()) {
                return selectMessage(dsl, owner, conversationId, new MessageId(replay.get()))
                        .orElseThrow(() -> new NotFoundException("conversation", conversationId.value()));
            }
            int touched = dsl.update(CONVERSATION)
                    .set(CONVERSATION.MESSAGE_COUNT, CONVERSATION.MESSAGE_COUNT.plus(1))
                    .set(CONVERSATION.UPDATED_AT, now.toEpochMilli())
                    .set(CONVERSATION.VERSION, CONVERSATION.VERSION.plus(1))
                    .where(CONVERSATION.ID.eq(conversationId.value()), CONVERSATION.OWNER_ID.eq(owner.value()))
                    .execute();
            if (touched == 0) {
                throw new NotFoundException("conversation", conversationId.value());
            }
            Message message = new Message(MessageId.next(ids), conversationId, draft.role(), draft.content(),
                    draft.metadata(), now);
            dsl.insertInto(MESSAGE)
                    .set(MESSAGE.ID, message.id().value())
                    .set(MESSAGE.CONVERSATION_ID, conversationId.value())
                    .set(MESSAGE.ROLE, message.role().wireName())
                    .set(MESSAGE.CONTENT, message.content())
                    .set(MESSAGE.METADATA, MetadataJson.write(message.metadata()))
                    .set(MESSAGE.CREATED_AT, now.toEpochMilli())
                    .execute();
            remember(dsl, owner, idempotent, message.id().value(), now);
            return message;
        });
    }

    @Override
    public Optional<Message> findMessage(OwnerId owner, ConversationId conversationId, MessageId messageId) {
        return read(dsl -> selectMessage(dsl, owner, conversationId, messageId));
    }

    @Override
    public Page<Message> listMessages(OwnerId owner, ConversationId conversationId, PageRequest page) {
        List<Message> fetched = read(dsl -> {
            List<Message> rows = messagePage(dsl, owner, conversationId, page)
                    .fetch(row -> Records.message(row.into(MESSAGE)));
            // An empty page is either the end of a conversation or no conversation at all.
            if (rows.isEmpty() && selectConversation(dsl, owner, conversationId).isEmpty()) {
                throw new NotFoundException("conversation", conversationId.value());
            }
            return rows;
        });
        return Page.fromLookahead(fetched, page.limit(),
                m -> new PageCursor(conversationId.value(), page.order(), 0, m.id().value()));
    }

    /** One keyset page of a conversation's messages: an index range scan of limit + 1 rows. */
    static ResultQuery<Record> messagePage(DSLContext dsl, OwnerId owner, ConversationId conversationId,
                                           PageRequest page) {
        PageCursor after = page.position(conversationId.value());
        boolean ascending = page.order() == SortOrder.ASC;
        Condition where = MESSAGE.CONVERSATION_ID.eq(conversationId.value())
                .and(CONVERSATION.OWNER_ID.eq(owner.value()));
        if (after != null) {
            where = where.and(ascending ? MESSAGE.ID.gt(after.lastId()) : MESSAGE.ID.lt(after.lastId()));
        }
        return dsl.select(MESSAGE.fields())
                .from(MESSAGE)
                .join(CONVERSATION).on(CONVERSATION.ID.eq(MESSAGE.CONVERSATION_ID))
                .where(where)
                .orderBy(ascending ? MESSAGE.ID.asc() : MESSAGE.ID.desc())
                .limit(page.limit() + 1);
    }

    private static Optional<Conversation> selectConversation(DSLContext dsl, OwnerId owner, ConversationId id) {
        return dsl.selectFrom(CONVERSATION)
                .where(CONVERSATION.ID.eq(id.value()), CONVERSATION.OWNER_ID.eq(owner.value()))
                .fetchOptional(Records::conversation);
    }

    private static Optional<Message> selectMessage(DSLContext dsl, OwnerId owner, ConversationId conversationId,
                                                   MessageId messageId) {
        return dsl.select(MESSAGE.fields())
                .from(MESSAGE)
                .join(CONVERSATION).on(CONVERSATION.ID.eq(MESSAGE.CONVERSATION_ID))
                .where(MESSAGE.ID.eq(messageId.value()),
                        MESSAGE.CONVERSATION_ID.eq(conversationId.value()),
                        CONVERSATION.OWNER_ID.eq(owner.value()))
                .fetchOptional(row -> Records.message(row.into(MESSAGE)));
    }

    private Optional<String> replayOf(DSLContext dsl, OwnerId owner, Optional<Idempotent> idempotent, Instant now) {
        if (idempotent.isEmpty()) {
            return Optional.empty();
        }
        purgeExpiredKeys(dsl, now);
        Optional<Idempotent.Remembered> first = dsl.selectFrom(IDEMPOTENCY_KEY)
                .where(IDEMPOTENCY_KEY.OWNER_ID.eq(owner.value()), IDEMPOTENCY_KEY.KEY.eq(idempotent.get().key().value()))
                .fetchOptional(row -> new Idempotent.Remembered(row.getFingerprint(), row.getResourceId(),
                        Instant.ofEpochMilli(row.getCreatedAt())));
        return idempotent.get().replayedResourceId(first, now);
    }

    private static void remember(DSLContext dsl, OwnerId owner, Optional<Idempotent> idempotent, String resourceId,
                                 Instant now) {
        idempotent.ifPresent(request -> dsl.insertInto(IDEMPOTENCY_KEY)
                .set(IDEMPOTENCY_KEY.OWNER_ID, owner.value())
                .set(IDEMPOTENCY_KEY.KEY, request.key().value())
                .set(IDEMPOTENCY_KEY.FINGERPRINT, request.fingerprint())
                .set(IDEMPOTENCY_KEY.RESOURCE_ID, resourceId)
                .set(IDEMPOTENCY_KEY.CREATED_AT, now.toEpochMilli())
                .onConflict(IDEMPOTENCY_KEY.OWNER_ID, IDEMPOTENCY_KEY.KEY).doUpdate()
                .set(IDEMPOTENCY_KEY.FINGERPRINT, request.fingerprint())
                .set(IDEMPOTENCY_KEY.RESOURCE_ID, resourceId)
                .set(IDEMPOTENCY_KEY.CREATED_AT, now.toEpochMilli())
                .execute());
    }

    /** At most once a minute, on the writer: expired keys only cost an index range delete. */
    private void purgeExpiredKeys(DSLContext dsl, Instant now) {
        if (now.toEpochMilli() < nextKeyPurgeMillis) {
            return;
        }
        nextKeyPurgeMillis = now.toEpochMilli() + KEY_PURGE_INTERVAL_MILLIS;
        dsl.deleteFrom(IDEMPOTENCY_KEY)
                .where(IDEMPOTENCY_KEY.CREATED_AT.lt(now.minus(IdempotencyKey.RETENTION).toEpochMilli()))
                .execute();
    }

    private <T> T write(Function<DSLContext, T> work) {
        return writer.write(work);
    }

    private <T> T read(Function<DSLContext, T> work) {
        try {
            return readers.read(work);
        } catch (DataAccessException e) {
            throw Sqlite.storageFailure(e);
        }
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    /** Commits queued writes, then closes every connection. */
    @Override
    public void close() {
        try (ReadPool pool = readers) {
            writer.close();
        } catch (SQLException e) {
            throw Sqlite.storageFailure(e);
        }
    }

    private static Connection track(List<Connection> opened, Connection connection) {
        opened.add(connection);
        return connection;
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // already failing to open; the original error is the one worth reporting
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}

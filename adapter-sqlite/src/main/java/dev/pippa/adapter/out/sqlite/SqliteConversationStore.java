package dev.pippa.adapter.out.sqlite;

import static dev.pippa.adapter.out.sqlite.jooq.Tables.CONVERSATION;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.IDEMPOTENCY_KEY;

import dev.pippa.adapter.out.sqlite.jooq.tables.records.ConversationRecord;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.ConversationPatch;
import dev.pippa.domain.ConversationStore;
import dev.pippa.domain.DomainException;
import dev.pippa.domain.IdempotencyKey;
import dev.pippa.domain.Idempotent;
import dev.pippa.domain.JobStore;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.MessageJobs;
import dev.pippa.domain.MessageSearch;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.NotFoundException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.PageCursor;
import dev.pippa.domain.PageRequest;
import dev.pippa.domain.SortOrder;
import dev.pippa.domain.StorageException;
import dev.pippa.domain.SummaryStore;
import dev.pippa.domain.TimeOrderedIds;
import dev.pippa.domain.UserStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.ResultQuery;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.sqlite.SQLiteDataSource;

/**
 * {@link ConversationStore} on one SQLite file, with the other ports kept in it: {@link #users()},
 * {@link #jobs()}, {@link #search()} and {@link #summaries()}. Writes go through a single group-committing
 * writer (which also assigns ids, so ids grow in commit order); reads use a pool of read-only connections.
 * The hot statements are rendered once ({@link SqlStatements}) and prepared once per connection.
 */
public final class SqliteConversationStore implements ConversationStore, AutoCloseable {

    private static final long KEY_PURGE_INTERVAL_MILLIS = 60_000;

    private final SqliteSettings settings;
    private final Clock clock;
    private final TimeOrderedIds ids = TimeOrderedIds.shared();
    private final GroupCommitWriter writer;
    private final ReadPool readers;
    private final SqliteUserStore users;
    private final SqliteJobStore jobs;
    private final SqliteMessageSearch search;
    private final SqliteSummaryStore summaries;
    private final MessageJobs messageJobs;
    private long nextKeyPurgeMillis; // touched only by the writer thread

    private final AutoCloseable processLock;

    private SqliteConversationStore(SqliteSettings settings, Clock clock, MessageJobs messageJobs,
                                    GroupCommitWriter writer, ReadPool readers, AutoCloseable processLock) {
        this.settings = settings;
        this.processLock = processLock;
        this.clock = clock;
        this.messageJobs = messageJobs;
        this.writer = writer;
        this.readers = readers;
        this.users = new SqliteUserStore(this, clock);
        this.jobs = new SqliteJobStore(this, clock);
        this.search = new SqliteMessageSearch(this);
        this.summaries = new SqliteSummaryStore(this);
    }

    /** Opens (creating and migrating when needed) the database file. */
    public static SqliteConversationStore open(SqliteSettings settings) {
        return open(settings, Clock.systemUTC(), MessageJobs.NONE);
    }

    /** @param messageJobs the jobs each new message causes, written in its transaction */
    public static SqliteConversationStore open(SqliteSettings settings, Clock clock, MessageJobs messageJobs) {
        DatabaseFiles.prepareFolder(settings.path());
        AutoCloseable lock = DatabaseFiles.lock(settings.path());
        List<Session> opened = new ArrayList<>();
        try {
            migrate(settings);
            Session writeSession = track(opened, new Session(Sqlite.connect(settings, false)));
            List<Session> readSessions = new ArrayList<>();
            for (int i = 0; i < settings.readConnections(); i++) {
                readSessions.add(track(opened, new Session(Sqlite.connect(settings, true))));
            }
            GroupCommitWriter writer = new GroupCommitWriter(writeSession, settings.writeQueueCapacity(),
                    settings.maxBatch());
            return new SqliteConversationStore(settings, clock, messageJobs, writer, new ReadPool(readSessions), lock);
        } catch (SQLException | RuntimeException e) {
            opened.forEach(SqliteConversationStore::closeQuietly);
            closeQuietly(lock);
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

    /** The users kept in the same file, written through the same writer. */
    public UserStore users() {
        return users;
    }

    /** The job queue in the same file: jobs are written in the same transactions as their messages. */
    public JobStore jobs() {
        return jobs;
    }

    public MessageSearch search() {
        return search;
    }

    public SummaryStore summaries() {
        return summaries;
    }

    public SqliteSettings settings() {
        return settings;
    }

    /** True when a read-only query answers: the readiness check (plain SQL: no jOOQ on the health path). */
    public boolean isReadable() {
        try {
            return read(session -> {
                try (ResultSet row = session.statement("SELECT 1").executeQuery()) {
                    return row.next() && row.getInt(1) == 1;
                }
            });
        } catch (DomainException e) {
            return false;
        }
    }

    /**
     * Initialises jOOQ and renders the statements now instead of on the first request (about half a second
     * on a cold JVM). Meant to run in the background after start; changes nothing.
     */
    public void warmUp() {
        conversationPage(Sqlite.dsl(null), new OwnerId("warm-up"), PageRequest.first(1, SortOrder.DESC)).getSQL();
        SqlStatements.messagePage(SortOrder.ASC, false);
    }

    // ---- conversations ---------------------------------------------------------------------------

    @Override
    public Conversation createConversation(OwnerId owner, NewConversation draft, Optional<Idempotent> idempotent) {
        return write(session -> {
            Instant now = now();
            Optional<String> replay = replayOf(session, owner, idempotent, now);
            if (replay.isPresent()) {
                return selectConversation(session, owner, new ConversationId(replay.get()))
                        .orElseThrow(() -> new NotFoundException("conversation", replay.get()));
            }
            Conversation conversation = draft.createdAs(ConversationId.next(ids), owner, now);
            session.dsl().insertInto(CONVERSATION)
                    .set(CONVERSATION.ID, conversation.id().value())
                    .set(CONVERSATION.OWNER_ID, owner.value())
                    .set(CONVERSATION.TITLE, conversation.title())
                    .set(CONVERSATION.METADATA, MetadataJson.write(conversation.metadata()))
                    .set(CONVERSATION.MESSAGE_COUNT, 0L)
                    .set(CONVERSATION.CREATED_AT, now.toEpochMilli())
                    .set(CONVERSATION.UPDATED_AT, now.toEpochMilli())
                    .set(CONVERSATION.VERSION, conversation.version())
                    .execute();
            remember(session, owner, idempotent, conversation.id().value(), now);
            return conversation;
        });
    }

    @Override
    public Optional<Conversation> findConversation(OwnerId owner, ConversationId id) {
        return read(session -> selectConversation(session, owner, id));
    }

    @Override
    public Page<Conversation> listConversations(OwnerId owner, PageRequest page) {
        List<Conversation> fetched = read(session -> {
            List<Conversation> rows = new ArrayList<>(page.limit() + 1);
            try (ResultSet row = conversationPage(session.dsl(), owner, page).fetchResultSet()) {
                while (row.next()) {
                    rows.add(Records.conversation(row));
                }
            }
            return rows;
        });
        return Page.ofConversations(fetched, page);
    }

    /** One keyset page of an owner's conversations (plus one row to tell whether more follow). */
    static ResultQuery<ConversationRecord> conversationPage(DSLContext dsl, OwnerId owner, PageRequest page) {
        PageCursor after = page.conversationsPosition(owner);
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
        return write(session -> {
            Conversation current = selectConversation(session, owner, id)
                    .orElseThrow(() -> new NotFoundException("conversation", id.value()));
            patch.checkVersion(current);
            Conversation updated = patch.applyTo(current, now());
            session.dsl().update(CONVERSATION)
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
        // Messages and the summary go by ON DELETE CASCADE (foreign keys are enforced on every connection);
        // their search entries and pending jobs go first, in the same transaction.
        return write(session -> {
            if (selectConversation(session, owner, id).isEmpty()) {
                return false;
            }
            SqliteMessageSearch.forgetConversation(session, id);
            SqliteJobStore.forgetConversation(session, id);
            return session.dsl().deleteFrom(CONVERSATION).where(CONVERSATION.ID.eq(id.value())).execute() > 0;
        });
    }

    private static Optional<Conversation> selectConversation(Session session, OwnerId owner, ConversationId id)
            throws SQLException {
        PreparedStatement select = session.statement(SqlStatements.SELECT_CONVERSATION);
        select.setString(1, id.value());
        select.setString(2, owner.value());
        try (ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(Records.conversation(row)) : Optional.empty();
        }
    }

    // ---- messages ----------------------------------------------------------------------------------

    @Override
    public Message appendMessage(OwnerId owner, ConversationId conversationId, NewMessage draft,
                                 Optional<Idempotent> idempotent) {
        return write(session -> {
            Instant now = now();
            Optional<String> replay = replayOf(session, owner, idempotent, now);
            if (replay.isPresent()) {
                return selectMessage(session, owner, conversationId, new MessageId(replay.get()))
                        .orElseThrow(() -> new NotFoundException("conversation", conversationId.value()));
            }
            PreparedStatement touch = session.statement(SqlStatements.TOUCH_CONVERSATION);
            touch.setLong(1, now.toEpochMilli());
            touch.setString(2, conversationId.value());
            touch.setString(3, owner.value());
            long messageCount;
            try (ResultSet touched = touch.executeQuery()) {
                if (!touched.next()) {
                    throw new NotFoundException("conversation", conversationId.value());
                }
                messageCount = touched.getLong(1);
            }
            Message message = draft.storedAs(MessageId.next(ids), conversationId, now);
            PreparedStatement insert = session.statement(SqlStatements.INSERT_MESSAGE);
            insert.setString(1, message.id().value());
            insert.setString(2, conversationId.value());
            insert.setString(3, message.role().wireName());
            insert.setString(4, message.content());
            insert.setString(5, MetadataJson.write(message.metadata()));
            insert.setLong(6, now.toEpochMilli());
            insert.executeUpdate();
            remember(session, owner, idempotent, message.id().value(), now);
            SqliteJobStore.insert(session, ids, messageJobs.jobsFor(owner, message, messageCount), now);
            return message;
        });
    }

    @Override
    public Optional<Message> findMessage(OwnerId owner, ConversationId conversationId, MessageId messageId) {
        return read(session -> selectMessage(session, owner, conversationId, messageId));
    }

    @Override
    public Page<Message> listMessages(OwnerId owner, ConversationId conversationId, PageRequest page) {
        PageCursor after = page.messagesPosition(conversationId);
        List<Message> fetched = read(session -> {
            List<Message> rows = selectMessages(session, owner, conversationId, page.order(),
                    after == null ? null : after.lastId(), page.limit() + 1);
            // An empty page is either the end of a conversation or no conversation at all.
            if (rows.isEmpty() && selectConversation(session, owner, conversationId).isEmpty()) {
                throw new NotFoundException("conversation", conversationId.value());
            }
            return rows;
        });
        return Page.ofMessages(fetched, page);
    }

    /**
     * Up to {@code limit} of the conversation's messages in {@code order}, after the message id
     * {@code afterId} (null: from the start); none when the owner has no such conversation.
     */
    static List<Message> selectMessages(Session session, OwnerId owner, ConversationId conversationId, SortOrder order,
                                        String afterId, int limit) throws SQLException {
        PreparedStatement select = session.statement(SqlStatements.messagePage(order, afterId != null));
        int parameter = 1;
        select.setString(parameter++, conversationId.value());
        select.setString(parameter++, owner.value());
        if (afterId != null) {
            select.setString(parameter++, afterId);
        }
        select.setInt(parameter, limit);
        List<Message> rows = new ArrayList<>(Math.min(limit, PageRequest.MAX_LIMIT + 1));
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                rows.add(Records.message(row, conversationId));
            }
        }
        return rows;
    }

    private static Optional<Message> selectMessage(Session session, OwnerId owner, ConversationId conversationId,
                                                   MessageId messageId) throws SQLException {
        PreparedStatement select = session.statement(SqlStatements.SELECT_MESSAGE);
        select.setString(1, messageId.value());
        select.setString(2, conversationId.value());
        select.setString(3, owner.value());
        try (ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(Records.message(row, conversationId)) : Optional.empty();
        }
    }

    // ---- idempotency keys --------------------------------------------------------------------------

    private Optional<String> replayOf(Session session, OwnerId owner, Optional<Idempotent> idempotent, Instant now)
            throws SQLException {
        if (idempotent.isEmpty()) {
            return Optional.empty();
        }
        purgeExpiredKeys(session.dsl(), now);
        PreparedStatement select = session.statement(SqlStatements.SELECT_IDEMPOTENCY_KEY);
        select.setString(1, owner.value());
        select.setString(2, idempotent.get().key().value());
        Optional<Idempotent.Remembered> first;
        try (ResultSet row = select.executeQuery()) {
            first = row.next()
                    ? Optional.of(new Idempotent.Remembered(row.getString(1), row.getString(2),
                            Instant.ofEpochMilli(row.getLong(3))))
                    : Optional.empty();
        }
        return idempotent.get().replayedResourceId(first, now);
    }

    private static void remember(Session session, OwnerId owner, Optional<Idempotent> idempotent, String resourceId,
                                 Instant now) {
        idempotent.ifPresent(request -> session.dsl().insertInto(IDEMPOTENCY_KEY)
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

    // ---- plumbing ------------------------------------------------------------------------------------

    <T> T write(SqlWork<T> work) {
        return writer.write(work);
    }

    <T> T read(SqlWork<T> work) {
        try {
            return readers.read(work);
        } catch (SQLException | DataAccessException e) {
            throw Sqlite.storageFailure(e);
        }
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    /**
     * Closes the readers, then commits queued writes and closes the writer: the last connection to close
     * checkpoints the WAL into the database file, and only a read-write one can.
     */
    @Override
    public void close() {
        try (AutoCloseable released = processLock; GroupCommitWriter lastToClose = writer) {
            readers.close();
        } catch (SQLException e) {
            throw Sqlite.storageFailure(e);
        } catch (Exception e) {
            throw new StorageException("cannot release the database lock: " + e.getMessage(), e);
        }
    }

    private static Session track(List<Session> opened, Session session) {
        opened.add(session);
        return session;
    }

    private static void closeQuietly(AutoCloseable lock) {
        try {
            lock.close();
        } catch (Exception e) {
            // the process still ends, and the operating system drops the lock then
        }
    }

    private static void closeQuietly(Session session) {
        try {
            session.close();
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

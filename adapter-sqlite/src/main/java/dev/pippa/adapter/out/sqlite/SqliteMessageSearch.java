package dev.pippa.adapter.out.sqlite;

import static dev.pippa.adapter.out.sqlite.jooq.Tables.MESSAGE;

import dev.pippa.domain.ConversationId;
import dev.pippa.domain.InvalidInputException;
import dev.pippa.domain.MessageId;
import dev.pippa.application.port.out.MessageSearch;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.SearchHit;
import dev.pippa.domain.SearchQuery;
import dev.pippa.domain.StorageException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteErrorCode;

/**
 * Full-text search on SQLite FTS5: {@code message_search} (unicode61: words, phrases, prefixes) for most
 * text, {@code message_search_cjk} (trigram: substrings) when the query holds Chinese, Japanese or Korean.
 * Trigrams cannot match a term shorter than three characters, so such CJK queries scan the owner's
 * messages with {@code instr} instead (correct, slower). Plain SQL: FTS5's MATCH, bm25 and snippet have
 * no jOOQ counterpart.
 */
public final class SqliteMessageSearch implements MessageSearch {

    private static final String[] INDEXES = {"message_search", "message_search_cjk"};
    private static final String MESSAGE_COLUMNS =
            "m.id, m.conversation_id, m.role, m.content, m.metadata, m.created_at, m.edited_at";
    private static final int SNIPPET_TOKENS = 12;
    private static final int SNIPPET_CHARS = 48;

    private final SqliteDatabase store;

    public SqliteMessageSearch(SqliteDatabase store) {
        this.store = store;
    }

    /**
     * Indexes each message that still exists: always by word, and by trigram only when it holds Chinese,
     * Japanese or Korean (only such a message can match a query in those scripts, and trigrams of other
     * text would more than double the index).
     */
    @Override
    public void indexMessages(List<MessageId> messageIds) {
        store.write(session -> {
            PreparedStatement select = session.statement("SELECT rowid, content FROM message WHERE id = ?");
            for (MessageId messageId : messageIds) {
                select.setString(1, messageId.value());
                long rowid;
                String content;
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        continue; // deleted meanwhile: nothing to index
                    }
                    rowid = row.getLong(1);
                    content = row.getString(2);
                }
                for (String index : INDEXES) {
                    PreparedStatement delete = session.statement("DELETE FROM " + index + " WHERE rowid = ?");
                    delete.setLong(1, rowid);
                    delete.executeUpdate();
                }
                insert(session, INDEXES[0], rowid, content);
                if (content.codePoints().anyMatch(SqliteMessageSearch::isCjk)) {
                    insert(session, INDEXES[1], rowid, content);
                }
            }
            return null;
        });
    }

    private static void insert(Session session, String index, long rowid, String content) throws SQLException {
        PreparedStatement insert = session.statement("INSERT INTO " + index + " (rowid, content) VALUES (?, ?)");
        insert.setLong(1, rowid);
        insert.setString(2, content);
        insert.executeUpdate();
    }

    /** The message's entries go with it (a rowid may be reused by the next message). */
    static void forgetMessage(Session session, MessageId messageId) throws SQLException {
        forget(session, "rowid = (SELECT rowid FROM message WHERE id = ?)", messageId.value());
    }

    /** Removes a conversation's messages from both indexes, inside the caller's write (before they go). */
    static void forgetConversation(Session session, ConversationId conversationId) throws SQLException {
        forget(session, "rowid IN (SELECT rowid FROM message WHERE conversation_id = ?)", conversationId.value());
    }

    /** Deletes, from both indexes, the entries of the message rows {@code rows} picks by {@code key}. */
    private static void forget(Session session, String rows, String key) throws SQLException {
        for (String index : INDEXES) {
            PreparedStatement delete = session.statement("DELETE FROM " + index + " WHERE " + rows);
            delete.setString(1, key);
            delete.executeUpdate();
        }
    }

    @Override
    public Page<SearchHit> search(OwnerId owner, SearchQuery query) {
        long offset = query.offset(owner);
        boolean cjk = query.text().codePoints().anyMatch(SqliteMessageSearch::isCjk);
        List<String> terms = terms(query.text());
        boolean shortCjkTerm = cjk && terms.stream().anyMatch(term -> term.codePointCount(0, term.length()) < 3);
        try {
            List<SearchHit> hits = store.read(session -> shortCjkTerm
                    ? scan(session, owner, query, terms, offset)
                    : match(session, cjk ? INDEXES[1] : INDEXES[0], owner, query, offset));
            return Page.ofSearchHits(hits, owner, query, offset);
        } catch (StorageException e) {
            throw invalidQueryOr(e);
        }
    }

    private static List<SearchHit> match(Session session, String index, OwnerId owner, SearchQuery query, long offset)
            throws SQLException {
        String sql = "SELECT " + MESSAGE_COLUMNS + ", snippet(" + index + ", 0, '<mark>', '</mark>', '…', "
                + SNIPPET_TOKENS + ") AS snippet, bm25(" + index + ") AS score FROM " + index
                + " JOIN message m ON m.rowid = " + index + ".rowid"
                + " JOIN conversation c ON c.id = m.conversation_id"
                + " WHERE " + index + " MATCH ? AND c.owner_id = ?" + filters(query)
                + " ORDER BY score, m.rowid LIMIT ? OFFSET ?";
        PreparedStatement select = session.statement(sql);
        int parameter = 1;
        select.setString(parameter++, query.text());
        select.setString(parameter++, owner.value());
        parameter = bindFilters(select, parameter, query);
        select.setInt(parameter++, query.page().limit() + 1);
        select.setLong(parameter, offset);
        return hits(select, null);
    }

    /** Short CJK terms: every term must occur in the content; newest first; a snippet made here. */
    private static List<SearchHit> scan(Session session, OwnerId owner, SearchQuery query, List<String> terms,
                                        long offset) throws SQLException {
        String sql = "SELECT " + MESSAGE_COLUMNS + ", NULL AS snippet, 0 AS score FROM message m"
                + " JOIN conversation c ON c.id = m.conversation_id WHERE c.owner_id = ?"
                + " AND instr(m.content, ?) > 0".repeat(terms.size()) + filters(query)
                + " ORDER BY m.rowid DESC LIMIT ? OFFSET ?";
        // Its text varies with the number of terms: prepared here, not kept in the session's cache.
        try (PreparedStatement select = session.connection().prepareStatement(sql)) {
            int parameter = 1;
            select.setString(parameter++, owner.value());
            for (String term : terms) {
                select.setString(parameter++, term);
            }
            parameter = bindFilters(select, parameter, query);
            select.setInt(parameter++, query.page().limit() + 1);
            select.setLong(parameter, offset);
            return hits(select, terms.getFirst());
        }
    }

    private static String filters(SearchQuery query) {
        return (query.conversationId() == null ? "" : " AND m.conversation_id = ?")
                + (query.role() == null ? "" : " AND m.role = ?");
    }

    private static int bindFilters(PreparedStatement select, int parameter, SearchQuery query) throws SQLException {
        if (query.conversationId() != null) {
            select.setString(parameter++, query.conversationId().value());
        }
        if (query.role() != null) {
            select.setString(parameter++, query.role().wireName());
        }
        return parameter;
    }

    private static List<SearchHit> hits(PreparedStatement select, String markTerm) throws SQLException {
        List<SearchHit> hits = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            Records.MessageColumns columns = Records.MessageColumns.of(row);
            while (row.next()) {
                var message = Records.message(row, columns,
                        new ConversationId(row.getString(MESSAGE.CONVERSATION_ID.getName())));
                String snippet = markTerm == null ? row.getString("snippet") : snippetAround(message.content(), markTerm);
                hits.add(new SearchHit(message, snippet, row.getDouble("score")));
            }
        }
        return hits;
    }

    private static String snippetAround(String content, String term) {
        int at = Math.max(0, content.indexOf(term));
        int start = Math.max(0, at - SNIPPET_CHARS / 2);
        int end = Math.min(content.length(), at + term.length() + SNIPPET_CHARS / 2);
        return (start > 0 ? "…" : "") + content.substring(start, at) + "<mark>" + term + "</mark>"
                + content.substring(at + term.length(), end) + (end < content.length() ? "…" : "");
    }

    /** The words of a query without FTS syntax (quotes, operators, prefix stars). */
    private static List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        for (String word : text.replace("\"", " ").replace("*", " ").split("\\s+")) {
            if (!word.isEmpty() && !List.of("AND", "OR", "NOT", "NEAR").contains(word)) {
                terms.add(word);
            }
        }
        return terms.isEmpty() ? List.of(text) : terms;
    }

    private static boolean isCjk(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }

    /**
     * FTS5 reports bad query syntax as a plain SQLITE_ERROR (the query text is the only thing a caller
     * controls here): that is the caller's mistake, a 400, not the store's; other failures stay storage ones.
     * SQLite's own words ("no such column: foo", "fts5: syntax error near") describe its internals, not the
     * API, so the answer says what a valid search looks like instead.
     */
    private static RuntimeException invalidQueryOr(StorageException e) {
        return Sqlite.failedWith(e.getCause(), SQLiteErrorCode.SQLITE_ERROR).<RuntimeException>map(sqlite ->
                new InvalidInputException("q", "is not a valid search: use words, \"phrases\", prefix* terms and "
                        + "AND, OR, NOT; put text with other punctuation (such as a colon) in double quotes"))
                .orElse(e);
    }
}

package dev.pippa.adapter.out.postgres;

import static dev.pippa.adapter.out.postgres.Tables.Conversations;
import static dev.pippa.adapter.out.postgres.Tables.Messages;

import dev.pippa.adapter.out.postgres.SearchSyntax.And;
import dev.pippa.adapter.out.postgres.SearchSyntax.Node;
import dev.pippa.adapter.out.postgres.SearchSyntax.Not;
import dev.pippa.adapter.out.postgres.SearchSyntax.Or;
import dev.pippa.adapter.out.postgres.SearchSyntax.Term;
import dev.pippa.application.port.out.MessageSearch;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.SearchHit;
import dev.pippa.domain.SearchQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Full-text search on PostgreSQL, in the same syntax as on SQLite ({@link SearchSyntax}). Words of
 * space-separated scripts match through a {@code tsvector} (configuration {@code pippa_words}: case and
 * accents folded, no stemming), ranked by {@code ts_rank_cd}. A query holding Chinese, Japanese or Korean
 * matches substrings of the content instead (a trigram index serves them), newest first: there are no spaces
 * between words in those scripts to find words by.
 */
public final class PostgresMessageSearch implements MessageSearch {

    /** Han, Hiragana, Katakana and Hangul, written so both Java's and PostgreSQL's regular expressions read it. */
    private static final String CJK_CHARACTER = "[\\u1100-\\u11ff\\u2e80-\\u2fdf\\u3005\\u3007\\u3021-\\u3029"
            + "\\u3040-\\u30ff\\u3130-\\u318f\\u31f0-\\u31ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\ua960-\\ua97f"
            + "\\uac00-\\ud7ff\\uf900-\\ufaff\\uff66-\\uff9d]";
    private static final Pattern CJK = Pattern.compile(CJK_CHARACTER);
    private static final String HEADLINE_OPTIONS =
            "StartSel=\"<mark>\", StopSel=\"</mark>\", MaxWords=12, MinWords=4, ShortWord=1";
    private static final int SNIPPET_CHARS = 48;

    private final PostgresDatabase database;

    public PostgresMessageSearch(PostgresDatabase database) {
        this.database = database;
    }

    /** Idempotent: indexing a message again computes the same words; a deleted message is simply not there. */
    @Override
    public void indexMessages(List<MessageId> messageIds) {
        if (messageIds.isEmpty()) {
            return;
        }
        database.write(dsl -> dsl.update(Messages.TABLE)
                .set(Messages.WORDS, DSL.field("to_tsvector('pippa_words', {0})", String.class, Messages.CONTENT))
                .set(Messages.CJK, DSL.field(DSL.condition("{0} ~ {1}", Messages.CONTENT, DSL.val(CJK_CHARACTER))))
                .where(Messages.ID.in(messageIds.stream().map(MessageId::value).toList()))
                .execute());
    }

    @Override
    public Page<SearchHit> search(OwnerId owner, SearchQuery query) {
        long offset = query.offset(owner);
        Node parsed = SearchSyntax.parse(query.text());
        Condition scope = Conversations.OWNER_ID.eq(owner.value());
        if (query.conversationId() != null) {
            scope = scope.and(Messages.CONVERSATION_ID.eq(query.conversationId().value()));
        }
        if (query.role() != null) {
            scope = scope.and(Messages.ROLE.eq(query.role().wireName()));
        }
        Condition filters = scope;
        int rows = query.page().limit() + 1;
        String firstTerm = SearchSyntax.terms(parsed).getFirst().text();
        List<SearchHit> hits = CJK.matcher(query.text()).find()
                ? database.read(dsl -> Rows.fetch(dsl.select(Rows.MESSAGE_COLUMNS)
                        .from(Messages.TABLE)
                        .join(Conversations.TABLE).on(Conversations.ID.eq(Messages.CONVERSATION_ID))
                        .where(filters, Messages.CJK.isTrue(), contains(parsed))
                        .orderBy(Messages.CREATED_AT.desc(), Messages.ID.desc())
                        .limit(rows).offset(offset),
                        row -> substringHit(Rows.message(row), firstTerm)))
                : database.read(dsl -> {
                    Field<Object> tsquery = tsquery(parsed);
                    Field<Double> score = DSL.field("-ts_rank_cd({0}, {1})", SQLDataType.DOUBLE, Messages.WORDS, tsquery);
                    Field<String> snippet = DSL.field("ts_headline('pippa_words', {0}, {1}, {2})", SQLDataType.CLOB,
                            Messages.CONTENT, tsquery, DSL.inline(HEADLINE_OPTIONS));
                    List<Field<?>> columns = new ArrayList<>(Rows.MESSAGE_COLUMNS);
                    columns.add(snippet.as("snippet"));
                    columns.add(score.as("score"));
                    return Rows.fetch(dsl.select(columns)
                            .from(Messages.TABLE)
                            .join(Conversations.TABLE).on(Conversations.ID.eq(Messages.CONVERSATION_ID))
                            .where(filters, DSL.condition("{0} @@ {1}", Messages.WORDS, tsquery))
                            .orderBy(DSL.field(DSL.name("score")).asc(), Messages.ID.asc())
                            .limit(rows).offset(offset),
                            row -> new SearchHit(Rows.message(row), NulSafeText.decode(row.getString("snippet")),
                                    row.getDouble("score")));
                });
        return Page.ofSearchHits(hits, owner, query, offset);
    }

    /** The query as a tsquery expression: a phrase keeps its word order, a prefix term matches word starts. */
    private static Field<Object> tsquery(Node node) {
        return switch (node) {
            case Term(String text, boolean prefix) when prefix && !text.isBlank() ->
                    DSL.field("to_tsquery('pippa_words', {0})", Object.class,
                            DSL.val(prefixQuery(NulSafeText.encode(text))));
            case Term(String text, boolean prefix) ->
                    DSL.field("phraseto_tsquery('pippa_words', {0})", Object.class, DSL.val(NulSafeText.encode(text)));
            case And(Node left, Node right) -> DSL.field("({0} && {1})", Object.class, tsquery(left), tsquery(right));
            case Or(Node left, Node right) -> DSL.field("({0} || {1})", Object.class, tsquery(left), tsquery(right));
            case Not(Node left, Node right) -> DSL.field("({0} && !!{1})", Object.class, tsquery(left), tsquery(right));
        };
    }

    /** {@code "new yo"*}: 'new' <-> 'yo':* in to_tsquery's syntax, every word quoted (quotes and backslashes doubled). */
    private static String prefixQuery(String phrase) {
        List<String> words = List.of(phrase.strip().split("\\s+"));
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            query.append(i == 0 ? "" : " <-> ").append('\'').append(words.get(i).replace("\\", "\\\\").replace("'", "''"))
                    .append('\'');
        }
        return query.append(":*").toString();
    }

    /** The query as substring tests of the content, case folded, with the same AND, OR and NOT. */
    private static Condition contains(Node node) {
        return switch (node) {
            case Term(String text, boolean prefix) -> Messages.CONTENT.likeIgnoreCase("%" + NulSafeText.encode(text)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%", '\\');
            case And(Node left, Node right) -> contains(left).and(contains(right));
            case Or(Node left, Node right) -> contains(left).or(contains(right));
            case Not(Node left, Node right) -> contains(left).andNot(contains(right));
        };
    }

    /** A hit of a substring search, its snippet a window of the content around the first term's match. */
    private static SearchHit substringHit(Message message, String term) {
        String content = message.content();
        int at = content.toLowerCase(Locale.ROOT).indexOf(term.toLowerCase(Locale.ROOT));
        if (at < 0) {
            return new SearchHit(message, content.substring(0, Math.min(content.length(), SNIPPET_CHARS)), 0);
        }
        int from = Math.max(0, at - SNIPPET_CHARS / 2);
        int to = Math.min(content.length(), at + term.length() + SNIPPET_CHARS / 2);
        String snippet = content.substring(from, at) + "<mark>" + content.substring(at, at + term.length()) + "</mark>"
                + content.substring(at + term.length(), to);
        return new SearchHit(message, (from > 0 ? "…" : "") + snippet + (to < content.length() ? "…" : ""), 0);
    }
}

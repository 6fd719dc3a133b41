package dev.pippa.adapter.out.postgres;

import dev.pippa.domain.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * The search syntax of {@code GET /v1/search} (SQLite FTS5's query syntax, which the SQLite store hands to
 * FTS5 as it is) parsed into a tree that PostgreSQL's renderers turn into a text-search query or substring
 * tests. Grammar, NOT binding tightest and juxtaposition meaning AND:
 * <pre>
 * or     := and ("OR" and)*
 * and    := not (["AND"] not)*
 * not    := primary ("NOT" primary)*
 * primary:= word["*"] | "\"" phrase "\""["*"] | "(" or ")" | "NEAR(" term+ [", " n] ")"
 * </pre>
 * Words are letters, digits, underscores and any non-ASCII character; other punctuation must be quoted.
 */
final class SearchSyntax {

    /** A parsed query. */
    sealed interface Node {
    }

    /** A word or a phrase (its words in order), matching words that start with it when {@code prefix}. */
    record Term(String text, boolean prefix) implements Node {
    }

    record And(Node left, Node right) implements Node {
    }

    record Or(Node left, Node right) implements Node {
    }

    /** {@code left} without {@code right}. */
    record Not(Node left, Node right) implements Node {
    }

    static final String INVALID = "is not a valid search: use words, \"phrases\", prefix* terms and AND, OR, NOT;"
            + " put text with other punctuation (such as a colon) in double quotes";

    private final String text;
    private int at;

    private SearchSyntax(String text) {
        this.text = text;
    }

    /** @throws InvalidInputException naming {@code q} when the text is not valid search syntax */
    static Node parse(String text) {
        SearchSyntax parser = new SearchSyntax(text);
        Node query = parser.or();
        parser.skipSpaces();
        if (parser.at < text.length()) {
            throw invalid();
        }
        return query;
    }

    private Node or() {
        Node left = and();
        while (keyword("OR")) {
            left = new Or(left, and());
        }
        return left;
    }

    private Node and() {
        Node left = not();
        while (true) {
            if (keyword("AND")) {
                left = new And(left, not());
            } else if (startsPrimary()) {
                left = new And(left, not());
            } else {
                return left;
            }
        }
    }

    private Node not() {
        Node left = primary();
        while (keyword("NOT")) {
            left = new Not(left, primary());
        }
        return left;
    }

    private Node primary() {
        skipSpaces();
        if (at >= text.length()) {
            throw invalid();
        }
        char next = text.charAt(at);
        if (next == '(') {
            at++;
            Node inner = or();
            expect(')');
            return inner;
        }
        if (text.startsWith("NEAR(", at)) {
            at += "NEAR(".length();
            return near();
        }
        return term();
    }

    /** NEAR(a b c[, n]): every term, anywhere (PostgreSQL has no distance limit to match FTS5's). */
    private Node near() {
        Node all = term();
        while (true) {
            skipSpaces();
            if (at < text.length() && text.charAt(at) == ',') {
                at++;
                skipSpaces();
                int start = at;
                while (at < text.length() && Character.isDigit(text.charAt(at))) {
                    at++;
                }
                if (start == at) {
                    throw invalid();
                }
                expect(')');
                return all;
            }
            if (at < text.length() && text.charAt(at) == ')') {
                at++;
                return all;
            }
            all = new And(all, term());
        }
    }

    private Term term() {
        skipSpaces();
        String body;
        if (at < text.length() && text.charAt(at) == '"') {
            int close = text.indexOf('"', at + 1);
            if (close < 0) {
                throw invalid();
            }
            body = text.substring(at + 1, close);
            at = close + 1;
        } else {
            int start = at;
            while (at < text.length() && isWordChar(text.charAt(at))) {
                at++;
            }
            if (start == at) {
                throw invalid();
            }
            body = text.substring(start, at);
            if (List.of("AND", "OR", "NOT").contains(body)) {
                throw invalid();
            }
        }
        boolean prefix = at < text.length() && text.charAt(at) == '*';
        if (prefix) {
            at++;
        }
        return new Term(body, prefix);
    }

    private boolean startsPrimary() {
        skipSpaces();
        if (at >= text.length()) {
            return false;
        }
        char next = text.charAt(at);
        return (next == '(' || next == '"' || isWordChar(next)) && !atKeyword("OR") && !atKeyword("NOT")
                && !atKeyword("AND");
    }

    private boolean keyword(String word) {
        skipSpaces();
        if (atKeyword(word)) {
            at += word.length();
            return true;
        }
        return false;
    }

    private boolean atKeyword(String word) {
        int end = at + word.length();
        return text.startsWith(word, at) && (end == text.length() || !isWordChar(text.charAt(end)));
    }

    private void expect(char wanted) {
        skipSpaces();
        if (at >= text.length() || text.charAt(at) != wanted) {
            throw invalid();
        }
        at++;
    }

    private void skipSpaces() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private static boolean isWordChar(char c) {
        return c >= 0x80 || Character.isLetterOrDigit(c) || c == '_' || c == 0x1A;
    }

    /** The terms of a query, in order, whatever operators join them. */
    static List<Term> terms(Node node) {
        List<Term> terms = new ArrayList<>();
        collect(node, terms);
        return terms;
    }

    private static void collect(Node node, List<Term> terms) {
        switch (node) {
            case Term term -> terms.add(term);
            case And(Node left, Node right) -> { collect(left, terms); collect(right, terms); }
            case Or(Node left, Node right) -> { collect(left, terms); collect(right, terms); }
            case Not(Node left, Node right) -> collect(left, terms);
        }
    }

    private static InvalidInputException invalid() {
        return new InvalidInputException("q", INVALID);
    }
}

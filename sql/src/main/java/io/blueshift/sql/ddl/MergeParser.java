package io.blueshift.sql.ddl;

import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.api.SqlPositionException;
import io.blueshift.sql.ddl.Lexer.Kind;
import io.blueshift.sql.ddl.Lexer.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Parses MERGE (Postgres 17's form, which Calcite's parser does not know):
 *
 * <pre>
 * MERGE INTO target [[AS] alias] USING source [[AS] alias] ON condition
 *   { WHEN MATCHED [AND condition] THEN { UPDATE SET col = expr [, ...] | DELETE | DO NOTHING }
 *   | WHEN NOT MATCHED [BY TARGET] [AND condition] THEN { INSERT [(cols)] VALUES (exprs) | INSERT DEFAULT VALUES | DO NOTHING }
 *   | WHEN NOT MATCHED BY SOURCE [AND condition] THEN { UPDATE SET ... | DELETE | DO NOTHING } } ...
 * </pre>
 *
 * Conditions and expressions are kept as SQL text for the executor to plan in one query.
 */
public final class MergeParser {
    /** Which rows a WHEN clause is about. */
    public enum Match { MATCHED, NOT_MATCHED, NOT_MATCHED_BY_SOURCE }

    public enum Action { UPDATE, DELETE, INSERT, NOTHING }

    public record When(Match match, String condition, Action action, List<String> columns, List<String> expressions) {
    }

    /** A parsed MERGE; {@code source} is a table name or a parenthesized query, as written. */
    public record Merge(Ddl.Name target, String targetAlias, String source, String sourceAlias, String on, List<When> whens) {
    }

    private final String sql;
    private final List<Token> tokens;
    private int at;

    private MergeParser(String sql) {
        this.sql = sql;
        this.tokens = Lexer.tokens(sql);
    }

    /** The MERGE statement, or null when the text is not one. */
    public static Merge parse(String sql) {
        MergeParser p = new MergeParser(sql);
        if (!p.peek().is("merge")) {
            return null;
        }
        return p.merge();
    }

    private Token peek() {
        return tokens.get(at);
    }

    private Token next() {
        return tokens.get(at++);
    }

    private SqlPositionException error(Token t, String message) {
        return new SqlPositionException(ErrorCode.SYNTAX_ERROR, t.start() + 1, null, message);
    }

    private void expect(String word) {
        Token t = next();
        if (!t.is(word)) {
            throw error(t, "syntax error at or near \"" + t.text() + "\": " + word.toUpperCase(Locale.ROOT) + " expected");
        }
    }

    private boolean accept(String word) {
        if (peek().is(word)) {
            at++;
            return true;
        }
        return false;
    }

    private String identifier() {
        Token t = next();
        if (t.kind() != Kind.WORD && t.kind() != Kind.QUOTED) {
            throw error(t, "syntax error at or near \"" + t.text() + "\"");
        }
        return t.text();
    }

    private Ddl.Name name() {
        String first = identifier();
        if (peek().isSymbol(".")) {
            next();
            return new Ddl.Name(first, identifier());
        }
        return new Ddl.Name(null, first);
    }

    private String alias(String... stops) {
        if (accept("as")) {
            return identifier();
        }
        Token t = peek();
        if ((t.kind() == Kind.WORD || t.kind() == Kind.QUOTED) && Arrays.stream(stops).noneMatch(t::is)) {
            return identifier();
        }
        return null;
    }

    /** The text from the current token up to (not including) the first of {@code stops} at parenthesis depth 0. */
    private String until(String... stops) {
        int depth = 0;
        int start = peek().start();
        while (peek().kind() != Kind.END) {
            Token t = peek();
            if (depth == 0 && (t.isSymbol(",") && Arrays.asList(stops).contains(",")
                    || t.kind() == Kind.WORD && Arrays.asList(stops).contains(t.text()))) {
                break;
            }
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            }
            next();
        }
        String text = sql.substring(start, at < tokens.size() ? tokens.get(at).start() : sql.length()).strip();
        if (text.isEmpty()) {
            throw error(peek(), "syntax error at or near \"" + peek().text() + "\"");
        }
        return text;
    }

    private String parenthesized() {
        Token open = next();
        int depth = 1;
        while (depth > 0) {
            Token t = next();
            if (t.kind() == Kind.END) {
                throw error(t, "syntax error: unbalanced parentheses");
            }
            depth += t.isSymbol("(") ? 1 : t.isSymbol(")") ? -1 : 0;
        }
        return sql.substring(open.start(), tokens.get(at - 1).end());
    }

    private Merge merge() {
        expect("merge");
        expect("into");
        Ddl.Name target = name();
        String targetAlias = alias("using");
        expect("using");
        String source;
        if (peek().isSymbol("(")) {
            source = parenthesized();
        } else {
            int start = peek().start();
            name();
            source = sql.substring(start, tokens.get(at - 1).end());
        }
        String sourceAlias = alias("on");
        expect("on");
        String on = until("when");
        List<When> whens = new ArrayList<>();
        while (accept("when")) {
            Match match;
            if (accept("matched")) {
                match = Match.MATCHED;
            } else {
                expect("not");
                expect("matched");
                match = Match.NOT_MATCHED;
                if (accept("by")) {
                    if (accept("source")) {
                        match = Match.NOT_MATCHED_BY_SOURCE;
                    } else {
                        expect("target");
                    }
                }
            }
            String condition = accept("and") ? until("then") : null;
            expect("then");
            whens.add(action(match, condition));
        }
        if (whens.isEmpty()) {
            throw error(peek(), "syntax error at or near \"" + peek().text() + "\": WHEN expected");
        }
        while (peek().isSymbol(";")) {
            next();
        }
        if (peek().kind() != Kind.END) {
            throw error(peek(), "syntax error at or near \"" + peek().text() + "\"");
        }
        return new Merge(target, targetAlias, source, sourceAlias, on, whens);
    }

    private When action(Match match, String condition) {
        Token t = peek();
        if (accept("do")) {
            expect("nothing");
            return new When(match, condition, Action.NOTHING, List.of(), List.of());
        }
        if (accept("delete")) {
            if (match == Match.NOT_MATCHED) {
                throw error(t, "DELETE is not allowed in a WHEN NOT MATCHED clause");
            }
            return new When(match, condition, Action.DELETE, List.of(), List.of());
        }
        if (accept("update")) {
            if (match == Match.NOT_MATCHED) {
                throw error(t, "UPDATE is not allowed in a WHEN NOT MATCHED clause");
            }
            expect("set");
            List<String> columns = new ArrayList<>();
            List<String> expressions = new ArrayList<>();
            do {
                columns.add(identifier());
                Token eq = next();
                if (!eq.isSymbol("=")) {
                    throw error(eq, "syntax error at or near \"" + eq.text() + "\": = expected");
                }
                expressions.add(until(",", "when"));
            } while (peek().isSymbol(",") && next() != null);
            return new When(match, condition, Action.UPDATE, columns, expressions);
        }
        if (accept("insert")) {
            if (match != Match.NOT_MATCHED) {
                throw error(t, "INSERT is only allowed in a WHEN NOT MATCHED clause");
            }
            if (accept("default")) {
                expect("values");
                return new When(match, condition, Action.INSERT, List.of(), null);
            }
            List<String> columns = new ArrayList<>();
            if (peek().isSymbol("(")) {
                next();
                do {
                    columns.add(identifier());
                } while (peek().isSymbol(",") && next() != null);
                Token close = next();
                if (!close.isSymbol(")")) {
                    throw error(close, "syntax error at or near \"" + close.text() + "\"");
                }
            }
            expect("values");
            Token open = next();
            if (!open.isSymbol("(")) {
                throw error(open, "syntax error at or near \"" + open.text() + "\": ( expected");
            }
            List<String> expressions = new ArrayList<>();
            do {
                expressions.add(untilCloseOrComma());
            } while (peek().isSymbol(",") && next() != null);
            Token close = next();
            if (!close.isSymbol(")")) {
                throw error(close, "syntax error at or near \"" + close.text() + "\"");
            }
            return new When(match, condition, Action.INSERT, columns, expressions);
        }
        throw error(t, "syntax error at or near \"" + t.text() + "\": UPDATE, DELETE, INSERT or DO NOTHING expected");
    }

    /** An expression inside VALUES (...): up to a comma or the closing parenthesis at depth 0. */
    private String untilCloseOrComma() {
        int depth = 0;
        int start = peek().start();
        while (peek().kind() != Kind.END) {
            Token t = peek();
            if (depth == 0 && (t.isSymbol(",") || t.isSymbol(")"))) {
                break;
            }
            depth += t.isSymbol("(") ? 1 : t.isSymbol(")") ? -1 : 0;
            next();
        }
        return sql.substring(start, tokens.get(at).start()).strip();
    }
}

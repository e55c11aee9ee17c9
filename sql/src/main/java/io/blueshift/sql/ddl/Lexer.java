package io.blueshift.sql.ddl;

import io.blueshift.sql.parser.SqlScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits statement text into tokens for the statement layer in front of Calcite (DDL and the
 * statement kinds Calcite's parser does not know), reading literals, quoted names and comments as
 * {@link SqlScanner} does: a string token holds the literal's value with its escapes decoded.
 * Unquoted identifiers fold to lower case as in Postgres; every token keeps its offset so errors
 * point into the text and raw sub-texts (DEFAULT expressions, the query of CREATE TABLE AS) can
 * be cut out.
 */
final class Lexer {
    enum Kind { WORD, QUOTED, NUMBER, STRING, SYMBOL, END }

    record Token(Kind kind, String text, int start, int end) {
        boolean is(String word) {
            return kind == Kind.WORD && text.equals(word);
        }

        boolean isSymbol(String s) {
            return kind == Kind.SYMBOL && text.equals(s);
        }
    }

    private Lexer() {
    }

    /** The tokens of {@code sql}; a literal, quoted name or comment left open is 42601. */
    static List<Token> tokens(String sql) {
        SqlScanner.checkTerminated(sql);
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            SqlScanner.Region region = SqlScanner.regionAt(sql, i);
            if (region != SqlScanner.Region.CODE) {
                int end = SqlScanner.skip(sql, i);
                switch (region) {
                    case STRING, ESCAPE_STRING, UNICODE_STRING, DOLLAR_QUOTE ->
                            out.add(new Token(Kind.STRING, SqlScanner.stringValue(sql, i, end), i, end));
                    case QUOTED_NAME -> {
                        String name = sql.charAt(i) == '"' ? sql.substring(i + 1, end - 1).replace("\"\"", "\"")
                                : SqlScanner.unicodeNameValue(sql, i, end);
                        out.add(new Token(Kind.QUOTED, name, i, end));
                    }
                    case CODE, LINE_COMMENT, BLOCK_COMMENT -> {
                    }
                }
                i = end;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (SqlScanner.isWordStart(c)) {
                int s = i;
                i = SqlScanner.wordEnd(sql, i);
                out.add(new Token(Kind.WORD, sql.substring(s, i).toLowerCase(Locale.ROOT), s, i));
            } else if (Character.isDigit(c)) {
                int s = i;
                while (i < n && (Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
                    i++;
                }
                out.add(new Token(Kind.NUMBER, sql.substring(s, i), s, i));
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                out.add(new Token(Kind.SYMBOL, "::", i, i + 2));
                i += 2;
            } else {
                out.add(new Token(Kind.SYMBOL, String.valueOf(c), i, i + 1));
                i++;
            }
        }
        out.add(new Token(Kind.END, "", n, n));
        return out;
    }
}

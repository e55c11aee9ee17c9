package io.blueshift.sql.ddl;

import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.api.SqlPositionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits statement text into tokens for the statement layer in front of Calcite (DDL and the
 * statement kinds Calcite's parser does not know). Unquoted identifiers fold to lower case as in
 * Postgres; every token keeps its offset so errors point into the text and raw sub-texts
 * (DEFAULT expressions, the query of CREATE TABLE AS) can be cut out.
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

    static List<Token> tokens(String sql) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (Character.isLetter(c) || c == '_') {
                int s = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                    i++;
                }
                out.add(new Token(Kind.WORD, sql.substring(s, i).toLowerCase(Locale.ROOT), s, i));
            } else if (Character.isDigit(c)) {
                int s = i;
                while (i < n && (Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
                    i++;
                }
                out.add(new Token(Kind.NUMBER, sql.substring(s, i), s, i));
            } else if (c == '"' || c == '\'') {
                int s = i;
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new SqlPositionException(ErrorCode.SYNTAX_ERROR, s + 1, null,
                                "unterminated quoted " + (c == '"' ? "identifier" : "string"));
                    }
                    char d = sql.charAt(i);
                    if (d == c) {
                        if (i + 1 < n && sql.charAt(i + 1) == c) {
                            sb.append(c);
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    sb.append(d);
                    i++;
                }
                out.add(new Token(c == '"' ? Kind.QUOTED : Kind.STRING, sb.toString(), s, i));
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

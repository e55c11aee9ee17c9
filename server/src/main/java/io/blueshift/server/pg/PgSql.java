package io.blueshift.server.pg;

import java.util.ArrayList;
import java.util.List;

/**
 * What the server needs to know of SQL text before the engine sees it: where one statement of a
 * simple Query ends and the next begins, and where the {@code $n} parameters of the extended
 * protocol stand. Both look past string literals ('...', E'...'), quoted identifiers, comments and
 * dollar quotes, as Postgres' own scanner does.
 */
final class PgSql {
    private PgSql() {
    }

    /** One statement of a query string and where it starts in it. */
    record Statement(String text, int offset) {
    }

    /** Text with each {@code $n} replaced by {@code ?} (padded so positions stay put), and n for each {@code ?} in order. */
    record Parameters(String text, int[] order, int count) {
    }

    /** The statements of a simple Query, without their {@code ;}; blank ones are left out. */
    static List<Statement> split(String sql) {
        List<Statement> out = new ArrayList<>();
        int start = 0;
        for (int end : scan(sql, null)) {
            add(out, sql, start, end);
            start = end + 1;
        }
        add(out, sql, start, sql.length());
        return out;
    }

    private static void add(List<Statement> out, String sql, int start, int end) {
        int s = start;
        while (s < end && Character.isWhitespace(sql.charAt(s))) {
            s++;
        }
        int e = end;
        while (e > s && Character.isWhitespace(sql.charAt(e - 1))) {
            e--;
        }
        if (e > s && !onlyComments(sql.substring(s, e))) {
            out.add(new Statement(sql.substring(s, e), s));
        }
    }

    private static boolean onlyComments(String text) {
        return text.replaceAll("(?s)/\\*.*?\\*/|--[^\\n]*", "").isBlank();
    }

    /** Replaces {@code $1 .. $n} by {@code ?} and records which parameter each stands for. */
    static Parameters parameters(String sql) {
        StringBuilder text = new StringBuilder(sql);
        List<Integer> order = new ArrayList<>();
        scan(sql, (at, length, number) -> {
            text.setCharAt(at, '?');
            for (int i = 1; i < length; i++) {
                text.setCharAt(at + i, ' ');
            }
            order.add(number);
        });
        int count = order.stream().mapToInt(Integer::intValue).max().orElse(0);
        return new Parameters(text.toString(), order.stream().mapToInt(Integer::intValue).toArray(), count);
    }

    /** The text with each {@code $n} replaced by what {@code replacement} makes of n. */
    static String replaceParameters(String sql, java.util.function.IntFunction<String> replacement) {
        StringBuilder out = new StringBuilder();
        int[] copied = {0};
        scan(sql, (at, length, number) -> {
            out.append(sql, copied[0], at).append(replacement.apply(number));
            copied[0] = at + length;
        });
        return out.append(sql, copied[0], sql.length()).toString();
    }

    private interface ParameterSink {
        void found(int at, int length, int number);
    }

    /** The positions of the {@code ;} that end statements; reports {@code $n} parameters to the sink. */
    private static List<Integer> scan(String sql, ParameterSink parameters) {
        List<Integer> ends = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
            if (c == '\'') {
                boolean escapes = i > 0 && (sql.charAt(i - 1) == 'e' || sql.charAt(i - 1) == 'E')
                        && (i < 2 || !Character.isLetterOrDigit(sql.charAt(i - 2)) && sql.charAt(i - 2) != '_');
                i = endOfQuote(sql, i + 1, '\'', escapes);
            } else if (c == '"') {
                i = endOfQuote(sql, i + 1, '"', false);
            } else if (c == '-' && next == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (c == '/' && next == '*') {
                int depth = 1;
                i += 2;
                while (i < n && depth > 0) {
                    if (sql.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (sql.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                    } else {
                        i++;
                    }
                }
            } else if (c == '$' && (i == 0 || !isIdentifierPart(sql.charAt(i - 1)))) {
                int j = i + 1;
                if (j < n && Character.isDigit(sql.charAt(j))) {
                    while (j < n && Character.isDigit(sql.charAt(j))) {
                        j++;
                    }
                    if (parameters != null) {
                        parameters.found(i, j - i, Integer.parseInt(sql, i + 1, j, 10));
                    }
                    i = j;
                    continue;
                }
                while (j < n && isIdentifierPart(sql.charAt(j))) {
                    j++;
                }
                if (j < n && sql.charAt(j) == '$') {
                    String tag = sql.substring(i, j + 1);
                    int close = sql.indexOf(tag, j + 1);
                    i = close < 0 ? n : close + tag.length();
                } else {
                    i = j;
                }
            } else {
                if (c == ';') {
                    ends.add(i);
                }
                i++;
            }
        }
        return ends;
    }

    private static int endOfQuote(String sql, int i, char quote, boolean backslashEscapes) {
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}

package io.blueshift.sql.parser;

import java.util.Locale;
import java.util.Set;

/**
 * Postgres' {@code ::} binds tighter than any other operator: {@code 10 / 4::float8} divides by
 * 4.0 and gives 2.5. Calcite's parser gives {@code ::} a lower precedence than {@code *} and
 * {@code /}, so it cast the quotient of an integer division instead. Before parsing, every cast
 * {@code operand::type} is put in parentheses, the operand being the primary expression just
 * before {@code ::} (a name, number, string, or a parenthesized or called expression) and the type
 * the type name after it (with its multi-word forms, modifiers and array brackets). A cast to
 * {@code interval} becomes {@code CAST(operand AS interval)}, which Calcite's parser reads.
 */
public final class CastPrecedence {
    /** Type names whose second (and further) words belong to the type. */
    private static final Set<String> MULTI_WORD_STARTS = Set.of("double", "character", "char", "bit", "timestamp",
            "time", "national");

    private CastPrecedence() {
    }

    public static String parenthesize(String sql) {
        if (!sql.contains("::")) {
            return sql;
        }
        String out = sql;
        int from = 0;
        int[] lastRegion = new int[2];
        while (true) {
            int cast = nextCast(out, from, lastRegion);
            if (cast < 0) {
                return out;
            }
            int start = operandStart(out, cast, lastRegion[0], lastRegion[1]);
            int end = typeEnd(out, cast + 2);
            if (start < 0 || end <= cast + 2) {
                from = cast + 2;
                continue;
            }
            String type = out.substring(cast + 2, end).strip();
            if (type.equalsIgnoreCase("interval")) {
                // Calcite reads INTERVAL after :: as the start of an interval qualifier; CAST takes it as a type
                String rewritten = "cast(" + out.substring(start, cast) + " as interval)";
                out = out.substring(0, start) + rewritten + out.substring(end);
                from = start + rewritten.length();
                continue;
            }
            out = out.substring(0, start) + "(" + out.substring(start, end) + ")" + out.substring(end);
            from = cast + 3;
        }
    }

    /**
     * The index of the next {@code ::} at or after {@code from} outside literals and comments, or
     * -1; {@code lastRegion} receives the start and end of the last literal, name or comment before it.
     */
    private static int nextCast(String sql, int from, int[] lastRegion) {
        lastRegion[0] = -1;
        lastRegion[1] = -1;
        int i = 0;
        while (i < sql.length() - 1) {
            int skip = SqlScanner.skip(sql, i);
            if (skip >= 0) {
                lastRegion[0] = i;
                lastRegion[1] = skip;
                i = skip;
                continue;
            }
            if (i >= from && sql.charAt(i) == ':' && sql.charAt(i + 1) == ':') {
                return i;
            }
            i++;
        }
        return -1;
    }

    /**
     * Where the primary expression ending just before {@code end} starts, or -1; the literal,
     * name or comment between {@code regionStart} and {@code regionEnd} is the last one before it.
     */
    private static int operandStart(String sql, int end, int regionStart, int regionEnd) {
        int i = end - 1;
        while (i >= 0 && Character.isWhitespace(sql.charAt(i))) {
            i--;
        }
        if (i < 0) {
            return -1;
        }
        char c = sql.charAt(i);
        if (i + 1 == regionEnd) {
            return switch (SqlScanner.regionAt(sql, regionStart)) {
                case STRING, ESCAPE_STRING, UNICODE_STRING, DOLLAR_QUOTE -> wordBefore(sql, regionStart);
                case QUOTED_NAME -> qualifiedNameStart(sql, regionEnd);
                case CODE, LINE_COMMENT, BLOCK_COMMENT -> -1;
            };
        }
        if (c == ')') {
            int depth = 0;
            for (int k = i; k >= 0; k--) {
                char d = sql.charAt(k);
                if (d == ')') {
                    depth++;
                } else if (d == '(' && --depth == 0) {
                    return qualifiedNameStart(sql, k);
                }
            }
            return -1;
        }
        if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$') {
            return qualifiedNameStart(sql, i + 1);
        }
        return -1;
    }

    /** A typed literal's type word ({@code DATE '...'}) stays with it. */
    private static int wordBefore(String sql, int quote) {
        int k = quote - 1;
        while (k >= 0 && Character.isWhitespace(sql.charAt(k))) {
            k--;
        }
        int wordEnd = k + 1;
        while (k >= 0 && (Character.isLetter(sql.charAt(k)) || sql.charAt(k) == '_')) {
            k--;
        }
        String word = sql.substring(k + 1, wordEnd).toLowerCase(Locale.ROOT);
        return Set.of("date", "time", "timestamp", "interval", "timestamptz").contains(word) ? k + 1 : quote;
    }

    /** The start of the dotted name (or number) that ends at {@code end}, function names included. */
    private static int qualifiedNameStart(String sql, int end) {
        int k = end - 1;
        while (k >= 0) {
            char d = sql.charAt(k);
            if (Character.isLetterOrDigit(d) || d == '_' || d == '.' || d == '$') {
                k--;
            } else if (d == '"') {
                int open = sql.lastIndexOf('"', k - 1);
                if (open < 0) {
                    break;
                }
                k = open - 1;
            } else {
                break;
            }
        }
        return k + 1;
    }

    /** The end (exclusive) of the type name starting after the {@code ::} at {@code from}. */
    private static int typeEnd(String sql, int from) {
        int i = skipSpace(sql, from);
        int wordEnd = word(sql, i);
        if (wordEnd == i) {
            return from;
        }
        String first = sql.substring(i, wordEnd).toLowerCase(Locale.ROOT);
        int end = wordEnd;
        if (MULTI_WORD_STARTS.contains(first)) {
            // double precision, character varying, timestamp with[out] time zone, ...
            while (true) {
                int next = skipSpace(sql, end);
                int nextEnd = word(sql, next);
                String w = sql.substring(next, nextEnd).toLowerCase(Locale.ROOT);
                if (!Set.of("precision", "varying", "with", "without", "time", "zone").contains(w)) {
                    break;
                }
                end = nextEnd;
            }
        }
        int next = skipSpace(sql, end);
        if (next < sql.length() && sql.charAt(next) == '(') {
            int close = sql.indexOf(')', next);
            if (close < 0) {
                return from;
            }
            end = close + 1;
        }
        next = skipSpace(sql, end);
        while (next + 1 < sql.length() && sql.charAt(next) == '[' && sql.charAt(next + 1) == ']') {
            end = next + 2;
            next = skipSpace(sql, end);
        }
        return end;
    }

    private static int skipSpace(String sql, int i) {
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int word(String sql, int i) {
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        return i;
    }
}

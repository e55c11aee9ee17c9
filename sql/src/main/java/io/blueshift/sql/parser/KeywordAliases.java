package io.blueshift.sql.parser;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;

/**
 * Postgres accepts any keyword as a column alias after {@code AS} ({@code SELECT d AS date,
 * lead(x) OVER w AS next}) and after a qualifier ({@code d.next}); Calcite's parser rejects its
 * reserved words there. Before parsing, such a name is quoted in lower case, which is the name
 * Postgres gives it. A type after
 * {@code AS} inside {@code CAST(...)} is left alone, and so are the words that start a query
 * ({@code CREATE VIEW v AS SELECT}) unless a comma or a closing parenthesis follows them, or FROM
 * follows {@code TABLE} (Metabase's {@code t.objectname as table,}).
 */
public final class KeywordAliases {
    private static final Set<String> QUERY_STARTS = Set.of("SELECT", "WITH", "VALUES", "TABLE");
    private static final Set<String> CASTS = Set.of("CAST", "TRY_CAST", "SAFE_CAST");

    private KeywordAliases() {
    }

    /** {@code sql} with reserved words used as aliases after AS quoted. */
    public static String quote(String sql, SqlAbstractParserImpl.Metadata keywords) {
        String lower = sql.toLowerCase(Locale.ROOT);
        if (!lower.contains("as") && sql.indexOf('.') < 0) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length() + 8);
        Deque<String> calls = new ArrayDeque<>();
        String previousWord = "";
        boolean afterAs = false;
        boolean afterDot = false;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int skip = SqlScanner.skip(sql, i);
            if (skip >= 0) {
                out.append(sql, i, skip);
                i = skip;
                previousWord = "";
                afterAs = false;
                // a quoted name after a dot ends the qualified name: c."oid" WHERE
                afterDot = false;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                    end++;
                }
                String word = sql.substring(i, end);
                String upper = word.toUpperCase(Locale.ROOT);
                boolean inCast = !calls.isEmpty() && CASTS.contains(calls.peek());
                boolean alias = afterAs && !inCast && (!QUERY_STARTS.contains(upper) || endsItem(sql, end, upper.equals("TABLE")));
                if ((alias || afterDot) && keywords.isReservedWord(upper) && !opensCall(sql, end)) {
                    out.append('"').append(word.toLowerCase(Locale.ROOT)).append('"');
                } else {
                    out.append(word);
                }
                afterAs = upper.equals("AS");
                afterDot = false;
                previousWord = upper;
                i = end;
            } else {
                if (c == '(') {
                    calls.push(previousWord);
                } else if (c == ')' && !calls.isEmpty()) {
                    calls.pop();
                }
                if (!Character.isWhitespace(c)) {
                    afterAs = false;
                    afterDot = c == '.' && i > 0 && (Character.isLetterOrDigit(sql.charAt(i - 1))
                            || sql.charAt(i - 1) == '_' || sql.charAt(i - 1) == '"');
                    previousWord = "";
                }
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /**
     * Whether the word ending at {@code end} ends a select item: a comma or a parenthesis follows,
     * or FROM when {@code fromEnds} ({@code AS SELECT FROM t} is a query without columns).
     */
    private static boolean endsItem(String sql, int end, boolean fromEnds) {
        int i = end;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        if (i < sql.length() && (sql.charAt(i) == ',' || sql.charAt(i) == ')')) {
            return true;
        }
        return fromEnds && sql.regionMatches(true, i, "from", 0, 4) && i > end
                && (i + 4 == sql.length() || !Character.isLetterOrDigit(sql.charAt(i + 4)) && sql.charAt(i + 4) != '_');
    }

    /** Whether the word ending at {@code end} is followed by an opening parenthesis. */
    private static boolean opensCall(String sql, int end) {
        int i = end;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return i < sql.length() && sql.charAt(i) == '(';
    }
}

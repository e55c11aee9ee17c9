package io.blueshift.sql.parser;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Regular-expression rewrites of SQL text that leave literals, quoted names and comments alone. */
final class SqlText {
    private SqlText() {
    }

    /**
     * {@code sql} with each match of {@code pattern} that starts outside string literals, quoted
     * names, comments and dollar quotes (as {@link SqlScanner} reads them) replaced by
     * {@code replacement} of it.
     */
    static String replaceOutsideLiterals(String sql, Pattern pattern, Function<Matcher, String> replacement) {
        Matcher m = pattern.matcher(sql);
        StringBuilder out = new StringBuilder(sql.length());
        int last = 0;
        int from = 0;
        int code = 0; // everything before it has been classified; sql[code] is code or the end
        while (from <= sql.length() && m.find(from)) {
            int start = m.start();
            int inside = -1;
            while (code <= start && code < sql.length()) {
                int end = SqlScanner.skip(sql, code);
                if (end < 0) {
                    code++;
                } else if (end > start) {
                    inside = end;
                    break;
                } else {
                    code = end;
                }
            }
            if (inside >= 0) {
                from = start + 1;
                continue;
            }
            out.append(sql, last, start).append(replacement.apply(m));
            last = m.end();
            from = m.end();
        }
        return out.append(sql, last, sql.length()).toString();
    }
}

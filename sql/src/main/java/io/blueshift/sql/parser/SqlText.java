package io.blueshift.sql.parser;

/** Scanning helpers for the rewrites of SQL text made before parsing. */
final class SqlText {
    private SqlText() {
    }

    /**
     * The end (exclusive) of the string literal, quoted identifier or {@code --} comment that
     * starts at {@code i}, or -1 when none starts there; such text is copied as it is.
     */
    static int skipped(String sql, int i) {
        char c = sql.charAt(i);
        if (c == '\'' || c == '"') {
            int end = sql.indexOf(c, i + 1);
            return end < 0 ? sql.length() : end + 1;
        }
        if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
            int end = sql.indexOf('\n', i);
            return end < 0 ? sql.length() : end;
        }
        return -1;
    }

    /**
     * {@code sql} with each match of {@code pattern} that starts outside string literals, quoted
     * names and comments replaced by {@code replacement} of it.
     */
    static String replaceOutsideLiterals(String sql, java.util.regex.Pattern pattern,
            java.util.function.Function<java.util.regex.Matcher, String> replacement) {
        boolean[] quoted = new boolean[sql.length() + 1];
        for (int i = 0; i < sql.length(); ) {
            int end = skipped(sql, i);
            if (end < 0) {
                i++;
                continue;
            }
            java.util.Arrays.fill(quoted, i, end, true);
            i = end;
        }
        java.util.regex.Matcher m = pattern.matcher(sql);
        StringBuilder out = new StringBuilder(sql.length());
        int last = 0;
        int from = 0;
        while (from <= sql.length() && m.find(from)) {
            if (quoted[m.start()]) {
                from = m.start() + 1;
                continue;
            }
            out.append(sql, last, m.start()).append(replacement.apply(m));
            last = m.end();
            from = m.end();
        }
        return out.append(sql, last, sql.length()).toString();
    }
}

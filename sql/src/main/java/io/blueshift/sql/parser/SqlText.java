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
}

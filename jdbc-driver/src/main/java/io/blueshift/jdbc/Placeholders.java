package io.blueshift.jdbc;

/**
 * Counts the {@code ?} parameters of a statement, skipping those inside string literals, quoted
 * identifiers and comments, so a prepared statement knows how many values to expect even when
 * the engine does not infer their types (DDL, UPDATE, ...).
 */
final class Placeholders {
    private Placeholders() {
    }

    static int count(String sql) {
        int count = 0;
        int n = sql.length();
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(i);
            switch (c) {
                case '\'', '"' -> i = skipQuoted(sql, i, c);
                case '-' -> {
                    if (i + 1 < n && sql.charAt(i + 1) == '-') {
                        int end = sql.indexOf('\n', i);
                        i = end < 0 ? n : end;
                    }
                }
                case '/' -> {
                    if (i + 1 < n && sql.charAt(i + 1) == '*') {
                        int end = sql.indexOf("*/", i + 2);
                        i = end < 0 ? n : end + 1;
                    }
                }
                case '?' -> count++;
                default -> {
                }
            }
        }
        return count;
    }

    /** The index of the closing quote (a doubled quote stays inside), or the end of the text. */
    private static int skipQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        return sql.length();
    }
}

package io.blueshift.jdbc;

import io.blueshift.sql.parser.SqlScanner;

/**
 * Counts the {@code ?} parameters of a statement, skipping those inside string literals, quoted
 * identifiers, comments and dollar quotes (as {@link SqlScanner} reads them), so a prepared
 * statement knows how many values to expect even when the engine does not infer their types
 * (DDL, UPDATE, ...).
 */
final class Placeholders {
    private Placeholders() {
    }

    static int count(String sql) {
        int count = 0;
        int i = 0;
        while (i < sql.length()) {
            int skip = SqlScanner.skip(sql, i);
            if (skip >= 0) {
                i = skip;
                continue;
            }
            if (sql.charAt(i) == '?') {
                count++;
            }
            i++;
        }
        return count;
    }
}

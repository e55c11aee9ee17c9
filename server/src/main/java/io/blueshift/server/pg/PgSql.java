package io.blueshift.server.pg;

import io.blueshift.sql.parser.SqlScanner;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * What the server needs to know of SQL text before the engine sees it: where one statement of a
 * simple Query ends and the next begins, and where the {@code $n} parameters of the extended
 * protocol stand. Both read the text with {@link SqlScanner}, so string literals ('...', E'...'),
 * quoted identifiers, comments and dollar quotes hide what they hold, as in Postgres' own scanner.
 */
final class PgSql {
    private PgSql() {
    }

    /** Text with each {@code $n} replaced by {@code ?} (padded so positions stay put), and n for each {@code ?} in order. */
    record Parameters(String text, int[] order, int count) {
    }

    /**
     * The statements of a query string, without their {@code ;}; blank ones are left out. A
     * literal, quoted name or comment left open fails the whole string with 42601 before any
     * statement runs, as Postgres lexes a simple Query whole.
     */
    static List<SqlScanner.Statement> split(String sql) {
        SqlScanner.checkTerminated(sql);
        return SqlScanner.split(sql);
    }

    /** Replaces {@code $1 .. $n} by {@code ?} and records which parameter each stands for. */
    static Parameters parameters(String sql) {
        StringBuilder text = new StringBuilder(sql);
        int[] order = new int[8];
        int found = 0;
        int count = 0;
        for (int i = nextParameter(sql, 0); i >= 0; i = nextParameter(sql, i)) {
            int end = SqlScanner.parameterEnd(sql, i);
            int number = Integer.parseInt(sql, i + 1, end, 10);
            text.setCharAt(i, '?');
            for (int k = i + 1; k < end; k++) {
                text.setCharAt(k, ' ');
            }
            if (found == order.length) {
                order = Arrays.copyOf(order, found * 2);
            }
            order[found++] = number;
            count = Math.max(count, number);
            i = end;
        }
        return new Parameters(text.toString(), Arrays.copyOf(order, found), count);
    }

    /** The text with each {@code $n} replaced by what {@code replacement} makes of n. */
    static String replaceParameters(String sql, IntFunction<String> replacement) {
        StringBuilder out = new StringBuilder(sql.length());
        int copied = 0;
        for (int i = nextParameter(sql, 0); i >= 0; i = nextParameter(sql, copied)) {
            int end = SqlScanner.parameterEnd(sql, i);
            out.append(sql, copied, i).append(replacement.apply(Integer.parseInt(sql, i + 1, end, 10)));
            copied = end;
        }
        return out.append(sql, copied, sql.length()).toString();
    }

    /** The start of the first {@code $n} at or after {@code from} outside literals and comments, or -1. */
    private static int nextParameter(String sql, int from) {
        int i = from;
        while (i < sql.length()) {
            int skip = SqlScanner.skip(sql, i);
            if (skip >= 0) {
                i = skip;
            } else if (SqlScanner.parameterEnd(sql, i) > 0) {
                return i;
            } else {
                i++;
            }
        }
        return -1;
    }
}

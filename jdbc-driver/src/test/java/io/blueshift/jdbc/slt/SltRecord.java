package io.blueshift.jdbc.slt;

import java.util.List;

/**
 * One record of a sqllogictest file: a statement, a query, or a halt. Every record remembers the
 * line it starts on and the engine conditions ({@code skipif} / {@code onlyif}) written above it,
 * so a failure can point at the exact place in the file.
 */
sealed interface SltRecord {
    int line();

    List<Condition> conditions();

    /** Whether the record runs on the named engine, given its {@code skipif} and {@code onlyif} lines. */
    default boolean appliesTo(String engine) {
        for (Condition c : conditions()) {
            if (!c.only() && IGNORED_SKIPS.equals(c.engine())) {
                continue;
            }
            if (c.only() != c.engine().equals(engine)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The engine whose {@code skipif} lines are ignored ({@code -Dblueshift.slt.ignoreSkips=blueshift}),
     * to find the records marked as not passing yet that pass now.
     */
    String IGNORED_SKIPS = System.getProperty("blueshift.slt.ignoreSkips", "");

    /** A {@code skipif <engine>} (only = false) or {@code onlyif <engine>} (only = true) line. */
    record Condition(boolean only, String engine) {}

    /**
     * The outcome a statement or query expects: success, or an error with an optional SQLSTATE
     * ({@code null} accepts any error).
     */
    record Expectation(boolean error, String sqlState) {
        static final Expectation OK = new Expectation(false, null);
    }

    /** {@code statement ok} or {@code statement error [SQLSTATE]}. */
    record Statement(int line, List<Condition> conditions, String sql, Expectation expect) implements SltRecord {}

    /**
     * {@code query <types> [sort]} with its expected rows, each already split into column values;
     * or {@code query error [SQLSTATE]}, which has no types and no rows.
     */
    record Query(int line, List<Condition> conditions, String sql, Expectation expect, String types,
                 SortMode sort, List<List<String>> rows) implements SltRecord {}

    /** {@code halt}: the rest of the file is ignored (for the engines the conditions select). */
    record Halt(int line, List<Condition> conditions) implements SltRecord {}

    /** How a query's rows are compared: as returned, as sorted rows, or as a sorted bag of values. */
    enum SortMode {
        NOSORT, ROWSORT, VALUESORT
    }
}

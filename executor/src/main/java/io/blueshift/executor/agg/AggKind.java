package io.blueshift.executor.agg;

/** The aggregate functions. */
public enum AggKind {
    COUNT_STAR, COUNT, SUM, AVG, MIN, MAX,
    STDDEV_SAMP, STDDEV_POP, VAR_SAMP, VAR_POP,
    BOOL_AND, BOOL_OR, STRING_AGG, MEDIAN, PERCENTILE_CONT, PERCENTILE_DISC,
    /** COUNT(DISTINCT x) estimated (Redshift's APPROXIMATE COUNT(DISTINCT)); computed exactly here. */
    APPROX_COUNT_DISTINCT,
    /** The value of a column that is constant within each group (Calcite's SINGLE_VALUE / ANY_VALUE). */
    ANY_VALUE,
    /** A scalar sub-query's value: its only row, NULL for none, 21000 for more than one. */
    SINGLE_VALUE,
    /** A constant per group (what sub-query rewrites use to mark that a group exists). */
    LITERAL
}

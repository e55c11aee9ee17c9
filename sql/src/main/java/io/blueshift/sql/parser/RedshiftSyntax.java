package io.blueshift.sql.parser;

import java.util.regex.Pattern;

/**
 * Redshift and Postgres syntax Calcite's parser lacks, rewritten before parsing:
 * {@code APPROXIMATE COUNT(DISTINCT x)} is computed exactly (an exact count is a valid
 * approximation; same length, so error positions stay right), and a Postgres interval literal
 * without a unit ({@code INTERVAL '1 day 02:00'}, {@code INTERVAL '90 days'}) becomes a call of
 * {@code pg_interval('...')}, which Blueshift parses as Postgres does (months, days and time kept
 * apart). SQL-standard literals with a unit ({@code INTERVAL '90' DAY}) are left to Calcite. A
 * Postgres {@code TIMESTAMPTZ '...'} literal becomes a cast of the string to timestamptz.
 */
public final class RedshiftSyntax {
    private static final Pattern UNITLESS_INTERVAL = Pattern.compile(
            "(?i)\\binterval\\s*('(?:[^']|'')*')(?!\\s*(?:years?|months?|days?|hours?|minutes?|seconds?)\\b)");
    private static final Pattern APPROXIMATE = Pattern.compile("(?i)\\bapproximate(\\s+count\\s*\\()");
    private static final Pattern TIMESTAMPTZ_LITERAL = Pattern.compile("(?i)\\btimestamptz\\s*('(?:[^']|'')*')");

    private RedshiftSyntax() {
    }

    public static String normalize(String sql) {
        String lower = sql.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("interval")) {
            sql = SqlText.replaceOutsideLiterals(sql, UNITLESS_INTERVAL, m -> "pg_interval(" + m.group(1) + ")");
        }
        if (lower.contains("timestamptz")) {
            sql = SqlText.replaceOutsideLiterals(sql, TIMESTAMPTZ_LITERAL, m -> "CAST(" + m.group(1) + " AS timestamptz)");
        }
        if (lower.contains("approximate")) {
            sql = SqlText.replaceOutsideLiterals(sql, APPROXIMATE, m -> " ".repeat("approximate".length()) + m.group(1));
        }
        return sql;
    }
}

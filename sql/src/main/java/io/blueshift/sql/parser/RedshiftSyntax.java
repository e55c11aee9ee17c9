package io.blueshift.sql.parser;

import java.util.regex.Pattern;

/**
 * Redshift and Postgres syntax Calcite's parser lacks, rewritten before parsing:
 * {@code APPROXIMATE COUNT(DISTINCT x)} is computed exactly (an exact count is a valid
 * approximation; same length, so error positions stay right), and a Postgres interval literal
 * without a unit ({@code INTERVAL '1 day 02:00'}, {@code INTERVAL '90 days'}) becomes a call of
 * {@code pg_interval('...')}, which Blueshift parses as Postgres does (months, days and time kept
 * apart). SQL-standard literals with a unit ({@code INTERVAL '90' DAY}) are left to Calcite. A
 * Postgres {@code TIMESTAMPTZ '...'} literal becomes a cast of the string to timestamptz. A
 * column definition list after a function in FROM ({@code pg_get_late_binding_view_cols()
 * cols(view_schema name, ..., col_num int)}, as the Redshift JDBC driver sends it) keeps only the
 * column names: the function's own columns already have those types.
 */
public final class RedshiftSyntax {
    private static final Pattern UNITLESS_INTERVAL = Pattern.compile(
            "(?i)\\binterval\\s*('(?:[^']|'')*')(?!\\s*(?:years?|months?|days?|hours?|minutes?|seconds?)\\b)");
    private static final Pattern APPROXIMATE = Pattern.compile("(?i)\\bapproximate(\\s+count\\s*\\()");
    private static final Pattern TIMESTAMPTZ_LITERAL = Pattern.compile("(?i)\\btimestamptz\\s*('(?:[^']|'')*')");

    private RedshiftSyntax() {
    }

    /** {@code name VERSION AS OF 3}, {@code name TIMESTAMP AS OF '...'} (Delta's and Spark's time travel syntax). */
    private static final java.util.regex.Pattern AS_OF = java.util.regex.Pattern.compile(
            "\\b([A-Za-z_][A-Za-z0-9_$]*)\\s+(VERSION|TIMESTAMP)\\s+AS\\s+OF\\s+(\\d+|'[^']*')",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /** {@code table_changes('orders', 3[, 7])}: the change feed, as the table name with a suffix. */
    private static final java.util.regex.Pattern TABLE_CHANGES = java.util.regex.Pattern.compile(
            "\\btable_changes\\s*\\(\\s*'(?:([A-Za-z_][A-Za-z0-9_$]*)\\.)?([A-Za-z_][A-Za-z0-9_$]*)'\\s*,\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /** A call without nested parentheses right after FROM or JOIN, an alias and a parenthesized list after it. */
    private static final Pattern DEFINITION_LIST = Pattern.compile(
            "(?i)(?<=\\b(?:from|join)\\s{1,40})([a-z_][\\w$]*(?:\\s*\\.\\s*[a-z_][\\w$]*)?\\s*\\([^()]*\\)\\s+(?:as\\s+)?(\"[^\"]*\"|[a-z_][\\w$]*)\\s*)"
                    + "\\(((?:[^()]|\\([^()]*\\))*)\\)");
    /** One column definition: a name and a type (words, an optional modifier and array brackets). */
    private static final Pattern COLUMN_DEFINITION = Pattern.compile(
            "(?i)\\s*(\"[^\"]*\"|[a-z_][\\w$]*)\\s+[a-z_][\\w\\s]*(?:\\(\\s*\\d+(?:\\s*,\\s*\\d+)?\\s*\\))?(?:\\s*\\[\\s*])?\\s*");
    private static final java.util.Set<String> NOT_ALIASES = java.util.Set.of("on", "where", "using", "and", "or", "not",
            "in", "when", "then", "else", "having", "exists", "as", "over", "filter", "within");

    /** The names of a column definition list, or null when {@code list} is not one. */
    private static String definedNames(String list) {
        StringBuilder names = new StringBuilder();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= list.length(); i++) {
            char c = i < list.length() ? list.charAt(i) : ',';
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0) {
                java.util.regex.Matcher m = COLUMN_DEFINITION.matcher(list.substring(start, i));
                if (!m.matches()) {
                    return null;
                }
                names.append(names.isEmpty() ? "" : ", ").append(m.group(1));
                start = i + 1;
            }
        }
        return names.toString();
    }

    public static String normalize(String sql) {
        sql = PgCatalogSyntax.normalize(sql);
        String lower = sql.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("(") && lower.contains(") ")) {
            sql = SqlText.replaceOutsideLiterals(sql, DEFINITION_LIST, m -> {
                String names = NOT_ALIASES.contains(m.group(2).toLowerCase(java.util.Locale.ROOT)) ? null : definedNames(m.group(3));
                return names == null ? m.group() : m.group(1) + "(" + names + ")";
            });
        }
        if (lower.contains("table_changes")) {
            sql = SqlText.replaceOutsideLiterals(sql, TABLE_CHANGES, m -> (m.group(1) == null ? "" : m.group(1).toLowerCase(java.util.Locale.ROOT) + ".")
                    + "\"" + m.group(2).toLowerCase(java.util.Locale.ROOT) + "@changes:" + m.group(3)
                    + (m.group(4) == null ? "" : ":" + m.group(4)) + "\"");
        }
        if (lower.contains(" as of ")) {
            // a table read as of a version or a time is the table name with that suffix ("orders@v3")
            sql = SqlText.replaceOutsideLiterals(sql, AS_OF, m -> {
                String name = m.group(1).toLowerCase(java.util.Locale.ROOT);
                String at = m.group(3);
                boolean version = m.group(2).equalsIgnoreCase("version");
                if (version != Character.isDigit(at.charAt(0))) {
                    return m.group();
                }
                return "\"" + name + "@" + (version ? "v" + at : at.substring(1, at.length() - 1)) + "\"";
            });
        }
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

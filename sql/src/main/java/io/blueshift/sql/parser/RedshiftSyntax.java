package io.blueshift.sql.parser;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
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
 * column names: the function's own columns already have those types. {@code a >> b}, which
 * Calcite's parser lacks, becomes {@code pg_shift_right(a, b)} where both operands are a name, a
 * number or a parenthesized expression and no operator that binds tighter in Postgres touches them
 * (the Redshift JDBC driver's {@code ((atttypmod - 4) >> 16) & 65535}); other uses stay a syntax
 * error rather than be grouped wrongly.
 */
public final class RedshiftSyntax {
    private static final Pattern UNITLESS_INTERVAL = Pattern.compile(
            "(?i)\\binterval\\s*('(?:[^']|'')*')(?!\\s*(?:years?|months?|days?|hours?|minutes?|seconds?)\\b)");
    private static final Pattern APPROXIMATE = Pattern.compile("(?i)\\bapproximate(\\s+count\\s*\\()");
    private static final Pattern TIMESTAMPTZ_LITERAL = Pattern.compile("(?i)\\btimestamptz\\s*('(?:[^']|'')*')");

    private RedshiftSyntax() {
    }

    /** {@code name VERSION AS OF 3}, {@code name TIMESTAMP AS OF '...'} (Delta's and Spark's time travel syntax). */
    private static final Pattern AS_OF = Pattern.compile(
            "\\b([A-Za-z_][A-Za-z0-9_$]*)\\s+(VERSION|TIMESTAMP)\\s+AS\\s+OF\\s+(\\d+|'[^']*')",
            Pattern.CASE_INSENSITIVE);

    /** {@code read_parquet('glob')} in FROM. */
    private static final Pattern READ_PARQUET = Pattern.compile(
            "(?i)\\bread_parquet\\s*\\(\\s*'((?:[^']|'')*)'\\s*\\)");

    /** {@code read_csv('glob' [, delim => ',', header => true, quote => '"', nullstr => ''])} in FROM. */
    private static final Pattern READ_CSV = Pattern.compile(
            "(?i)\\bread_csv(?:_auto)?\\s*\\(\\s*'((?:[^']|'')*)'((?:\\s*,\\s*\\w+\\s*(?:=>|:=|=)\\s*(?:'(?:[^']|'')*'|\\w+))*)\\s*\\)");
    private static final Pattern CSV_ARGUMENT = Pattern.compile(
            "(\\w+)\\s*(?:=>|:=|=)\\s*(?:'((?:[^']|'')*)'|(\\w+))");

    /**
     * A read_csv call as the name the catalog resolves: the glob, then its named arguments as written
     * (values URL-encoded), after {@code format=csv}; they are COPY's options, read and checked by
     * {@code ddl.CopyOptions} when the name is resolved.
     */
    private static String csvSpec(String glob, String arguments) {
        StringBuilder spec = new StringBuilder(glob).append("|format=csv");
        Matcher a = CSV_ARGUMENT.matcher(arguments == null ? "" : arguments);
        while (a.find()) {
            String value = a.group(2) != null ? a.group(2).replace("''", "'") : a.group(3);
            spec.append('|').append(a.group(1).toLowerCase(Locale.ROOT)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return spec.toString();
    }

    /** {@code table_changes('orders', 3[, 7])}: the change feed, as the table name with a suffix. */
    private static final Pattern TABLE_CHANGES = Pattern.compile(
            "\\btable_changes\\s*\\(\\s*'(?:([A-Za-z_][A-Za-z0-9_$]*)\\.)?([A-Za-z_][A-Za-z0-9_$]*)'\\s*,\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)",
            Pattern.CASE_INSENSITIVE);

    /** A call without nested parentheses right after FROM or JOIN, an alias and a parenthesized list after it. */
    private static final Pattern DEFINITION_LIST = Pattern.compile(
            "(?i)(?<=\\b(?:from|join)\\s{1,40})([a-z_][\\w$]*(?:\\s*\\.\\s*[a-z_][\\w$]*)?\\s*\\([^()]*\\)\\s+(?:as\\s+)?(\"[^\"]*\"|[a-z_][\\w$]*)\\s*)"
                    + "\\(((?:[^()]|\\([^()]*\\))*)\\)");
    /** One column definition: a name and a type (words, an optional modifier and array brackets). */
    private static final Pattern COLUMN_DEFINITION = Pattern.compile(
            "(?i)\\s*(\"[^\"]*\"|[a-z_][\\w$]*)\\s+[a-z_][\\w\\s]*(?:\\(\\s*\\d+(?:\\s*,\\s*\\d+)?\\s*\\))?(?:\\s*\\[\\s*])?\\s*");
    private static final Set<String> NOT_ALIASES = Set.of("on", "where", "using", "and", "or", "not",
            "in", "when", "then", "else", "having", "exists", "as", "over", "filter", "within");

    /** Words before a parenthesis that do not make it a call. */
    private static final Set<String> KEYWORDS_BEFORE_GROUP = Set.of("and", "or", "not", "in", "exists",
            "when", "then", "else", "select", "where", "on", "by", "as", "case", "values", "from", "is", "like", "between",
            "any", "all", "some", "having", "return", "returning", "using", "over", "filter", "within", "array");

    /** Operators that bind tighter than {@code >>} in Postgres: an operand next to one is not whole. */
    private static final String TIGHTER = "+-*/%^:.[";

    /** {@code sql} with each {@code a >> b} of simple operands as {@code pg_shift_right(a, b)}. */
    private static String shiftRight(String sql) {
        for (int at = sql.indexOf(">>"); at >= 0; at = sql.indexOf(">>", at + 2)) {
            if (inLiteral(sql, at)) {
                continue;
            }
            int leftStart = operandStart(sql, at);
            int rightEnd = operandEnd(sql, at + 2);
            if (leftStart < 0 || rightEnd < 0) {
                continue;
            }
            String left = sql.substring(leftStart, at).strip();
            String right = sql.substring(at + 2, rightEnd).strip();
            String call = "pg_shift_right(" + left + ", " + right + ")";
            sql = sql.substring(0, leftStart) + call + sql.substring(rightEnd);
            at = leftStart + call.length() - 2;
        }
        return sql;
    }

    private static boolean inLiteral(String sql, int position) {
        for (int i = 0; i < position; ) {
            int end = SqlScanner.skip(sql, i);
            if (end < 0) {
                i++;
            } else if (end > position) {
                return true;
            } else {
                i = end;
            }
        }
        return false;
    }

    /** Where the operand ending before {@code end} starts, or -1 when it is not a simple, whole one. */
    private static int operandStart(String sql, int end) {
        int i = end - 1;
        while (i >= 0 && Character.isWhitespace(sql.charAt(i))) {
            i--;
        }
        if (i < 0) {
            return -1;
        }
        int start;
        if (sql.charAt(i) == ')') {
            int depth = 0;
            for (start = i; start >= 0; start--) {
                char c = sql.charAt(start);
                depth += c == ')' ? 1 : c == '(' ? -1 : 0;
                if (depth == 0) {
                    break;
                }
            }
            if (start < 0) {
                return -1;
            }
            // a call: f(x) >> 1, pg_shift_right(16, 2) >> 1
            int name = start;
            while (name > 0 && (Character.isLetterOrDigit(sql.charAt(name - 1)) || sql.charAt(name - 1) == '_'
                    || sql.charAt(name - 1) == '.')) {
                name--;
            }
            if (name < start) {
                if (KEYWORDS_BEFORE_GROUP.contains(sql.substring(name, start).toLowerCase(Locale.ROOT))) {
                    return -1;
                }
                start = name;
            }
        } else {
            start = i;
            while (start > 0 && (Character.isLetterOrDigit(sql.charAt(start - 1)) || sql.charAt(start - 1) == '_')) {
                start--;
            }
            if (start == i + 1) {
                return -1;
            }
        }
        int before = start - 1;
        while (before >= 0 && Character.isWhitespace(sql.charAt(before))) {
            before--;
        }
        return before >= 0 && TIGHTER.indexOf(sql.charAt(before)) >= 0 ? -1 : start;
    }

    /** Where the operand starting at {@code start} ends, or -1 when it is not a simple, whole one. */
    private static int operandEnd(String sql, int start) {
        int i = start;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        if (i >= sql.length()) {
            return -1;
        }
        int end;
        if (sql.charAt(i) == '(') {
            int depth = 0;
            for (end = i; end < sql.length(); end++) {
                char c = sql.charAt(end);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                if (depth == 0) {
                    break;
                }
            }
            if (end >= sql.length()) {
                return -1;
            }
            end++;
        } else {
            end = i;
            while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                end++;
            }
            if (end == i || end < sql.length() && sql.charAt(end) == '(') {
                return -1;
            }
        }
        int after = SqlScanner.skipSpaceAndComments(sql, end);
        return after < sql.length() && TIGHTER.indexOf(sql.charAt(after)) >= 0 ? -1 : end;
    }

    /** The names of a column definition list, or null when {@code list} is not one. */
    private static String definedNames(String list) {
        StringBuilder names = new StringBuilder();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= list.length(); i++) {
            char c = i < list.length() ? list.charAt(i) : ',';
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0) {
                Matcher m = COLUMN_DEFINITION.matcher(list.substring(start, i));
                if (!m.matches()) {
                    return null;
                }
                names.append(names.isEmpty() ? "" : ", ").append(m.group(1));
                start = i + 1;
            }
        }
        return names.toString();
    }

    /**
     * A number run into the next word ({@code THEN 1WHEN}, as the Redshift JDBC driver's getColumns
     * writes it): Postgres 15's lexer ends the number there, Calcite's does not.
     */
    private static final Pattern NUMBER_BEFORE_WORD = Pattern.compile("(?<![\\w$.])(\\d+(?:\\.\\d+)?)(?=[a-df-z_]|[eE](?![+-]?\\d))",
            Pattern.CASE_INSENSITIVE);

    public static String normalize(String sql) {
        sql = PgCatalogSyntax.normalize(sql);
        sql = SqlText.replaceOutsideLiterals(sql, NUMBER_BEFORE_WORD, m -> m.group(1) + " ");
        if (sql.contains(">>")) {
            sql = shiftRight(sql);
        }
        String lower = sql.toLowerCase(Locale.ROOT);
        if (lower.contains("(") && lower.contains(") ")) {
            sql = SqlText.replaceOutsideLiterals(sql, DEFINITION_LIST, m -> {
                String names = NOT_ALIASES.contains(m.group(2).toLowerCase(Locale.ROOT)) ? null : definedNames(m.group(3));
                return names == null ? m.group() : m.group(1) + "(" + names + ")";
            });
        }
        if (lower.contains("read_parquet")) {
            // read_parquet('glob'): the files as a table, named for the catalog's resolver (see Database.earlier)
            sql = SqlText.replaceOutsideLiterals(sql, READ_PARQUET, m -> "\"@parquet:" + m.group(1).replace("''", "'").replace("\"", "\"\"") + "\"");
        }
        if (lower.contains("read_csv")) {
            sql = SqlText.replaceOutsideLiterals(sql, READ_CSV, m -> "\"@csv:" + csvSpec(m.group(1).replace("''", "'"), m.group(2))
                    .replace("\"", "\"\"") + "\"");
        }
        if (lower.contains("table_changes")) {
            sql = SqlText.replaceOutsideLiterals(sql, TABLE_CHANGES, m -> (m.group(1) == null ? "" : m.group(1).toLowerCase(Locale.ROOT) + ".")
                    + "\"" + m.group(2).toLowerCase(Locale.ROOT) + "@changes:" + m.group(3)
                    + (m.group(4) == null ? "" : ":" + m.group(4)) + "\"");
        }
        if (lower.contains(" as of ")) {
            // a table read as of a version or a time is the table name with that suffix ("orders@v3")
            sql = SqlText.replaceOutsideLiterals(sql, AS_OF, m -> {
                String name = m.group(1).toLowerCase(Locale.ROOT);
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

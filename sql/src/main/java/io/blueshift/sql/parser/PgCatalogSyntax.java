package io.blueshift.sql.parser;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlQuantifyOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.util.Litmus;

/**
 * The Postgres syntax of catalog queries (psql's {@code \d}, pgJDBC's and SQLAlchemy's metadata
 * SQL) in terms Blueshift plans.
 *
 * <p>Before parsing ({@link #normalize}): {@code OPERATOR(pg_catalog.~)} is the operator itself;
 * {@code COLLATE pg_catalog.default} and {@code COLLATE "C"} are dropped (Blueshift compares
 * strings by code point, which is what "C" means); {@code pg_catalog.} before a function name or a
 * cast's type is dropped; casts to array types ({@code ::int2[]}) are dropped, as arrays are text.
 *
 * <p>After parsing ({@link #rewrite}), on the tree: casts to {@code regclass}, {@code regtype},
 * {@code regproc}, {@code regnamespace} and {@code regrole} become the {@code pg_reg*} functions;
 * {@code a[i]} reads an element of a text array; {@code x = ANY(ARRAY[...])} is an IN list and
 * {@code x = ANY(array_column)} a membership test; {@code ARRAY[...]} and {@code ARRAY(SELECT ...)}
 * make text arrays; set-returning functions over an array in a select list ({@code unnest},
 * {@code generate_subscripts}, {@code information_schema._pg_expandarray}) become a join with the
 * array's positions. {@code generate_series} in FROM stays the table function when its arguments
 * name no column; with bounds that name columns it becomes the positions 0..1599 between them.
 */
public final class PgCatalogSyntax {
    private PgCatalogSyntax() {
    }

    private static final Pattern OPERATOR = Pattern.compile(
            "(?i)\\boperator\\s*\\(\\s*(?:pg_catalog\\s*\\.\\s*)?([~!*<>=+\\-/%|&^#@]+)\\s*\\)");
    private static final Pattern COLLATE = Pattern.compile(
            "(?i)\\s+collate\\s+(?:pg_catalog\\s*\\.\\s*)?(?:\"[^\"]*\"|[a-z_][a-z0-9_]*)");
    private static final Pattern CATALOG_FUNCTION = Pattern.compile(
            "(?i)\\b(?:pg_catalog|information_schema)\\s*\\.\\s*(?=[a-z_][a-z0-9_]*\\s*\\()");
    private static final Pattern CATALOG_TYPE = Pattern.compile("(?i)::\\s*pg_catalog\\s*\\.\\s*");
    private static final Pattern ARRAY_CAST = Pattern.compile("(?i)::\\s*(?:\"[^\"]*\"|[a-z_][a-z0-9_]*)\\s*\\[\\s*]");
    /** {@code unnest(} in a select list (a keyword to Calcite's parser, which takes it only in FROM). */
    private static final Pattern SELECT_UNNEST = Pattern.compile("(?i)(?<!from|join|,)(\\s)unnest\\s*\\(");
    private static final Pattern CURRENT_USER_CALL = Pattern.compile("(?i)\\b(current_user|session_user|current_catalog)\\s*\\(\\s*\\)");

    /** The text rewrites; cheap when the statement has none of the words they look for. */
    public static String normalize(String sql) {
        if (sql.indexOf('$') >= 0 || sql.contains("/*") || sql.indexOf('\'') > 0
                && (sql.contains("E'") || sql.contains("e'") || sql.contains("&'")) || sql.contains("&\"")) {
            sql = plainLiterals(sql);
        }
        String lower = sql.toLowerCase(Locale.ROOT);
        if (lower.contains("operator")) {
            sql = SqlText.replaceOutsideLiterals(sql, OPERATOR, m -> " " + m.group(1) + " ");
        }
        if (lower.contains("collate")) {
            sql = SqlText.replaceOutsideLiterals(sql, COLLATE, m -> "");
        }
        if (lower.contains("pg_catalog") || lower.contains("information_schema")) {
            sql = SqlText.replaceOutsideLiterals(sql, CATALOG_FUNCTION, m -> "");
            sql = SqlText.replaceOutsideLiterals(sql, CATALOG_TYPE, m -> "::");
        }
        if (lower.contains("[")) {
            sql = SqlText.replaceOutsideLiterals(sql, ARRAY_CAST, m -> "");
        }
        if (lower.contains("unnest")) {
            sql = SqlText.replaceOutsideLiterals(sql, SELECT_UNNEST, m -> m.group(1) + "pg_unnest(");
        }
        if (lower.contains("current_user") || lower.contains("session_user") || lower.contains("current_catalog")) {
            sql = SqlText.replaceOutsideLiterals(sql, CURRENT_USER_CALL, m -> m.group(1));
        }
        return sql;
    }

    /**
     * Postgres' escape strings ({@code E'\\n  '}, psql's {@code \\dp} and {@code \\l+}), Unicode
     * strings ({@code U&'d\\0061t'}) and names ({@code U&"d\\0061t"}, decoded here so that an escape
     * of NUL is refused as in Postgres rather than put into a name) and dollar quotes ({@code $$it's$$}) as plain literals holding
     * the characters they mean: Calcite reads the first as literals of another character set, which
     * it will not concatenate or compare with plain ones, and knows neither of the others. Block
     * comments holding another one are blanked, as Calcite's comments do not nest. Each literal is
     * padded with blanks to its former length and a comment keeps its line breaks, so error
     * positions after them stay right.
     */
    static String plainLiterals(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            SqlScanner.Region region = SqlScanner.regionAt(sql, i);
            if (region == SqlScanner.Region.CODE) {
                out.append(sql.charAt(i));
                i++;
                continue;
            }
            int end = SqlScanner.skip(sql, i);
            switch (region) {
                case ESCAPE_STRING, UNICODE_STRING, DOLLAR_QUOTE -> {
                    String literal = "'" + SqlScanner.stringValue(sql, i, end).replace("'", "''") + "'";
                    out.append(literal).append(" ".repeat(Math.max(0, end - i - literal.length())));
                }
                case BLOCK_COMMENT -> {
                    int inner = sql.indexOf("/*", i + 2);
                    if (inner >= 0 && inner < end - 2) {
                        for (int k = i; k < end; k++) {
                            out.append(sql.charAt(k) == '\n' ? '\n' : ' ');
                        }
                    } else {
                        out.append(sql, i, end);
                    }
                }
                case QUOTED_NAME -> {
                    if (sql.charAt(i) == '"') {
                        out.append(sql, i, end);
                    } else {
                        String name = "\"" + SqlScanner.unicodeNameValue(sql, i, end).replace("\"", "\"\"") + "\"";
                        out.append(name).append(" ".repeat(Math.max(0, end - i - name.length())));
                    }
                }
                case CODE, STRING, LINE_COMMENT -> out.append(sql, i, end);
            }
            i = end;
        }
        return out.toString();
    }

    private static final List<String> REG_TYPES = List.of("regclass", "regtype", "regproc", "regprocedure",
            "regnamespace", "regrole");

    /** Rewrites a parsed statement in place. */
    public static void rewrite(SqlNode statement) {
        walk(statement);
    }

    private static void walk(SqlNode node) {
        if (node instanceof SqlNodeList list) {
            for (int i = 0; i < list.size(); i++) {
                SqlNode replaced = replacement(list.get(i));
                if (replaced != null) {
                    list.set(i, replaced);
                }
                walk(list.get(i));
            }
        } else if (node instanceof SqlCall call) {
            if (call instanceof SqlSelect select) {
                setReturning(select);
            }
            List<SqlNode> operands = call.getOperandList();
            // an aliased generate_series stays the table function (else it would be aliased again)
            boolean aliasedSeries = call.getKind() == SqlKind.AS && tableSeries(call.operand(0)) != null;
            for (int i = 0; i < operands.size(); i++) {
                SqlNode operand = operands.get(i);
                boolean keep = i == 0 && (aliasedSeries || call.getKind() == SqlKind.COLLECTION_TABLE);
                SqlNode replaced = keep ? null : replacement(operand);
                if (replaced != null) {
                    try {
                        call.setOperand(i, replaced);
                        operand = replaced;
                    } catch (UnsupportedOperationException | AssertionError e) {
                        // a node whose operands are fixed (rare: a window spec); left as it is
                    }
                }
                walk(operand);
            }
        }
    }

    private static SqlNode call(String function, SqlParserPos pos, SqlNode... operands) {
        return new SqlBasicCall(new SqlUnresolvedFunction(
                new SqlIdentifier(function, SqlParserPos.ZERO), null, null, null, null,
                SqlFunctionCategory.USER_DEFINED_FUNCTION), List.of(operands), pos);
    }

    /** The node to put in place of {@code node}, or null to keep it. */
    private static SqlNode replacement(SqlNode node) {
        if (!(node instanceof SqlCall call)) {
            return null;
        }
        SqlParserPos pos = call.getParserPosition();
        switch (call.getKind()) {
            case CAST -> {
                if (call.operand(1) instanceof SqlDataTypeSpec spec) {
                    String type = spec.getTypeName().getSimple().toLowerCase(Locale.ROOT);
                    if (REG_TYPES.contains(type)) {
                        return call("pg_" + type, pos, call.operand(0));
                    }
                }
                return null;
            }
            case ITEM -> {
                return call("pg_array_element", pos, call.operand(0), call.operand(1));
            }
            case SOME, ALL -> {
                if (!(call.operand(1) instanceof SqlNodeList list) || list.size() != 1
                        || list.get(0).getKind().belongsTo(SqlKind.QUERY)) {
                    return null;
                }
                SqlKind comparison = ((SqlQuantifyOperator) call.getOperator()).comparisonKind;
                boolean any = call.getKind() == SqlKind.SOME;
                if (!(comparison == SqlKind.EQUALS && any || comparison == SqlKind.NOT_EQUALS && !any)) {
                    throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED,
                            "only = ANY and <> ALL over an array are supported");
                }
                SqlNode array = list.get(0);
                SqlNode test;
                if (array.getKind() == SqlKind.ARRAY_VALUE_CONSTRUCTOR) {
                    test = SqlStdOperatorTable.IN.createCall(pos, call.operand(0),
                            new SqlNodeList(((SqlCall) array).getOperandList(), pos));
                } else {
                    test = call("pg_array_contains", pos, array, call.operand(0));
                }
                return any ? test : SqlStdOperatorTable.NOT.createCall(pos, test);
            }
            case AS -> {
                if (call.operand(0).getKind() == SqlKind.UNNEST && ((SqlCall) call.operand(0)).operandCount() == 1) {
                    SqlIdentifier alias = call.operand(1);
                    String column = call.operandCount() > 2 ? ((SqlIdentifier) call.operand(2)).getSimple() : alias.getSimple();
                    return unnest(((SqlCall) call.operand(0)).operand(0), alias, column, pos);
                }
                SqlNode series = series(call.operand(0));
                if (series == null) {
                    series = tableSeries(call.operand(0));
                    if (series == null || call.operandCount() > 2) {
                        return null;
                    }
                }
                if (call.operandCount() > 2) {
                    call.setOperand(0, series);
                    return null;
                }
                // FROM generate_series(...) s: as in Postgres, s names the column too
                SqlIdentifier alias = call.operand(1);
                return SqlStdOperatorTable.AS.createCall(pos, series, alias, new SqlIdentifier(alias.getSimple(), pos));
            }
            case UNNEST -> {
                return call.operandCount() != 1 ? null
                        : unnest(call.operand(0), new SqlIdentifier("unnest", pos), "unnest", pos);
            }
            case COLLECTION_TABLE -> {
                SqlNode series = series(call);
                if (series == null) {
                    series = tableSeries(call);
                }
                return series == null ? null : SqlStdOperatorTable.AS.createCall(pos, series,
                        new SqlIdentifier("generate_series", pos), new SqlIdentifier("generate_series", pos));
            }
            case ARRAY_VALUE_CONSTRUCTOR -> {
                return call("pg_array_of", pos, call.getOperandList().toArray(new SqlNode[0]));
            }
            case ARRAY_QUERY_CONSTRUCTOR -> {
                return arrayOfQuery(call.operand(0), pos);
            }
            case DOT -> {
                // (alias_of_pg_expandarray).x: the alias already holds the element
                if (call.operand(0) instanceof SqlIdentifier id && call.operand(1) instanceof SqlIdentifier field
                        && field.getSimple().equalsIgnoreCase("x")) {
                    return id;
                }
                return null;
            }
            default -> {
                String name = call.getOperator().getName();
                if (name.equalsIgnoreCase("generate_series")) {
                    // a set-returning function in a select list runs nowhere yet; in FROM it is a table function
                    throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "generate_series outside FROM");
                }
                if (name.equalsIgnoreCase("array_length") && call.operandCount() == 2) {
                    // Postgres' array_length(a, dimension), where Calcite's takes one argument
                    return call("pg_array_dim_length", pos, call.operand(0), call.operand(1));
                }
                if (name.equalsIgnoreCase("isnull") && call.operandCount() == 2) {
                    // Redshift's isnull(a, b), the Redshift JDBC driver's getColumns calls it
                    return SqlStdOperatorTable.COALESCE.createCall(pos, call.operand(0), call.operand(1));
                }
                if (name.equalsIgnoreCase("charindex") && call.operandCount() == 2) {
                    // Redshift's charindex(needle, haystack): POSITION(needle IN haystack)
                    return SqlStdOperatorTable.POSITION.createCall(pos, call.operand(0), call.operand(1));
                }
                if (call.getOperator() == SqlStdOperatorTable.CONCAT && (isArray(call.operand(0)) || isArray(call.operand(1)))) {
                    // array || array: the elements of both (a NULL side adds none, as in Postgres)
                    return call("pg_array_concat", pos, call.operand(0), call.operand(1));
                }
                return null;
            }
        }
    }

    private static boolean isArray(SqlNode node) {
        return node.getKind() == SqlKind.ARRAY_QUERY_CONSTRUCTOR || node.getKind() == SqlKind.ARRAY_VALUE_CONSTRUCTOR;
    }

    /**
     * {@code generate_series(start, stop [, step])} in FROM whose arguments name no column: kept as
     * the table function (the executor makes its rows a batch at a time, any number of them). Null
     * when {@code node} is not one.
     */
    private static SqlCall tableSeries(SqlNode node) {
        if (!(node instanceof SqlCall f && f.getKind() == SqlKind.COLLECTION_TABLE && f.operand(0) instanceof SqlCall call
                && call.getOperator().getName().equalsIgnoreCase("generate_series"))) {
            return null;
        }
        for (SqlNode a : call.getOperandList()) {
            if (!columnFree(a)) {
                return null;
            }
        }
        return f;
    }

    /** Whether an expression names no column and holds no sub-query (constants, parameters, now()). */
    private static boolean columnFree(SqlNode node) {
        if (node == null || node instanceof SqlLiteral || node instanceof SqlDataTypeSpec) {
            return true;
        }
        if (node instanceof SqlNodeList list) {
            for (SqlNode n : list) {
                if (!columnFree(n)) {
                    return false;
                }
            }
            return true;
        }
        if (node instanceof SqlCall call) {
            if (call.getKind().belongsTo(SqlKind.QUERY)) {
                return false;
            }
            for (SqlNode n : call.getOperandList()) {
                if (!columnFree(n)) {
                    return false;
                }
            }
            return true;
        }
        // current_date and its kin parse as names
        return !(node instanceof SqlIdentifier id) || id.isSimple() && !id.isComponentQuoted(0)
                && NILADIC.contains(id.getSimple().toLowerCase(Locale.ROOT));
    }

    /** Functions called without parentheses, which the parser reads as names. */
    private static final List<String> NILADIC = List.of("current_date", "current_time", "current_timestamp", "localtime",
            "localtimestamp", "sysdate");

    /**
     * {@code generate_series(start, stop)} in FROM whose bounds name columns (a correlated
     * sub-query's, or a catalog query's {@code array_upper(...)}) as a sub-query: the positions
     * 0..1599 between the bounds (enough for the column and key positions catalog queries count
     * through). Null when {@code node} is not one.
     */
    private static SqlNode series(SqlNode node) {
        if (!(node instanceof SqlCall f && f.getKind() == SqlKind.COLLECTION_TABLE && f.operand(0) instanceof SqlCall call
                && call.getOperator().getName().equalsIgnoreCase("generate_series"))) {
            return null;
        }
        List<SqlNode> args = call.getOperandList();
        if (args.size() < 2 || args.size() > 3 || tableSeries(node) != null) {
            return null;
        }
        if (args.size() != 2) {
            throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "generate_series with a step and bounds that name columns");
        }
        SqlSelect positions = (SqlSelect) parse("SELECT \"__n\" AS \"generate_series\" FROM (VALUES "
                + positionsList(1600) + ") AS \"__p\"(\"__n\") WHERE \"__n\" BETWEEN 0 AND 1");
        SqlCall between = (SqlCall) positions.getWhere();
        between.setOperand(1, args.get(0));
        between.setOperand(2, args.get(1));
        return positions;
    }

    /**
     * {@code unnest(array) [AS] alias[(column)]} in FROM: a lateral sub-query of the array's
     * elements as text, one row per position 0..99 below the array's length, so the array may
     * name columns of the FROM items before it or of an enclosing query (psql's {@code \d+} reads
     * {@code unnest(tc.reloptions)} of the outer row).
     */
    private static SqlNode unnest(SqlNode array, SqlIdentifier alias, String column, SqlParserPos pos) {
        SqlSelect elements = (SqlSelect) parse("SELECT pg_array_nth_text(0, \"__u\".\"__n\") AS \"" + column.replace("\"", "\"\"")
                + "\" FROM (VALUES " + positionsList(100) + ") AS \"__u\"(\"__n\") WHERE \"__u\".\"__n\" < pg_array_length(0)");
        ((SqlCall) ((SqlCall) elements.getSelectList().get(0)).operand(0)).setOperand(0, array);
        ((SqlCall) ((SqlCall) elements.getWhere()).operand(1)).setOperand(0, array);
        return SqlStdOperatorTable.AS.createCall(pos, SqlStdOperatorTable.LATERAL.createCall(pos, elements), alias,
                new SqlIdentifier(column, pos));
    }

    /** {@code ARRAY(SELECT v ...)}: the values joined into a text array by a scalar sub-query. */
    private static SqlNode arrayOfQuery(SqlNode query, SqlParserPos pos) {
        SqlSelect template = (SqlSelect) parse("SELECT '{' || COALESCE(STRING_AGG(CAST(\"__a\".\"__x\" AS VARCHAR), ','), '') || '}'"
                + " FROM (SELECT 1) AS \"__a\"(\"__x\")");
        SqlCall as = (SqlCall) template.getFrom();
        as.setOperand(0, query);
        return template;
    }

    private static SqlNode parse(String sql) {
        try {
            return SqlParser.create(sql, SqlParser.config()
                    .withParserFactory(SqlBabelParserImpl.FACTORY)
                    .withUnquotedCasing(Casing.TO_LOWER)
                    .withQuotedCasing(Casing.UNCHANGED)).parseQuery();
        } catch (SqlParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The names of set-returning functions over an array that may stand in a select list. */
    private static boolean arraySrf(SqlNode node) {
        if (node instanceof SqlCall call && call.getOperator() instanceof SqlFunction f) {
            String name = f.getName().toLowerCase(Locale.ROOT);
            return name.equals("unnest") || name.equals("pg_unnest") || name.equals("generate_subscripts") || name.equals("_pg_expandarray");
        }
        return node instanceof SqlCall call && call.getKind() == SqlKind.UNNEST;
    }

    /**
     * A select list calling {@code unnest(a)}, {@code generate_subscripts(a, 1)} or
     * {@code _pg_expandarray(a)} returns one row per element of {@code a}: the FROM clause is
     * joined with positions 0..99 ("__srf"."__n") kept below the array's length, and each call
     * reads the element or the position. Every such call in one select list must take the same
     * array, as in the clients' queries.
     */
    private static void setReturning(SqlSelect select) {
        SqlNodeList items = select.getSelectList();
        if (items == null || select.getFrom() == null) {
            return;
        }
        SqlNode array = null;
        for (int i = 0; i < items.size(); i++) {
            SqlNode item = items.get(i);
            SqlNode inner = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
            SqlNode srf = inner.getKind() == SqlKind.DOT && arraySrf(((SqlCall) inner).operand(0)) ? ((SqlCall) inner).operand(0)
                    : arraySrf(inner) ? inner : null;
            if (srf == null) {
                continue;
            }
            SqlNode operand = ((SqlCall) srf).operand(0);
            if (array == null) {
                array = operand;
            } else if (!array.equalsDeep(operand, Litmus.IGNORE)) {
                throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED,
                        "set-returning functions over different arrays in one select list");
            }
            SqlParserPos pos = srf.getParserPosition();
            SqlNode position = new SqlIdentifier(List.of("__srf", "__n"), pos);
            String name = ((SqlCall) srf).getOperator().getName().toLowerCase(Locale.ROOT);
            SqlNode element = call("pg_array_nth", pos, operand, position);
            SqlNode value;
            if (inner.getKind() == SqlKind.DOT) {
                String field = ((SqlIdentifier) ((SqlCall) inner).operand(1)).getSimple().toLowerCase(Locale.ROOT);
                value = field.equals("n") ? SqlStdOperatorTable.PLUS.createCall(pos, position, SqlLiteral.createExactNumeric("1", pos))
                        : element;
            } else if (name.equals("generate_subscripts")) {
                value = SqlStdOperatorTable.PLUS.createCall(pos, position, call("array_lower", pos, operand,
                        SqlLiteral.createExactNumeric("1", pos)));
            } else {
                value = element;
            }
            if (item.getKind() == SqlKind.AS) {
                ((SqlCall) item).setOperand(0, value);
            } else {
                items.set(i, value);
            }
        }
        if (array == null) {
            return;
        }
        SqlParserPos pos = select.getParserPosition();
        SqlSelect positions = (SqlSelect) parse("SELECT * FROM (VALUES " + positionsList(100) + ") AS \"__srf\"(\"__n\")");
        select.setFrom(new SqlJoin(pos, select.getFrom(), SqlLiteral.createBoolean(false, pos),
                JoinType.COMMA.symbol(pos), positions.getFrom(),
                JoinConditionType.NONE.symbol(pos), null));
        SqlNode bound = SqlStdOperatorTable.LESS_THAN.createCall(pos, new SqlIdentifier(List.of("__srf", "__n"), pos),
                call("pg_array_length", pos, array));
        select.setWhere(select.getWhere() == null ? bound : SqlStdOperatorTable.AND.createCall(pos, select.getWhere(), bound));
    }

    private static String positionsList(int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(i == 0 ? "" : ", ").append('(').append(i).append(')');
        }
        return sb.toString();
    }
}

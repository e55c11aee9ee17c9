package io.blueshift.executor.expr;

import io.blueshift.columnar.SqlType;
import io.blueshift.kernels.arith.ArithOp;
import io.blueshift.kernels.compare.CompareOp;
import java.util.List;
import java.util.Locale;

/**
 * Expressions as SQL text for EXPLAIN ({@link Expr#sql}): operators infix with Postgres' spelling,
 * literals as SQL literals, types by their short Postgres names. Only EXPLAIN calls it, never a
 * query's evaluation.
 */
public final class SqlText {
    private SqlText() {
    }

    /**
     * {@code e} as the operand of an operator: in parentheses where its text has an operator at the
     * top level ({@code a + b}, {@code x IS NULL}, a CASE), so {@code (a + b) * c} keeps its meaning.
     */
    public static String operand(Expr e, List<String> columns) {
        String text = e.sql(columns);
        return e instanceof LiteralExpr ? text : parenthesized(text);
    }

    /** {@code text} in parentheses when it is more than one term (an identifier, a call, a literal). */
    public static String parenthesized(String text) {
        return atomic(text) ? text : "(" + text + ")";
    }

    /** Whether {@code text} has no space outside parentheses and quotes (a name, a call, a number). */
    static boolean atomic(String text) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ' ') {
                return false;
            }
        }
        return !text.isEmpty();
    }

    /** {@code name(arg, ...)}. */
    public static String call(String name, List<Expr> args, List<String> columns) {
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < args.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(args.get(i).sql(columns));
        }
        return sb.append(')').toString();
    }

    /** {@code input::type}, the cast as Postgres' EXPLAIN prints it. */
    public static String cast(Expr input, SqlType type, List<String> columns) {
        return operand(input, columns) + "::" + typeName(type);
    }

    public static String symbol(ArithOp op) {
        return switch (op) {
            case ADD -> "+";
            case SUBTRACT -> "-";
            case MULTIPLY -> "*";
            case DIVIDE -> "/";
            case MODULO -> "%";
        };
    }

    public static String symbol(CompareOp op) {
        return switch (op) {
            case EQ -> "=";
            case NE -> "<>";
            case LT -> "<";
            case LE -> "<=";
            case GT -> ">";
            case GE -> ">=";
        };
    }

    /** The short Postgres name of a type, as in a cast ({@code numeric(15,2)}, {@code varchar(25)}). */
    public static String typeName(SqlType type) {
        return switch (type.kind()) {
            case CHAR -> "char(" + type.precision() + ")";
            case VARCHAR -> type.precision() > 0 ? "varchar(" + type.precision() + ")" : "varchar";
            case TIME -> "time";
            case TIMESTAMP -> "timestamp";
            case TIMESTAMPTZ -> "timestamptz";
            case DOUBLE -> "float8";
            case REAL -> "float4";
            case BOOLEAN, SMALLINT, INTEGER, BIGINT, DECIMAL, TEXT, DATE, INTERVAL -> type.name();
        };
    }

    /** A value of {@code type} as a SQL literal: {@code 42}, {@code 'text'}, {@code DATE '1998-09-02'}. */
    public static String literal(Object value, SqlType type) {
        if (value == null) {
            return "NULL";
        }
        String text = Conversions.toText(value);
        return switch (type.kind()) {
            case BOOLEAN -> text.toUpperCase(Locale.ROOT);
            case SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, DECIMAL -> value instanceof Number ? text : quoted(text);
            case DATE -> "DATE " + quoted(text);
            case TIME -> "TIME " + quoted(text);
            case TIMESTAMP -> "TIMESTAMP " + quoted(text);
            case TIMESTAMPTZ -> "TIMESTAMPTZ " + quoted(text);
            case INTERVAL -> "INTERVAL " + quoted(text);
            case CHAR, VARCHAR, TEXT -> quoted(text);
        };
    }

    /** {@code text} as a SQL string literal, its quotes doubled. */
    public static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}

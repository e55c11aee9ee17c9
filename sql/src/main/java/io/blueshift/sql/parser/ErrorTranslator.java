package io.blueshift.sql.parser;

import io.blueshift.executor.expr.Conversions;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.api.SqlPositionException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Turns Calcite's parse and validation errors into Postgres errors: SQLSTATE, a Postgres-worded
 * message and the 1-based character position. Calcite signals the kind of a validation error only
 * through its English message (its resource bundle), so the kind is recognised by message prefix;
 * a test per SQLSTATE guards against Calcite rewording them.
 */
public final class ErrorTranslator {
    private static final Pattern ENCOUNTERED = Pattern.compile(
            "Encountered \"(.*?)\" at line (\\d+), column (\\d+)");
    private static final Pattern NEAR_KEYWORD = Pattern.compile(
            "Incorrect syntax near the keyword '(.*?)' at line (\\d+), column (\\d+)");
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
    private static final Pattern NUMBER_OUT_OF_RANGE = Pattern.compile("Numeric literal '([^']*)' out of range");
    private static final Pattern SIGNATURE = Pattern.compile("function signature (.*)$");

    private static final Pattern ILLEGAL_LITERAL = Pattern.compile("Illegal (DATE|TIME|TIMESTAMP) literal '([^']*)'");

    private ErrorTranslator() {
    }

    /** A syntax error (42601) at the token the parser stopped on. */
    public static SqlPositionException syntax(String sql, SqlParseException e) {
        SqlParserPos pos = e.getPos();
        int position = pos == null ? 0 : position(sql, pos.getLineNum(), pos.getColumnNum());
        SqlPositionException literal = literalError(firstLine(e.getMessage()), position, e);
        if (literal != null) {
            return literal;
        }
        String message = firstLine(e.getMessage());
        String text = e.getMessage() == null ? "" : e.getMessage();
        // SqlParseException.getPos() spans from the last good token; the message names the bad one.
        Matcher m = ENCOUNTERED.matcher(text);
        Matcher near = NEAR_KEYWORD.matcher(text);
        if (!m.find() && near.find()) {
            // Calcite rewords an error after a reserved word as "near the keyword", naming the word
            // instead of the token that failed; that token is the one after the word.
            int keyword = position(sql, Integer.parseInt(near.group(2)), Integer.parseInt(near.group(3))) - 1;
            int from = keyword + near.group(1).length();
            while (from < sql.length() && Character.isWhitespace(sql.charAt(from))) {
                from++;
            }
            int to = from;
            while (to < sql.length() && (Character.isLetterOrDigit(sql.charAt(to)) || sql.charAt(to) == '_')) {
                to++;
            }
            boolean end = from >= sql.length();
            String token = end ? "" : sql.substring(from, Math.max(to, from + 1));
            message = end ? "syntax error at end of input" : "syntax error at or near \"" + token + "\"";
            position = end ? sql.length() + 1 : from + 1;
        } else if (m.find(0)) {
            int start = position(sql, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            String[] tokens = m.group(1).trim().split(" ");
            // JavaCC prints the tokens of the longest sequence it expected, from the last good
            // token on ("= =" for "a = = 1"); Postgres points at the last, where parsing fails.
            int at = start - 1;
            String token = tokens[0];
            String lower = sql.toLowerCase(Locale.ROOT);
            for (int i = 1; i < tokens.length && at >= 0; i++) {
                if (tokens[i].equals("<EOF>")) {
                    token = tokens[i];
                    break;
                }
                int next = lower.indexOf(tokens[i].toLowerCase(Locale.ROOT), at + token.length());
                if (next < 0) {
                    break;
                }
                at = next;
                token = tokens[i];
            }
            boolean end = token.equals("<EOF>");
            message = end ? "syntax error at end of input" : "syntax error at or near \"" + token + "\"";
            position = end ? sql.length() + 1 : at + 1;
        }
        SqlPositionException limit = negativeLimit(sql, position, e);
        if (limit != null) {
            return limit;
        }
        return new SqlPositionException(ErrorCode.SYNTAX_ERROR, position, e, message);
    }

    /**
     * {@code LIMIT -1} and {@code OFFSET -1}: Calcite's grammar takes only unsigned numbers there,
     * Postgres parses them and refuses the value, with 2201W / 2201X; null for other errors.
     */
    private static SqlPositionException negativeLimit(String sql, int position, Exception cause) {
        if (position <= 0 || position > sql.length() || sql.charAt(position - 1) != '-') {
            return null;
        }
        String before = sql.substring(0, position - 1).stripTrailing().toLowerCase(Locale.ROOT);
        int word = before.length();
        while (word > 0 && SqlScanner.isWordPart(before.charAt(word - 1))) {
            word--;
        }
        return switch (before.substring(word)) {
            case "limit", "fetch" -> new SqlPositionException(ErrorCode.INVALID_ROW_COUNT, position, cause,
                    "LIMIT must not be negative");
            case "offset" -> new SqlPositionException(ErrorCode.INVALID_OFFSET_ROW_COUNT, position, cause,
                    "OFFSET must not be negative");
            default -> null;
        };
    }

    /** A validation error with its position; the SQLSTATE follows the kind of Calcite's message. */
    public static SqlPositionException validation(String sql, CalciteContextException e) {
        int position = position(sql, e.getPosLine(), e.getPosColumn());
        String message = e.getCause() != null && e.getCause().getMessage() != null
                ? e.getCause().getMessage() : firstLine(e.getMessage());
        return translate(message, position, e);
    }

    /** A validation error Calcite raised without a position. */
    public static SqlPositionException unpositioned(Exception e) {
        return translate(firstLine(e.getMessage()), 0, e);
    }

    /**
     * {@code DATE '2024-02-30'}: Postgres reports the value, not the syntax: 22008 for a field out
     * of range, 22007 for text that is no date at all. Null for other messages.
     */
    private static SqlPositionException literalError(String message, int position, Exception cause) {
        Matcher literal = ILLEGAL_LITERAL.matcher(message == null ? "" : message);
        if (!literal.find()) {
            return null;
        }
        String type = literal.group(1).toLowerCase(Locale.ROOT);
        String value = literal.group(2);
        return Conversions.outOfRangeShape(value)
                ? new SqlPositionException(ErrorCode.DATETIME_FIELD_OVERFLOW, position, cause,
                        "date/time field value \"" + value + "\"")
                : new SqlPositionException(ErrorCode.INVALID_DATETIME_FORMAT, position, cause, type, value);
    }

    private static SqlPositionException translate(String message, int position, Exception cause) {
        SqlPositionException literal = literalError(message, position, cause);
        if (literal != null) {
            return literal;
        }
        Matcher number = NUMBER_OUT_OF_RANGE.matcher(message);
        if (number.find()) {
            // 1e400: Calcite reads a number with an exponent as double precision
            return new SqlPositionException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, position, cause,
                    "\"" + number.group(1).toLowerCase(Locale.ROOT) + "\" is");
        }
        if (message.startsWith("Object '") || message.startsWith("Table '")) {
            return new SqlPositionException(ErrorCode.UNDEFINED_TABLE, position, cause, quoted(message));
        }
        // With select-list aliases visible (Babel conformance), an unknown name in the select list
        // is taken for an alias of its own item and reported as a cycle.
        if (message.startsWith("Column '") && message.contains("' not found")
                || message.startsWith("The definition of column '") && message.contains("depends on itself")) {
            return new SqlPositionException(ErrorCode.UNDEFINED_COLUMN, position, cause, quoted(message));
        }
        if (message.startsWith("Column '") && message.endsWith("' is ambiguous")) {
            return new SqlPositionException(ErrorCode.AMBIGUOUS_COLUMN, position, cause, quoted(message));
        }
        Matcher signature = SIGNATURE.matcher(message);
        if (message.startsWith("No match found for function signature") && signature.find()) {
            return new SqlPositionException(ErrorCode.UNDEFINED_FUNCTION, position, cause,
                    "function " + signature.group(1) + " does not exist");
        }
        if (message.startsWith("Cannot apply '")) {
            // Postgres: "operator does not exist: character varying + date" (42883).
            return new SqlPositionException(ErrorCode.UNDEFINED_FUNCTION, position, cause,
                    "operator does not exist: " + message);
        }
        if (message.contains("Windowed aggregate expression is illegal")) {
            // Postgres: "window functions are not allowed in WHERE".
            return new SqlPositionException(ErrorCode.WINDOWING_ERROR, position, cause, message);
        }
        if (message.startsWith("Duplicate relation name")) {
            // Postgres: "table name "x" specified more than once".
            return new SqlPositionException(ErrorCode.DUPLICATE_ALIAS, position, cause, message);
        }
        if (message.startsWith("Expression '") && message.endsWith("is not in the select clause")) {
            // Postgres: "for SELECT DISTINCT, ORDER BY expressions must appear in select list".
            return new SqlPositionException(ErrorCode.INVALID_COLUMN_REFERENCE, position, cause, message);
        }
        if (message.startsWith("Invalid number of arguments to function")) {
            // Postgres: "function upper(text, text) does not exist".
            return new SqlPositionException(ErrorCode.UNDEFINED_FUNCTION, position, cause, message);
        }
        if (message.startsWith("Aggregate expression") || message.contains("is not being grouped")
                || message.startsWith("Expression '") && message.contains("not being grouped")
                || message.startsWith("GROUPING operator may only occur")) {
            // Postgres: "aggregate functions are not allowed in WHERE", "must appear in the GROUP BY clause".
            return new SqlPositionException(ErrorCode.GROUPING_ERROR, position, cause, message);
        }
        if (message.startsWith("Ordinal out of range")) {
            return new SqlPositionException(ErrorCode.INVALID_COLUMN_REFERENCE, position, cause, message);
        }
        if (message.startsWith("Unknown identifier '") || message.startsWith("Unknown datatype name")) {
            return new SqlPositionException(ErrorCode.UNDEFINED_OBJECT, position, cause,
                    "type \"" + quoted(message) + "\" does not exist");
        }
        if (message.startsWith("Cast function cannot convert")) {
            return new SqlPositionException(ErrorCode.CANNOT_COERCE, position, cause, message);
        }
        if (message.endsWith("must be a condition") || message.contains("compatible types")
                || message.startsWith("Cannot assign") || message.startsWith("Type mismatch")
                || message.startsWith("Cast function cannot convert") || message.startsWith("Illegal mixing")) {
            return new SqlPositionException(ErrorCode.DATATYPE_MISMATCH, position, cause, message);
        }
        return new SqlPositionException(ErrorCode.SYNTAX_ERROR, position, cause, message);
    }

    /** The 1-based character offset of a 1-based line and column; 0 when the line is unknown. */
    public static int position(String sql, int line, int column) {
        if (line < 1 || column < 1) {
            return 0;
        }
        int offset = 0;
        for (int l = 1; l < line && offset < sql.length(); l++) {
            int next = nextLineStart(sql, offset);
            if (next < 0) {
                return 0;
            }
            offset = next;
        }
        return Math.min(offset + column, sql.length());
    }

    /** Start of the line after the one containing {@code from}, with \n, \r\n and \r as breaks. */
    private static int nextLineStart(String sql, int from) {
        for (int i = from; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\n') {
                return i + 1;
            }
            if (c == '\r') {
                return i + 1 < sql.length() && sql.charAt(i + 1) == '\n' ? i + 2 : i + 1;
            }
        }
        return -1;
    }

    private static String quoted(String message) {
        Matcher m = QUOTED.matcher(message);
        return m.find() ? m.group(1) : message;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}

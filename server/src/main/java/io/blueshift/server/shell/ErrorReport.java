package io.blueshift.server.shell;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.sql.api.SqlPositionException;
import java.io.PrintStream;
import java.sql.SQLException;

/**
 * Prints a failed statement's error the way psql does in verbose mode: {@code ERROR:  SQLSTATE:
 * message}, and when the error knows where in the statement it arose, the offending line with a
 * caret under that character ({@code LINE 2: ...}). The position comes from the error's causes;
 * an engine whose message already draws the caret (DuckDB does) is left to draw it.
 */
final class ErrorReport {
    /** How much of a long line to show on either side of the caret, as psql trims it. */
    private static final int CONTEXT = 40;

    private ErrorReport() {
    }

    /**
     * Prints the error of {@code sql} (null when it was no statement), prefixed with the script
     * location when there is one.
     */
    static void print(PrintStream err, String location, String sql, Throwable error) {
        String message = error.getMessage() == null ? error.toString() : error.getMessage().strip();
        String state = sqlState(error);
        String where = location == null ? "" : "blueshift:" + location + ": ";
        err.println(where + "ERROR:  " + (state == null ? "" : state + ": ") + message);
        int position = position(error);
        if (sql != null && position > 0 && position <= sql.length() + 1 && !message.contains("\nLINE ")) {
            caret(err, sql, position);
        }
    }

    private static String sqlState(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof SQLException sqlException && sqlException.getSQLState() != null) {
                return sqlException.getSQLState();
            }
            if (e instanceof BlueshiftException blueshift) {
                return blueshift.sqlState();
            }
        }
        return null;
    }

    private static int position(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof SqlPositionException positioned) {
                return positioned.position();
            }
        }
        return 0;
    }

    /** Prints the line holding the 1-based {@code position}, trimmed around it, and a caret under it. */
    private static void caret(PrintStream err, String sql, int position) {
        int offset = position - 1;
        int lineStart = sql.lastIndexOf('\n', offset - 1) + 1;
        int lineEnd = sql.indexOf('\n', offset);
        if (lineEnd < 0) {
            lineEnd = sql.length();
        }
        int lineNumber = 1;
        for (int i = 0; i < lineStart; i++) {
            if (sql.charAt(i) == '\n') {
                lineNumber++;
            }
        }
        int from = Math.max(lineStart, offset - CONTEXT);
        int to = Math.min(lineEnd, Math.max(offset, from) + CONTEXT);
        String prefix = "LINE " + lineNumber + ": " + (from > lineStart ? "..." : "");
        String text = sql.substring(from, to).replace('\t', ' ');
        err.println(prefix + text + (to < lineEnd ? "..." : ""));
        err.println(" ".repeat(TextWidth.of(prefix) + TextWidth.of(sql.substring(from, Math.min(offset, to)))) + "^");
    }
}

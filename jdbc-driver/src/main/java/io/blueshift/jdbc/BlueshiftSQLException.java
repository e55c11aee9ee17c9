package io.blueshift.jdbc;

import java.sql.SQLException;

/**
 * An engine error as JDBC sees it: the SQLSTATE is the engine's, and {@link #position} points
 * into the statement text as the {@code P} field of a Postgres error does (also shown in the
 * message, which is what most tools display).
 */
public final class BlueshiftSQLException extends SQLException {
    private final int position;

    BlueshiftSQLException(String message, String sqlState, int position, Throwable cause) {
        super(position > 0 ? message + " (at position " + position + ")" : message, sqlState, cause);
        this.position = position;
    }

    /** 1-based character offset of the error in the statement text, or 0 when unknown. */
    public int position() {
        return position;
    }
}

package io.blueshift.jdbc;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.sql.api.SqlPositionException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/**
 * Turns engine errors into {@link SQLException}s that carry the engine's SQLSTATE, and makes the
 * driver's own errors with the SQLSTATE Postgres clients expect for the same mistake.
 */
final class JdbcErrors {
    static final String FEATURE_NOT_SUPPORTED = "0A000";
    static final String CONNECTION_DOES_NOT_EXIST = "08003";
    static final String NUMERIC_VALUE_OUT_OF_RANGE = "22003";
    static final String INVALID_PARAMETER_VALUE = "22023";
    static final String DATATYPE_MISMATCH = "42804";
    static final String INVALID_CURSOR_STATE = "24000";
    static final String UNDEFINED_COLUMN = "42703";
    static final String NO_DATA = "02000";
    /** pgJDBC's state for executeQuery of a string with several results. */
    static final String TOO_MANY_RESULTS = "0100E";
    static final String UNEXPECTED_RESULT = "0100E";
    static final String INTERNAL_ERROR = "XX000";

    private JdbcErrors() {
    }

    /** The SQLException for an error thrown by the engine (a bug if it is not a BlueshiftException). */
    static SQLException of(RuntimeException e) {
        return of(e, 0);
    }

    /**
     * The SQLException for an error of a statement that starts {@code offset} characters into the
     * text the application passed (one of several statements in it); a hint follows the message
     * on a line of its own, as pgJDBC shows a server's.
     */
    static SQLException of(RuntimeException e, int offset) {
        if (e instanceof SqlPositionException p) {
            return new BlueshiftSQLException(withHint(p), p.sqlState(), p.position() > 0 ? p.position() + offset : 0, p);
        }
        if (e instanceof BlueshiftException b) {
            if (FEATURE_NOT_SUPPORTED.equals(b.sqlState())) {
                return new SQLFeatureNotSupportedException(b.getMessage(), b.sqlState(), b);
            }
            return new BlueshiftSQLException(withHint(b), b.sqlState(), 0, b);
        }
        return new BlueshiftSQLException("internal error (this is a bug): " + e, INTERNAL_ERROR, 0, e);
    }

    /** The message with the error's detail and hint on lines of their own, as pgJDBC shows a server's. */
    private static String withHint(BlueshiftException e) {
        return e.getMessage() + (e.detail() == null ? "" : "\n  Detail: " + e.detail())
                + (e.hint() == null ? "" : "\n  Hint: " + e.hint());
    }

    static SQLFeatureNotSupportedException unsupported(String feature) {
        return new SQLFeatureNotSupportedException(feature + " is not supported", FEATURE_NOT_SUPPORTED);
    }

    static SQLException closed(String what) {
        return new SQLException("this " + what + " has been closed", CONNECTION_DOES_NOT_EXIST);
    }
}

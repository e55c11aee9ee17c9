package io.blueshift.sql.api;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;

/**
 * An error in a statement's text, with the 1-based character position of the offending token as
 * Postgres reports it in an ErrorResponse's {@code P} field; 0 when the position is unknown.
 */
public final class SqlPositionException extends BlueshiftException {
    private final int position;

    public SqlPositionException(ErrorCode code, int position, Throwable cause, Object... args) {
        super(code, cause, args);
        this.position = position;
    }

    /** 1-based character offset in the statement text, or 0 when unknown. */
    public int position() {
        return position;
    }
}

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

    private SqlPositionException(SqlPositionException original, int position) {
        super(original.code(), original.getMessage(), original.getCause(), true);
        this.position = position;
        setStackTrace(original.getStackTrace());
    }

    /**
     * This error with its position counted as Postgres counts it: in characters of the statement
     * text {@code sql}, of which the parser saw the part from {@code start} on. Parsers count
     * UTF-16 units, one more than characters for every character past U+FFFF before the position
     * (an emoji, say), and count from where the statement starts past its leading blanks.
     */
    public SqlPositionException inCharacters(String sql, int start) {
        if (position <= 0 || start + position - 1 > sql.length()) {
            return this;
        }
        int characters = sql.codePointCount(0, start + position - 1) + 1;
        return characters == position ? this : new SqlPositionException(this, characters);
    }

    /** 1-based character offset in the statement text, or 0 when unknown. */
    public int position() {
        return position;
    }
}

package io.blueshift.kernels;

import java.util.Locale;

/** An error with an {@link ErrorCode}; the message is the code's template filled with arguments. */
public class BlueshiftException extends RuntimeException {
    private final ErrorCode code;

    public BlueshiftException(ErrorCode code, Object... args) {
        this(code, null, args);
    }

    public BlueshiftException(ErrorCode code, Throwable cause, Object... args) {
        super(String.format(Locale.ROOT, code.template(), args), cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public String sqlState() {
        return code.sqlState();
    }
}

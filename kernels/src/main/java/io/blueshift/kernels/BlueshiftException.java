package io.blueshift.kernels;

import java.util.Locale;

/** An error with an {@link ErrorCode}; the message is the code's template filled with arguments. */
public class BlueshiftException extends RuntimeException {
    private final ErrorCode code;
    /** What the user can do about it, sent as a Postgres error's HINT; null: none. */
    private String hint;
    /** More about the error, sent as a Postgres error's DETAIL; null: none. */
    private String detail;

    public BlueshiftException(ErrorCode code, Object... args) {
        this(code, null, args);
    }

    public BlueshiftException(ErrorCode code, Throwable cause, Object... args) {
        super(String.format(Locale.ROOT, code.template(), args), cause);
        this.code = code;
    }

    private BlueshiftException(ErrorCode code, String message, Void written) {
        super(message);
        this.code = code;
    }

    /** An error whose message is already written, for a subclass that copies one with another detail. */
    protected BlueshiftException(ErrorCode code, String message, Throwable cause, boolean written) {
        super(message, cause);
        this.code = code;
    }

    /** An error whose message is already written (a rejected row's reason, passed on as it was). */
    public static BlueshiftException withMessage(ErrorCode code, String message) {
        return new BlueshiftException(code, message, (Void) null);
    }

    /** This error with a hint (Postgres' {@code HINT} field): what the user can do about it. */
    public BlueshiftException withHint(String text) {
        this.hint = text;
        return this;
    }

    /** This error with a detail (Postgres' {@code DETAIL} field): the values or objects behind it. */
    public BlueshiftException withDetail(String text) {
        this.detail = text;
        return this;
    }

    /** The detail, or null. */
    public String detail() {
        return detail;
    }

    /** The hint, or null. */
    public String hint() {
        return hint;
    }

    public ErrorCode code() {
        return code;
    }

    public String sqlState() {
        return code.sqlState();
    }
}

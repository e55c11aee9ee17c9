package io.blueshift.jdbc.slt;

/** A malformed sqllogictest file; the message names the file and line. */
final class SltParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SltParseException(String file, int line, String message) {
        super(file + ":" + line + ": " + message);
    }
}

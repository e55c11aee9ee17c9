package io.blueshift.sql.api;

/**
 * How far a long statement (COPY, UNLOAD) has come: rows so far, bytes read or written so far and
 * in all (-1 when unknown), and the time since it started. Reported a few times a second.
 */
public record Progress(String operation, long rows, long bytes, long totalBytes, long elapsedNanos) {
    /** The share done, 0 to 1, or -1 when the total is unknown. */
    public double fraction() {
        return totalBytes > 0 ? Math.min(1, (double) bytes / totalBytes) : -1;
    }
}

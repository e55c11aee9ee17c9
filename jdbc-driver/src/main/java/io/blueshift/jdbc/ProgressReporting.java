package io.blueshift.jdbc;

import io.blueshift.sql.api.Progress;
import java.util.function.Consumer;

/**
 * A Blueshift connection's progress reports for long statements (COPY, UNLOAD), reached with
 * {@code connection.unwrap(ProgressReporting.class)}: the shell draws its progress bar with them.
 */
public interface ProgressReporting {
    /** Receives progress a few times a second, on the statement's threads; null: none. */
    void setProgressListener(Consumer<Progress> listener);
}

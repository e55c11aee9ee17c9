package io.blueshift.server.shell;

import io.blueshift.jdbc.ProgressReporting;
import io.blueshift.sql.api.Progress;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * A one-line progress bar on the terminal while COPY or UNLOAD runs: a bar and share done (when the
 * total is known), rows, bytes, rate and time left; the line is wiped when the statement ends.
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final ProgressReporting connection;
    private final PrintStream err;
    private boolean drawn;

    private ProgressBar(ProgressReporting connection, PrintStream err) {
        this.connection = connection;
        this.err = err;
    }

    /** A bar listening to the connection's statements; null for drivers that report no progress. */
    static ProgressBar attach(Connection connection, PrintStream err) {
        try {
            if (!connection.isWrapperFor(ProgressReporting.class)) {
                return null;
            }
            ProgressBar bar = new ProgressBar(connection.unwrap(ProgressReporting.class), err);
            bar.connection.setProgressListener(bar::draw);
            return bar;
        } catch (SQLException e) {
            return null;
        }
    }

    synchronized void draw(Progress p) {
        err.print("\r" + line(p) + "\u001B[K");
        err.flush();
        drawn = true;
    }

    synchronized void detach() {
        connection.setProgressListener(null);
        if (drawn) {
            err.print("\r\u001B[K");
            err.flush();
        }
    }

    /** The bar's text: {@code COPY [=====>    ]  45%  2,700,000 rows  350 MB  120 MB/s  3 s left}. */
    static String line(Progress p) {
        double seconds = p.elapsedNanos() / 1e9;
        StringBuilder sb = new StringBuilder(p.operation());
        double done = p.fraction();
        if (done >= 0) {
            int filled = (int) Math.round(done * WIDTH);
            sb.append(" [").append("=".repeat(Math.max(0, filled - 1))).append(filled > 0 ? ">" : "")
                    .append(" ".repeat(WIDTH - filled)).append(']').append(String.format(Locale.ROOT, " %3.0f%%", done * 100));
        }
        sb.append(String.format(Locale.ROOT, "  %,d rows", p.rows()));
        if (p.bytes() >= 0) {
            double rate = seconds > 0 ? p.bytes() / seconds : 0;
            sb.append(String.format(Locale.ROOT, "  %s  %s/s", bytes(p.bytes()), bytes((long) rate)));
            if (done > 0 && done < 1 && rate > 0) {
                sb.append(String.format(Locale.ROOT, "  %.0f s left", (p.totalBytes() - p.bytes()) / rate));
            }
        } else if (seconds > 0) {
            sb.append(String.format(Locale.ROOT, "  %,.0f rows/s", p.rows() / seconds));
        }
        return sb.append(String.format(Locale.ROOT, "  %.0f s", seconds)).toString();
    }

    private static String bytes(long n) {
        return n >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", n / (double) (1L << 30))
                : String.format(Locale.ROOT, "%d MB", n >> 20);
    }
}

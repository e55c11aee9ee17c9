package io.blueshift.server.pg;

import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The server's log: one line per event, with a time and a level, in Postgres' style. */
public final class ServerLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'", Locale.ROOT);
    private final PrintStream out;
    private final boolean quiet;

    /** @param quiet when set, only warnings are written (tests) */
    public ServerLog(PrintStream out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    public void info(String message) {
        if (!quiet) {
            write("LOG", message);
        }
    }

    public void warning(String message) {
        write("WARNING", message);
    }

    private synchronized void write(String level, String message) {
        out.println(TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + " " + level + ":  " + message);
        out.flush();
    }
}

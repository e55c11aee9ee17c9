package io.blueshift.server.shell;

import io.blueshift.sql.session.DeepStack;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Runs one SQL statement through JDBC and prints its rows or its command tag, then its time.
 * Rows stream to the output a chunk at a time. The statement in flight can be cancelled from
 * another thread (the Ctrl-C handler) with {@link #cancel()}.
 */
final class SqlRunner {
    private final Connection connection;
    private final PrintStream out;
    private final PrintStream err;
    private final ShellSettings settings;
    private volatile Statement running;

    SqlRunner(Connection connection, PrintStream out, PrintStream err, ShellSettings settings) {
        this.connection = connection;
        this.out = out;
        this.err = err;
        this.settings = settings;
    }

    /**
     * Runs the statement; returns false when it failed, after printing the error, which names
     * {@code location} ({@code file:line}) when it is not null.
     */
    boolean run(String sql, String location) {
        long start = System.nanoTime();
        boolean ok = true;
        ProgressBar bar = settings.progress ? ProgressBar.attach(connection, err) : null;
        try (Statement statement = connection.createStatement()) {
            running = statement;
            fetchInChunks(statement);
            if (statement.execute(sql)) {
                try (ResultSet resultSet = statement.getResultSet()) {
                    print(null, new ResultSetRows(resultSet));
                }
            } else {
                out.println(CommandTag.of(sql, statement.getUpdateCount()));
            }
        } catch (SQLException | RuntimeException e) {
            out.flush();
            ErrorReport.print(err, location, sql, e);
            err.flush();
            ok = false;
        } catch (StackOverflowError | OutOfMemoryError e) {
            // the engine answers these itself; one that escapes here (rows too many to print)
            // is this statement's error, and the shell goes on to the next as after any other
            out.flush();
            ErrorReport.print(err, location, sql, DeepStack.error(e));
            err.flush();
            ok = false;
        } finally {
            running = null;
            if (bar != null) {
                bar.detach();
            }
        }
        if (settings.timing) {
            out.println(elapsed(System.nanoTime() - start));
        }
        out.flush();
        return ok;
    }

    /** A hint that lets a driver stream; one that cannot take it still works without it. */
    private static void fetchInChunks(Statement statement) {
        try {
            statement.setFetchSize(TablePrinter.CHUNK_ROWS);
        } catch (SQLException unsupported) {
            // the driver fetches the way it always does
        }
    }

    /** Prints rows as a table, or as records in expanded mode. */
    void print(String title, RowSource rows) throws SQLException {
        if (settings.expanded) {
            new ExpandedPrinter(out, settings.nullString).print(title, rows);
        } else {
            new TablePrinter(out, settings.nullString).print(title, rows);
        }
    }

    /** Asks the engine to stop the statement in flight, if there is one. */
    void cancel() {
        Statement statement = running;
        if (statement != null) {
            try {
                err.println("Cancel request sent");
                statement.cancel();
            } catch (SQLException e) {
                err.println("could not cancel the statement: " + e.getMessage());
            }
        }
    }

    /** psql's timing line: milliseconds, and minutes and seconds once it takes a second or more. */
    static String elapsed(long nanos) {
        double ms = nanos / 1e6;
        String line = String.format(Locale.ROOT, "Time: %.3f ms", ms);
        if (ms < 1000) {
            return line;
        }
        long seconds = (long) (ms / 1000);
        double secondsPart = ms / 1000 - seconds / 60 * 60;
        return line + String.format(Locale.ROOT, " (%02d:%06.3f)", seconds / 60, secondsPart);
    }
}

package io.blueshift.server.shell;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A shell over an in-memory DuckDB database, with its output and errors captured as text. */
final class ShellFixture implements AutoCloseable {
    final Connection connection;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final Shell shell;

    ShellFixture() throws SQLException {
        this(DriverManager.getConnection("jdbc:duckdb:"));
    }

    /** A shell over {@code connection}, which it closes. */
    ShellFixture(Connection connection) {
        this.connection = connection;
        shell = new Shell(connection, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
    }

    /** Feeds the script as piped input; returns whether every statement succeeded. */
    boolean run(String script) {
        return shell.run(new StreamLineSource(new BufferedReader(new StringReader(script)), null), false);
    }

    /** The output since the last call, and forgets it. */
    String out() {
        String text = out.toString(StandardCharsets.UTF_8);
        out.reset();
        return text;
    }

    String err() {
        String text = err.toString(StandardCharsets.UTF_8);
        err.reset();
        return text;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}

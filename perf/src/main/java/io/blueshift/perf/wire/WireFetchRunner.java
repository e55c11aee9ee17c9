package io.blueshift.perf.wire;

import io.blueshift.jdbc.slt.PostgresReference;
import io.blueshift.perf.tpch.Timings;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.postgresql.PGConnection;

/**
 * Result fetching through the wire ({@code ./blueshift wire-bench [--rows 1000000] [--runs 5]}):
 * the same table of ten columns (integers, a double, a numeric, strings, a date, a timestamp, a
 * boolean) is loaded by COPY into a Blueshift server (its own JVM) and into a private PostgreSQL
 * server on this machine, then read whole through pgJDBC, every value taken with getObject, in
 * text (a plain Statement) and in binary (a prepared statement pgJDBC runs in binary). The runs
 * alternate between the servers; each line gives rows per second, median (min-max).
 */
public final class WireFetchRunner {
    private static final String COLUMNS = "id bigint, k int, amount double precision, price numeric(12,2), code varchar(12),"
            + " note text, day date, at timestamp, flag boolean, small smallint";

    private WireFetchRunner() {
    }

    public static void main(String[] args) throws Exception {
        int rows = 1_000_000;
        int runs = 5;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                default -> {
                    System.err.println("usage: wire-bench [--rows 1000000] [--runs 5]");
                    System.exit(2);
                }
            }
        }
        var reason = PostgresReference.unavailableReason();
        if (reason.isPresent()) {
            System.err.println("wire-bench needs a PostgreSQL server to compare with: " + reason.get());
            System.exit(1);
        }
        Path directory = Files.createTempDirectory("blueshift-wire-bench");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Process server = startServer(directory, port);
        try (PostgresReference postgres = PostgresReference.start()) {
            Properties p = new Properties();
            p.setProperty("user", "bench");
            String blueshiftUrl = "jdbc:postgresql://127.0.0.1:" + port + "/dev";
            awaitServer(blueshiftUrl, p, server);
            try (Connection engine = DriverManager.getConnection(blueshiftUrl, p); Connection pg = postgres.freshDatabase()) {
                long start = System.nanoTime();
                load(engine, rows);
                System.out.printf(Locale.ROOT, "loaded %,d rows into Blueshift by COPY in %.1f s%n", rows, (System.nanoTime() - start) / 1e9);
                start = System.nanoTime();
                load(pg, rows);
                System.out.printf(Locale.ROOT, "loaded %,d rows into PostgreSQL by COPY in %.1f s%n", rows, (System.nanoTime() - start) / 1e9);
                String pgUrl = pg.getMetaData().getURL();
                for (boolean binary : new boolean[] {false, true}) {
                    long[] engineNanos = new long[runs];
                    long[] pgNanos = new long[runs];
                    fetch(blueshiftUrl, p, binary, rows);
                    fetch(pgUrl, new Properties(), binary, rows);
                    for (int r = 0; r < runs; r++) {
                        engineNanos[r] = fetch(blueshiftUrl, p, binary, rows);
                        pgNanos[r] = fetch(pgUrl, new Properties(), binary, rows);
                    }
                    report(binary ? "binary" : "text", rows, Timings.of(engineNanos), Timings.of(pgNanos));
                }
            }
        } finally {
            server.destroy();
            server.waitFor();
            try (var files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** {@code blueshift serve} in its own JVM, as PostgreSQL runs in its own processes: the client's garbage is not the server's. */
    private static Process startServer(Path directory, int port) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.blueshift.server.Main", "serve",
                directory.resolve("db").toString(), "--port", Integer.toString(port), "--host", "127.0.0.1", "--auth", "trust"));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("server.log").toFile()).start();
    }

    private static void awaitServer(String url, Properties p, Process server) throws Exception {
        for (int i = 0; i < 600; i++) {
            try (Connection c = DriverManager.getConnection(url, p)) {
                return;
            } catch (SQLException e) {
                if (!server.isAlive()) {
                    throw new IllegalStateException("the server stopped", e);
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the server did not start");
    }

    private static void load(Connection c, int rows) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("create table wide (" + COLUMNS + ")");
        }
        c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY wide FROM STDIN", data(rows));
    }

    /** The rows as COPY text: deterministic, with a NULL now and then. */
    private static Reader data(int rows) {
        StringBuilder sb = new StringBuilder(rows * 90);
        LocalDate base = LocalDate.of(2020, 1, 1);
        for (int i = 0; i < rows; i++) {
            sb.append(i).append('\t').append(i % 1000).append('\t').append(i * 0.25).append('\t')
                    .append(i % 100_000 / 100).append('.').append(String.format(Locale.ROOT, "%02d", i % 100)).append('\t')
                    .append("C-").append(i % 7919).append('\t')
                    .append(i % 13 == 0 ? "\\N" : "note number " + i).append('\t')
                    .append(base.plusDays(i % 3000)).append('\t')
                    .append(base.plusDays(i % 3000)).append(' ').append(String.format(Locale.ROOT, "%02d:%02d:%02d", i % 24, i % 60, i % 59))
                    .append('\t').append(i % 2 == 0 ? 't' : 'f').append('\t').append(i % 30000).append('\n');
        }
        return new StringReader(sb.toString());
    }

    /** Reads the whole table through a fresh connection; returns the nanoseconds from execute to the last value. */
    private static long fetch(String url, Properties p, boolean binary, int expected) throws SQLException {
        Properties props = new Properties();
        props.putAll(p);
        if (binary) {
            props.setProperty("prepareThreshold", "-1");
        }
        try (Connection c = DriverManager.getConnection(url, props)) {
            long start = System.nanoTime();
            long count = 0;
            long touched = 0;
            try (var s = binary ? c.prepareStatement("select * from wide") : c.createStatement();
                 ResultSet rs = s instanceof PreparedStatement ps ? ps.executeQuery() : s.executeQuery("select * from wide")) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int col = 1; col <= columns; col++) {
                        if (rs.getObject(col) != null) {
                            touched++;
                        }
                    }
                    count++;
                }
            }
            long nanos = System.nanoTime() - start;
            if (count != expected || touched == 0) {
                throw new IllegalStateException("read " + count + " rows, expected " + expected);
            }
            return nanos;
        }
    }

    private static void report(String format, int rows, Timings engine, Timings pg) {
        System.out.printf(Locale.ROOT, "%-6s Blueshift %,.0f rows/s (%,.0f-%,.0f)   PostgreSQL 15 %,.0f rows/s (%,.0f-%,.0f)"
                        + "   Blueshift/PostgreSQL %.2f%n", format,
                rows / (engine.median() / 1e3), rows / (engine.max() / 1e3), rows / (engine.min() / 1e3),
                rows / (pg.median() / 1e3), rows / (pg.max() / 1e3), rows / (pg.min() / 1e3), pg.median() / engine.median());
    }
}

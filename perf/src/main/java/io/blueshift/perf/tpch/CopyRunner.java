package io.blueshift.perf.tpch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;

/**
 * Bulk loading ({@code ./blueshift copy-bench [--sf 1] [--runs 3] [--table lineitem]}): one
 * TPC-H table's {@code |}-separated file loaded into a fresh in-memory Blueshift database with
 * {@code COPY ... FROM 'file' DELIMITER '|'} and into a fresh in-memory DuckDB with its CSV reader
 * ({@code COPY ... FROM 'file' (DELIMITER '|')}, the reader behind read_csv), same file, runs
 * alternating; rows per second, median (min-max), and the ratio.
 */
public final class CopyRunner {
    private CopyRunner() {
    }

    public static void main(String[] args) throws Exception {
        double sf = 1;
        int runs = 3;
        String tableName = "lineitem";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--sf" -> sf = Double.parseDouble(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--table" -> tableName = args[i + 1];
                default -> {
                    System.err.println("usage: copy-bench [--sf 1] [--runs 3] [--table lineitem]");
                    System.exit(2);
                }
            }
        }
        TpchFiles files = TpchFiles.locate();
        Path work = files.work(sf);
        Files.createDirectories(work);
        TpchData data = TpchData.generate(work.resolve("data"), sf);
        TpchSchema.Table table = TpchSchema.read(files.schema()).table(tableName);
        String path = data.file(tableName).toAbsolutePath().toString().replace("'", "''");
        System.out.printf(Locale.ROOT, "%s at SF %s: %,d bytes, %d cores%n", tableName, TpchFiles.scaleName(sf),
                Files.size(data.file(tableName)), Runtime.getRuntime().availableProcessors());
        long[] engine = new long[runs];
        long[] duck = new long[runs];
        long rows = 0;
        for (int r = 0; r < runs; r++) {
            try (Connection c = DriverManager.getConnection("jdbc:blueshift:mem:"); Statement s = c.createStatement()) {
                s.execute(table.createStatement());
                long start = System.nanoTime();
                rows = s.executeUpdate("COPY " + tableName + " FROM '" + path + "' DELIMITER '|'");
                engine[r] = System.nanoTime() - start;
            }
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
                s.execute(table.createStatement());
                long start = System.nanoTime();
                long duckRows = s.executeUpdate("COPY " + tableName + " FROM '" + path + "' (DELIMITER '|', HEADER false)");
                duck[r] = System.nanoTime() - start;
                if (duckRows != rows) {
                    throw new IllegalStateException("Blueshift loaded " + rows + " rows, DuckDB " + duckRows);
                }
            }
            System.out.printf(Locale.ROOT, "run %d: Blueshift %.2f s, DuckDB %.2f s%n", r + 1, engine[r] / 1e9, duck[r] / 1e9);
        }
        Timings e = Timings.of(engine);
        Timings d = Timings.of(duck);
        System.out.printf(Locale.ROOT, "%,d rows   Blueshift %,.0f rows/s (%,.0f-%,.0f)   DuckDB %,.0f rows/s (%,.0f-%,.0f)"
                        + "   Blueshift/DuckDB %.2f%n", rows, rows / (e.median() / 1e3), rows / (e.max() / 1e3),
                rows / (e.min() / 1e3), rows / (d.median() / 1e3), rows / (d.max() / 1e3), rows / (d.min() / 1e3),
                d.median() / e.median());
    }
}

package io.blueshift.perf.tpch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * TPC-H on persisted databases ({@code ./blueshift tpch-storage [--sf 1] [--runs 5] [--query 6]}):
 * loads Blueshift and DuckDB into database files, gives lineitem Redshift's usual sort key
 * (l_shipdate) with VACUUM and ANALYZE, closes both, prints their sizes on disk, reopens them and
 * runs one query: first cold (Blueshift reads the columns it needs from its segment files; the
 * bytes read are counted by the engine), then warm {@code --runs} times, with median, min and max.
 */
public final class StorageRunner {
    private static final Pattern SCAN = Pattern.compile("chunks read=(\\d+) skipped=(\\d+), bytes from disk=(\\d+)");

    private StorageRunner() {
    }

    public static void main(String[] args) throws Exception {
        double sf = 1;
        int runs = 5;
        int query = 6;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--sf" -> sf = Double.parseDouble(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--query" -> query = Integer.parseInt(args[i + 1].toLowerCase(Locale.ROOT).replace("q", ""));
                default -> {
                    System.err.println("usage: tpch-storage [--sf 1] [--runs 5] [--query 6]");
                    System.exit(2);
                }
            }
        }
        TpchFiles files = TpchFiles.locate();
        Path work = files.work(sf);
        Files.createDirectories(work);
        Path engineDir = work.resolve("storage-blueshift");
        Path duckFile = work.resolve("storage-duckdb.db");
        TpchRunner.deleteRecursively(engineDir);
        TpchRunner.deleteRecursively(duckFile);
        TpchRunner.deleteRecursively(duckFile.resolveSibling(duckFile.getFileName() + ".wal"));
        String engineUrl = "jdbc:blueshift:" + engineDir;
        String duckUrl = "jdbc:duckdb:" + duckFile;
        TpchData data = TpchData.generate(work.resolve("data"), sf);
        TpchSchema schema = TpchSchema.read(files.schema());
        try (Connection engine = DriverManager.getConnection(engineUrl); Connection duck = DriverManager.getConnection(duckUrl)) {
            TpchRunner.load("engine", engineUrl, engine, schema, data);
            TpchRunner.load("DuckDB", duckUrl, duck, schema, data);
            long start = System.nanoTime();
            try (Statement s = engine.createStatement()) {
                s.execute("alter table lineitem alter sortkey (l_shipdate)");
                s.execute("set history_retention = '0 seconds'");
                s.execute("vacuum");
                s.execute("analyze");
            }
            System.out.printf(Locale.ROOT, "engine: VACUUM (lineitem sorted by l_shipdate) and ANALYZE in %.1f s%n",
                    (System.nanoTime() - start) / 1e9);
            try (Statement s = duck.createStatement()) {
                s.execute("checkpoint");
            }
        }
        System.out.printf(Locale.ROOT, "size on disk: engine %.1f MB, DuckDB %.1f MB%n", size(engineDir) / 1e6,
                (size(duckFile) + size(duckFile.resolveSibling(duckFile.getFileName() + ".wal"))) / 1e6);
        TpchQueries.Query q = TpchQueries.read(files, query);
        String sql = q.sql().strip().replaceAll(";$", "");
        try (Connection engine = DriverManager.getConnection(engineUrl); Connection duck = DriverManager.getConnection(duckUrl)) {
            long rows;
            try (Statement s = engine.createStatement(); ResultSet rs = s.executeQuery("select count(*) from lineitem")) {
                rs.next();
                rows = rs.getLong(1);
            }
            long start = System.nanoTime();
            long bytes = 0;
            long read = 0;
            long skipped = 0;
            try (Statement s = engine.createStatement(); ResultSet rs = s.executeQuery("explain analyze " + sql)) {
                while (rs.next()) {
                    Matcher m = SCAN.matcher(rs.getString(1));
                    while (m.find()) {
                        read += Long.parseLong(m.group(1));
                        skipped += Long.parseLong(m.group(2));
                        bytes += Long.parseLong(m.group(3));
                    }
                }
            }
            double engineCold = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            TpchQueries.run(duck, q);
            double duckCold = (System.nanoTime() - start) / 1e6;
            System.out.printf(Locale.ROOT, "%s cold (first run after opening): engine %.1f ms, DuckDB %.1f ms%n", q.name(), engineCold, duckCold);
            System.out.printf(Locale.ROOT, "%s engine read %,d bytes from disk (chunks read %d, skipped by zone maps %d)%n",
                    q.name(), bytes, read, skipped);
            if (query == 6) {
                // l_shipdate (date, 4 bytes), l_quantity, l_extendedprice, l_discount (numeric(15,2) as 8-byte integers)
                System.out.printf(Locale.ROOT, "q06 raw columns: %,d rows x 28 bytes = %,d bytes (read %.1f%% of them)%n",
                        rows, rows * 28, 100.0 * bytes / (rows * 28));
            }
            Timings mine = time(engine, q, runs);
            Timings theirs = time(duck, q, runs);
            System.out.printf(Locale.ROOT, "%s warm, %d runs (ms): engine %s, DuckDB %s, engine/DuckDB %.2f%n", q.name(), runs,
                    mine.show(), theirs.show(), mine.median() / theirs.median());
        }
    }

    private static Timings time(Connection c, TpchQueries.Query q, int runs) throws SQLException {
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            nanos[i] = TpchQueries.run(c, q).nanos();
        }
        return Timings.of(nanos);
    }

    private static long size(Path path) throws IOException {
        if (!Files.exists(path)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            long total = 0;
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                total += Files.size(p);
            }
            return total;
        }
    }
}

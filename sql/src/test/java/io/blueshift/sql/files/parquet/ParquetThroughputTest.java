package io.blueshift.sql.files.parquet;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes and reads a 1M-row, lineitem-like file with Blueshift and with DuckDB (same JVM, same
 * data) and prints MB/s of file per second, best of three. Off by default; run with
 * {@code -Dtest=ParquetThroughputTest -Dblueshift.parquet.bench=true}.
 */
@EnabledIfSystemProperty(named = "blueshift.parquet.bench", matches = "true")
class ParquetThroughputTest {
    private static final int ROWS = 1_000_000;
    private static final int BATCH = 65_536;
    private static final List<String> NAMES = List.of("orderkey", "partkey", "quantity", "price", "discount",
            "shipdate", "flag", "comment");
    private static final List<SqlType> TYPES = List.of(SqlType.BIGINT, SqlType.INTEGER, SqlType.decimal(12, 2),
            SqlType.decimal(12, 2), SqlType.DOUBLE, SqlType.DATE, SqlType.varchar(1), SqlType.varchar(44));

    @TempDir
    Path dir;

    @Test
    void megabytesPerSecond() throws Exception {
        try (RootAllocator allocator = new RootAllocator()) {
            List<Batch> batches = new ArrayList<>();
            Random random = new Random(42);
            String[] words = {"carefully", "final", "deposits", "sleep", "quickly", "regular", "ideas", "among", "the",
                "furiously", "express", "accounts", "boost", "blithely", "pending", "requests"};
            for (int from = 0; from < ROWS; from += BATCH) {
                List<Object[]> rows = new ArrayList<>();
                for (int i = from; i < Math.min(ROWS, from + BATCH); i++) {
                    StringBuilder c = new StringBuilder();
                    while (c.length() < 10 + random.nextInt(30)) {
                        c.append(words[random.nextInt(words.length)]).append(' ');
                    }
                    rows.add(new Object[] {(long) i / 4, random.nextInt(200_000), BigDecimal.valueOf(1 + random.nextInt(50)),
                        BigDecimal.valueOf(90_000 + random.nextInt(10_000_000), 2), random.nextInt(11) / 100.0,
                        LocalDate.of(1992, 1, 1).plusDays(random.nextInt(2500)), random.nextBoolean() ? "N" : "R",
                        c.substring(0, Math.min(44, c.length())).trim()});
                }
                batches.add(ParquetTestData.batch(allocator, NAMES, TYPES, rows));
            }
            Path ours = dir.resolve("blueshift.parquet");
            double writeBest = Double.MAX_VALUE;
            for (int run = 0; run < 3; run++) {
                long t0 = System.nanoTime();
                try (ParquetBatchWriter w = new ParquetBatchWriter(ours, NAMES, TYPES, ParquetWriteOptions.defaults())) {
                    for (Batch b : batches) {
                        w.write(b);
                    }
                }
                writeBest = Math.min(writeBest, (System.nanoTime() - t0) / 1e9);
            }
            StringBuilder perColumnWrite = new StringBuilder("blueshift write per column (s):");
            for (int c = 0; c < NAMES.size(); c++) {
                double best = Double.MAX_VALUE;
                Path one = dir.resolve("one.parquet");
                for (int run = 0; run < 3; run++) {
                    long t0 = System.nanoTime();
                    try (ParquetBatchWriter w = new ParquetBatchWriter(one, List.of(NAMES.get(c)), List.of(TYPES.get(c)),
                            ParquetWriteOptions.defaults())) {
                        for (Batch b : batches) {
                            // A view of one column; not closed, the batch keeps owning the vector.
                            w.write(new Batch(List.of(NAMES.get(c)), new SqlType[] {TYPES.get(c)},
                                    new FieldVector[] {b.vector(c)}, b.rowCount()));
                        }
                    }
                    best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                }
                perColumnWrite.append(String.format(Locale.ROOT, " %s %.3f", NAMES.get(c), best));
            }
            System.out.println(perColumnWrite);
            for (Batch b : batches) {
                b.close();
            }
            double readBest = Double.MAX_VALUE;
            for (int run = 0; run < 3; run++) {
                long t0 = System.nanoTime();
                long rows = 0;
                try (ParquetBatchReader r = ParquetFiles.read(ours, allocator)) {
                    for (Batch next = r.next(); next != null; next = r.next()) {
                        try (Batch b = next) {
                            rows += b.rowCount();
                        }
                    }
                }
                if (rows != ROWS) {
                    throw new AssertionError(rows + " rows");
                }
                readBest = Math.min(readBest, (System.nanoTime() - t0) / 1e9);
            }
            int groups = ParquetFiles.schema(ours).rowGroupCount();
            double readTwo = Double.MAX_VALUE;
            int[] all = {0, 1, 2, 3, 4, 5, 6, 7};
            for (int run = 0; run < 3; run++) {
                long t0 = System.nanoTime();
                AtomicLong rows = new AtomicLong();
                Thread[] threads = new Thread[2];
                for (int t = 0; t < 2; t++) {
                    int from = groups * t / 2;
                    int to = groups * (t + 1) / 2;
                    threads[t] = new Thread(() -> {
                        try (ParquetBatchReader r = ParquetFiles.read(ours, allocator, all, List.of(), BATCH, from, to)) {
                            for (Batch next = r.next(); next != null; next = r.next()) {
                                rows.addAndGet(next.rowCount());
                                next.close();
                            }
                        }
                    });
                    threads[t].start();
                }
                for (Thread t : threads) {
                    t.join();
                }
                if (rows.get() != ROWS) {
                    throw new AssertionError(rows + " rows");
                }
                readTwo = Math.min(readTwo, (System.nanoTime() - t0) / 1e9);
            }
            System.out.printf(Locale.ROOT, "blueshift read all columns, 2 readers over %d row groups: %.3f s%n", groups, readTwo);
            StringBuilder perColumn = new StringBuilder("blueshift read per column (s):");
            for (int c = 0; c < NAMES.size(); c++) {
                double best = Double.MAX_VALUE;
                for (int run = 0; run < 3; run++) {
                    long t0 = System.nanoTime();
                    try (ParquetBatchReader r = ParquetFiles.read(ours, allocator, new int[] {c}, List.of(), BATCH)) {
                        for (Batch next = r.next(); next != null; next = r.next()) {
                            next.close();
                        }
                    }
                    best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                }
                perColumn.append(String.format(Locale.ROOT, " %s %.3f", NAMES.get(c), best));
            }
            System.out.println(perColumn);
            Path theirs = dir.resolve("duckdb.parquet");
            double duckWrite = Double.MAX_VALUE;
            double duckRead = Double.MAX_VALUE;
            double duckRead1 = Double.MAX_VALUE;
            try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                    Statement s = duck.createStatement()) {
                s.execute("create table t as select * from read_parquet('" + ours + "')");
                for (int run = 0; run < 3; run++) {
                    long t0 = System.nanoTime();
                    s.execute("copy t to '" + theirs + "' (format parquet)");
                    duckWrite = Math.min(duckWrite, (System.nanoTime() - t0) / 1e9);
                }
                for (int run = 0; run < 3; run++) {
                    long t0 = System.nanoTime();
                    s.execute("create or replace temp table x as select * from read_parquet('" + theirs + "')");
                    duckRead = Math.min(duckRead, (System.nanoTime() - t0) / 1e9);
                }
                s.execute("set threads = 1");
                for (int run = 0; run < 3; run++) {
                    long t0 = System.nanoTime();
                    s.execute("create or replace temp table x as select * from read_parquet('" + theirs + "')");
                    duckRead1 = Math.min(duckRead1, (System.nanoTime() - t0) / 1e9);
                }
            }
            double ourMb = Files.size(ours) / 1e6;
            double theirMb = Files.size(theirs) / 1e6;
            System.out.printf(Locale.ROOT, "Parquet 1M rows, %d cores%n", Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "blueshift: file %.1f MB, write %.3f s (%.0f MB/s), read all columns %.3f s (%.0f MB/s)%n",
                    ourMb, writeBest, ourMb / writeBest, readBest, ourMb / readBest);
            System.out.printf(Locale.ROOT, "duckdb:    file %.1f MB, write %.3f s (%.0f MB/s), read all columns %.3f s (%.0f MB/s), one thread %.3f s (%.0f MB/s)%n",
                    theirMb, duckWrite, theirMb / duckWrite, duckRead, theirMb / duckRead, duckRead1, theirMb / duckRead1);
            if (allocator.getAllocatedMemory() != 0) {
                throw new AssertionError("leak");
            }
        }
    }
}

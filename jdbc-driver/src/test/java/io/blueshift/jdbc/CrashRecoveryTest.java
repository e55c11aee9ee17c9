package io.blueshift.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability: a child process commits batches as fast as it can and is killed with SIGKILL at a
 * random moment, many times over. After each kill the database must open and hold every batch
 * the child saw acknowledged, each one whole (its row count and sum), and no part of any other.
 */
class CrashRecoveryTest {
    /** Rows per batch; batch b holds ids b*ROWS .. b*ROWS+ROWS-1 and amounts summing to sum(b). */
    static final int ROWS = 1000;

    static long sum(long batch) {
        long s = 0;
        for (int i = 0; i < ROWS; i++) {
            s += amount(batch, i);
        }
        return s;
    }

    static long amount(long batch, int i) {
        return (batch * 31 + i * 7) % 1000;
    }

    @Test
    void everyAcknowledgedCommitSurvivesSigkillAndNoPartialOneIsVisible(@TempDir Path dir) throws Exception {
        String url = "jdbc:blueshift:" + dir;
        long seed = System.nanoTime();
        Random random = new Random(seed);
        long acknowledged = -1;
        int kills = 0;
        for (int round = 0; round < 6; round++) {
            AtomicLong lastAck = new AtomicLong(-1);
            Process child = start(url);
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            Thread reader = new Thread(() -> {
                try {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        if (line.startsWith("ack ")) {
                            lastAck.set(Long.parseLong(line.substring(4)));
                        }
                    }
                } catch (IOException ignored) {
                    // the child died
                }
            });
            reader.start();
            // let it commit some batches first, then kill it at a random moment
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lastAck.get() < acknowledged + 2 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(random.nextInt(400));
            assertTrue(child.isAlive(), "the writer stopped by itself (seed " + seed + ")");
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            reader.join(10_000);
            kills++;
            acknowledged = Math.max(acknowledged, lastAck.get());
            check(url, acknowledged, "round " + round + ", seed " + seed);
        }
        assertEquals(6, kills);
        assertTrue(acknowledged >= 10, "only " + acknowledged + " batches acknowledged");
    }

    /** Every batch up to {@code acknowledged} is whole; later ones (committed, not yet acknowledged) are whole or absent. */
    private static void check(String url, long acknowledged, String context) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select batch, count(*), sum(amount), count(distinct id) from ledger group by batch order by batch")) {
            long expected = 0;
            while (rs.next()) {
                long batch = rs.getLong(1);
                assertEquals(expected, batch, "batch missing before " + batch + " (" + context + ")");
                assertEquals(ROWS, rs.getLong(2), "rows of batch " + batch + " (" + context + ")");
                assertEquals(sum(batch), rs.getLong(3), "sum of batch " + batch + " (" + context + ")");
                assertEquals(ROWS, rs.getLong(4), "ids of batch " + batch + " (" + context + ")");
                expected++;
            }
            assertTrue(expected - 1 >= acknowledged, "acknowledged " + acknowledged + " but found up to " + (expected - 1)
                    + " (" + context + ")");
        }
    }

    private static Process start(String url) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--") || a.startsWith("-Darrow") || a.startsWith("-XX:+Enable")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Writer.class.getName(), url));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /**
     * The child: continues after the last committed batch, committing one batch per statement
     * (a multi-row INSERT, or an INSERT ... SELECT, or a batch of parameter rows) and now and then
     * a VACUUM that rewrites the table and deletes old files, or a transaction of UPDATEs, a
     * DELETE and an INSERT that keeps every batch's count and sum; prints "ack n" after each batch.
     */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            try (Connection c = DriverManager.getConnection(args[0]); Statement s = c.createStatement()) {
                s.execute("create table if not exists ledger (batch bigint not null, id bigint not null, amount bigint)");
                s.execute("create table if not exists staging (batch bigint, id bigint, amount bigint)");
                s.execute("set history_retention = '0 seconds'");
                long next;
                try (ResultSet rs = s.executeQuery("select coalesce(max(batch) + 1, 0) from ledger")) {
                    rs.next();
                    next = rs.getLong(1);
                }
                for (long b = next; ; b++) {
                    switch ((int) (b % 3)) {
                        case 0 -> {
                            StringBuilder sql = new StringBuilder("insert into ledger values ");
                            for (int i = 0; i < ROWS; i++) {
                                sql.append(i == 0 ? "" : ",").append('(').append(b).append(',').append(b * ROWS + i).append(',')
                                        .append(amount(b, i)).append(')');
                            }
                            s.execute(sql.toString());
                        }
                        case 1 -> {
                            try (PreparedStatement p = c.prepareStatement("insert into ledger values (?, ?, ?)")) {
                                for (int i = 0; i < ROWS; i++) {
                                    p.setLong(1, b);
                                    p.setLong(2, b * ROWS + i);
                                    p.setLong(3, amount(b, i));
                                    p.addBatch();
                                }
                                p.executeBatch();
                            }
                        }
                        default -> {
                            // staging is rewritten each time; only the INSERT ... SELECT commits the batch
                            s.execute("truncate staging");
                            s.execute("insert into staging select " + b + ", id - " + ((b - 1) * ROWS) + " + " + (b * ROWS)
                                    + ", amount from ledger where batch = " + (b - 1));
                            s.execute("insert into ledger select batch, id, (" + b + " * 31 + (id - " + (b * ROWS)
                                    + ") * 7) % 1000 from staging");
                        }
                    }
                    System.out.println("ack " + b);
                    System.out.flush();
                    if (b % 7 == 6) {
                        s.execute("vacuum ledger");
                    }
                    if (b % 4 == 3) {
                        // a transaction that moves an amount between two rows of a committed batch:
                        // half of it applied would break the batch's sum
                        s.execute("begin");
                        s.execute("update ledger set amount = amount + 7 where id = " + (b - 1) * ROWS);
                        s.execute("update ledger set amount = amount - 7 where id = " + ((b - 1) * ROWS + 1));
                        s.execute("delete from ledger where batch = " + (b - 1) + " and id = " + ((b - 1) * ROWS + 2));
                        s.execute("insert into ledger values (" + (b - 1) + ", " + ((b - 1) * ROWS + 2) + ", "
                                + amount(b - 1, 2) + ")");
                        s.execute("commit");
                    }
                }
            }
        }
    }
}

package io.blueshift.executor.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.op.Explain;
import io.blueshift.executor.op.Operator;
import io.blueshift.executor.op.OperatorFixture;
import io.blueshift.executor.op.PhysicalOperator;
import io.blueshift.executor.op.SortOp;
import io.blueshift.executor.op.UnionAllOp;
import io.blueshift.executor.op.ValuesOp;
import io.blueshift.storage.format.SpillDirectory;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A window over an input split by its PARTITION BY columns: computed by two workers part by
 * part, or spilled to disk past a quarter of its query's memory and computed one spill partition
 * at a time, it gives the rows one thread computing it whole in memory gives; spill files are gone
 * once it is closed; and a window that cannot be split computes over its rows sorted on disk.
 */
class WindowPartsTest extends OperatorFixture {
    private static final long UNBOUNDED = WindowSpec.UNBOUNDED;
    private static final List<SqlType> TYPES = List.of(SqlType.INTEGER, SqlType.INTEGER, SqlType.decimal(12, 2), SqlType.TEXT);

    /** 40 batches of 500 rows: g in 200 values and NULL, x with ties and NULLs, a decimal, a string. */
    private static PhysicalOperator input() {
        Random r = new Random(5);
        List<PhysicalOperator> parts = new ArrayList<>();
        for (int b = 0; b < 40; b++) {
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                rows.add(row(r.nextInt(50) == 0 ? null : r.nextInt(200), r.nextInt(20) == 0 ? null : r.nextInt(100),
                        BigDecimal.valueOf(r.nextInt(1_000_000), 2), "t" + r.nextInt(5000)));
            }
            parts.add(new ValuesOp.Plan(TYPES, rows));
        }
        return new UnionAllOp.Plan(parts);
    }

    private static WindowCall call(String function, int... args) {
        return new WindowCall(function, Arrays.stream(args).boxed().toList(), List.of(),
                function.equals("avg") ? SqlType.decimal(38, 6) : function.contains("value") ? SqlType.TEXT
                        : function.equals("sum") && args.length > 0 && args[0] == 2 ? SqlType.decimal(38, 2) : SqlType.BIGINT,
                false);
    }

    /**
     * PARTITION BY g ORDER BY x with the running frame (ranks, a running sum and count), a moving
     * ROWS frame (min, max, sum of the decimal) and the whole partition (avg, first and last value).
     */
    private static List<WindowSpec> specs() {
        List<SortOp.Key> byX = List.of(new SortOp.Key(1, false, false));
        return List.of(
                new WindowSpec(List.of(0), byX, false, UNBOUNDED, true, 0, false, List.of(call("row_number"), call("rank"),
                        call("dense_rank"), call("sum", 1), call("count", 1))),
                new WindowSpec(List.of(0), byX, true, 2, true, 1, true, List.of(call("min", 1), call("max", 1), call("sum", 2))),
                new WindowSpec(List.of(0), List.of(), false, UNBOUNDED, true, UNBOUNDED, true,
                        List.of(call("avg", 2), call("count"))));
    }

    @Test
    void partsOnTwoWorkersAndSpilledPartitionsGiveTheRowsOfOneThreadInMemory(@TempDir Path dir) {
        // ties in x (rank, row_number) can order rows differently: row_number is compared by its multiset below
        List<String> expected = sorted(run(new WindowOp.Plan(input(), specs(), 1)));
        assertEquals(20_000, expected.size());

        try (Operator parallel = new WindowOp.Plan(input(), specs(), 2).instantiate(ctx)) {
            List<List<Object>> rows = run(parallel);
            assertEquals(expected, sorted(rows));
            assertTrue(Explain.text(parallel).contains("parts by PARTITION BY hash, 2 workers"), Explain.text(parallel));
        }

        SpillDirectory spill = SpillDirectory.beside(dir);
        try (QueryMemory small = pool.newQuery("small", 2L << 20)) {
            ExecContext tight = new ExecContext(small, List.of(), Instant.now()).withSpill(spill);
            WindowOp window = (WindowOp) new WindowOp.Plan(input(), specs(), 2).instantiate(tight);
            List<List<Object>> rows;
            try (window) {
                rows = drainWithin(window, small);
                assertTrue(window.spilledBytes() > 0, "the window spilled");
                assertTrue(Explain.text(window).contains("(spilled: "), Explain.text(window));
            }
            assertEquals(List.of(), spill.files(), "closing the window deletes its partitions");
            assertEquals(expected, sorted(rows));
        }
    }

    /**
     * Without PARTITION BY (and with clauses that share none) a window past its memory computes
     * over its rows sorted on disk, clause after clause, and gives the rows it gives in memory.
     */
    @Test
    void aWindowThatCannotBeSplitComputesOverItsRowsSortedOnDisk(@TempDir Path dir) {
        List<SortOp.Key> byAll = List.of(new SortOp.Key(1, true, true), new SortOp.Key(2, false, false),
                new SortOp.Key(3, false, false), new SortOp.Key(0, false, false));
        List<WindowSpec> whole = List.of(
                new WindowSpec(List.of(), byAll, false, UNBOUNDED, true, 0, false,
                        List.of(call("row_number"), call("rank"), call("sum", 2), call("count", 0))),
                new WindowSpec(List.of(), List.of(new SortOp.Key(1, false, false)), false, UNBOUNDED, true, 0, false,
                        List.of(call("dense_rank"), call("count"))),
                new WindowSpec(List.of(0), byAll, true, 3, true, 2, true, List.of(call("min", 1), call("max", 2), call("sum", 1))));
        List<String> expected = text(run(new WindowOp.Plan(input(), whole, 1)));
        SpillDirectory spill = SpillDirectory.beside(dir);
        try (QueryMemory small = pool.newQuery("small", 1L << 20)) {
            ExecContext tight = new ExecContext(small, List.of(), Instant.now()).withSpill(spill);
            WindowOp window = (WindowOp) new WindowOp.Plan(input(), whole, 2).instantiate(tight);
            List<List<Object>> rows;
            try (window) {
                rows = drainWithin(window, small);
                assertTrue(Explain.text(window).contains("(spilled in window order: 60000 rows"), Explain.text(window));
            }
            assertEquals(List.of(), spill.files(), "closing the window deletes its files");
            assertEquals(0, small.used(), "nothing is left allocated");
            assertEquals(expected, text(rows));
        }
    }

    private static List<String> text(List<List<Object>> rows) {
        return rows.stream().map(Object::toString).sorted().toList();
    }

    /** Rows as text with the row_number column (the first window column) left out, sorted. */
    private static List<String> sorted(List<List<Object>> rows) {
        return rows.stream().map(r -> {
            List<Object> copy = new ArrayList<>(r);
            copy.remove(TYPES.size());
            return copy.toString();
        }).sorted().toList();
    }
}

package io.blueshift.executor.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.storage.format.SpillDirectory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ORDER BY over more than a quarter of its query's memory: sorted runs spilled to disk and
 * merged give the rows in the same order as a sort in memory, with NULLs, strings of every length,
 * decimals and doubles; the spill files are gone once the sort is closed, whether it finished or not.
 */
class SortSpillTest extends OperatorFixture {
    private static final List<SqlType> TYPES = List.of(SqlType.INTEGER, SqlType.TEXT, SqlType.decimal(20, 2), SqlType.DOUBLE);

    /** 40 batches of 500 rows: a key with many ties and NULLs, strings of 0 to 60 bytes, NULL now and then. */
    private static PhysicalOperator input(long seed) {
        Random r = new Random(seed);
        List<PhysicalOperator> parts = new ArrayList<>();
        for (int b = 0; b < 40; b++) {
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                rows.add(row(r.nextInt(20) == 0 ? null : r.nextInt(300) - 150,
                        r.nextInt(15) == 0 ? null : "s".repeat(r.nextInt(60)) + r.nextInt(1000),
                        BigDecimal.valueOf(r.nextLong() % 100_000_000_000L, 2),
                        r.nextDouble() * 1000));
            }
            parts.add(new ValuesOp.Plan(TYPES, rows));
        }
        return new UnionAllOp.Plan(parts);
    }

    private static final List<SortOp.Key> KEYS = List.of(new SortOp.Key(0, true, true), new SortOp.Key(1, false, false),
            new SortOp.Key(2, false, false));

    /** The key order as a Java comparator: a descending INTEGER with NULLs first, TEXT and DECIMAL ascending with NULLs last. */
    @SuppressWarnings("unchecked")
    private static final Comparator<List<Object>> ORDER = Comparator
            .comparing((List<Object> row) -> (Integer) row.get(0), Comparator.nullsFirst(Comparator.<Integer>reverseOrder()))
            .thenComparing(row -> (String) row.get(1), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(row -> (BigDecimal) row.get(2), Comparator.nullsLast(Comparator.naturalOrder()));

    @Test
    void spilledRunsMergeToTheOrderASortInMemoryGives(@TempDir Path dir) {
        List<List<Object>> inMemory = run(new SortOp.Plan(input(7), KEYS));
        assertEquals(20_000, inMemory.size());
        List<List<Object>> expected = new ArrayList<>(inMemory);
        expected.sort(ORDER);
        assertEquals(expected.stream().map(r -> r.subList(0, 3)).toList(), inMemory.stream().map(r -> r.subList(0, 3)).toList());

        SpillDirectory spill = SpillDirectory.beside(dir);
        try (QueryMemory small = pool.newQuery("small", 2L << 20)) {
            ExecContext tight = new ExecContext(small, List.of(), Instant.now()).withSpill(spill);
            SortOp sort = (SortOp) new SortOp.Plan(input(7), KEYS).instantiate(tight);
            List<List<Object>> spilled;
            try (sort) {
                spilled = drainWithin(sort, small);
                assertTrue(sort.spilledBytes() > 0, "the sort spilled");
                assertTrue(Explain.text(sort).contains("sorted runs"), Explain.text(sort));
                assertTrue(!spill.files().isEmpty(), "its runs are on disk while it is open");
            }
            assertEquals(List.of(), spill.files(), "closing the sort deletes its runs");
            // rows that tie on every key may come in another order: compare the key columns, then the rows as sets
            assertEquals(inMemory.stream().map(r -> r.subList(0, 3)).toList(), spilled.stream().map(r -> r.subList(0, 3)).toList());
            assertEquals(sorted(inMemory), sorted(spilled));
        }
    }

    @Test
    void aSortClosedBeforeItsEndDeletesItsRuns(@TempDir Path dir) {
        SpillDirectory spill = SpillDirectory.beside(dir);
        try (QueryMemory small = pool.newQuery("small", 2L << 20)) {
            ExecContext tight = new ExecContext(small, List.of(), Instant.now()).withSpill(spill);
            try (Operator sort = new SortOp.Plan(input(11), KEYS).instantiate(tight)) {
                sort.next().close();
                assertTrue(!spill.files().isEmpty());
            }
            assertEquals(List.of(), spill.files());
            // a cancel seen while merging fails the query with 57014 and leaves nothing behind
            try (Operator sort = new SortOp.Plan(input(11), KEYS).instantiate(tight)) {
                sort.next().close();
                tight.cancel();
                BlueshiftException e = assertThrows(BlueshiftException.class, sort::next);
                assertEquals("57014", e.sqlState());
            }
            assertEquals(List.of(), spill.files());
        }
    }

    @Test
    void aDatabaseFolderLeftWithSpillFilesIsEmptiedWhenOpened(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("spill"));
        Files.write(dir.resolve("spill").resolve("sort-1.spill"), new byte[100]); // as a process that died mid-query leaves it
        assertTrue(Files.exists(dir.resolve("spill").resolve("sort-1.spill")));
        assertEquals(List.of(), SpillDirectory.beside(dir).files());
        assertTrue(!Files.exists(dir.resolve("spill").resolve("sort-1.spill")));
    }

    private static List<String> sorted(List<List<Object>> rows) {
        return rows.stream().map(Object::toString).sorted().toList();
    }
}

package io.blueshift.executor.agg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.blueshift.columnar.SqlType;
import io.blueshift.executor.op.OperatorFixture;
import io.blueshift.executor.op.PhysicalOperator;
import io.blueshift.kernels.BlueshiftException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GROUP BY: one row per distinct key (NULL a key of its own), aggregates that skip NULL values. */
class HashAggOpTest extends OperatorFixture {
    private static final List<SqlType> TYPES = List.of(SqlType.TEXT, SqlType.BIGINT);

    private static AggCall call(AggKind kind, List<Integer> args, SqlType type) {
        return new AggCall(kind, args, args.isEmpty() ? null : SqlType.BIGINT, type, false, null, List.of());
    }

    private PhysicalOperator input() {
        return batches(TYPES,
                List.of(row("a", 1L), row("b", 10L), row("a", null), row(null, 5L)),
                List.of(row("b", 20L), row("a", 3L), row(null, 7L)));
    }

    private static List<List<Object>> byFirstColumn(List<List<Object>> rows) {
        List<List<Object>> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(r -> String.valueOf(r.get(0))));
        return sorted;
    }

    @Test
    void groupsAcrossBatches() {
        PhysicalOperator plan = new HashAggOp.Plan(input(), new int[] {0}, List.of(
                call(AggKind.COUNT_STAR, List.of(), SqlType.BIGINT),
                call(AggKind.COUNT, List.of(1), SqlType.BIGINT),
                call(AggKind.SUM, List.of(1), SqlType.BIGINT),
                call(AggKind.MAX, List.of(1), SqlType.BIGINT)));
        assertEquals(List.of(SqlType.TEXT, SqlType.BIGINT, SqlType.BIGINT, SqlType.BIGINT, SqlType.BIGINT), plan.types());
        assertEquals(List.of(row("a", 3L, 2L, 4L, 3L), row("b", 2L, 2L, 30L, 20L), row(null, 2L, 2L, 12L, 7L)),
                byFirstColumn(run(plan)));
    }

    /**
     * Counts of rows that COUNT(*), COUNT(x) and AVG(x) share within a batch where x has no NULL,
     * and keep apart where it has: batches of 10 rows over 37 keys, so that the early ones see
     * fewer groups than rows and the later ones more, and every third batch has NULLs.
     */
    @Test
    void countsOfRowsAreRightWhetherGroupsAreFewOrManyAndColumnsHaveNullsOrNot() {
        List<List<List<Object>>> batches = new ArrayList<>();
        long[] stars = new long[37];
        long[] counts = new long[37];
        long[] sums = new long[37];
        int r = 0;
        for (int b = 0; b < 30; b++) {
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < 10; i++, r++) {
                int k = (r * 7) % 37;
                Long x = b % 3 == 0 && i % 4 == 0 ? null : (long) r;
                rows.add(row("k" + k, x));
                stars[k]++;
                if (x != null) {
                    counts[k]++;
                    sums[k] += x;
                }
            }
            batches.add(rows);
        }
        PhysicalOperator plan = new HashAggOp.Plan(batches(TYPES, batches.toArray(List[]::new)), new int[] {0}, List.of(
                call(AggKind.COUNT_STAR, List.of(), SqlType.BIGINT),
                call(AggKind.COUNT, List.of(1), SqlType.BIGINT),
                call(AggKind.SUM, List.of(1), SqlType.BIGINT)));
        List<List<Object>> expected = new ArrayList<>();
        for (int k = 0; k < 37; k++) {
            expected.add(row("k" + k, stars[k], counts[k], sums[k]));
        }
        assertEquals(byFirstColumn(expected), byFirstColumn(run(plan)));
    }

    @Test
    void withoutKeysAnEmptyInputIsOneGroup() {
        PhysicalOperator empty = batches(TYPES, List.of());
        PhysicalOperator plan = new HashAggOp.Plan(empty, new int[0], List.of(
                call(AggKind.COUNT_STAR, List.of(), SqlType.BIGINT), call(AggKind.SUM, List.of(1), SqlType.BIGINT)));
        assertEquals(List.of(row(0L, null)), run(plan));
        PhysicalOperator grouped = new HashAggOp.Plan(empty, new int[] {0}, List.of());
        assertEquals(List.of(), run(grouped));
    }

    @Test
    void aKeyOfATypeWithoutHashFailsWhenPlanned() {
        PhysicalOperator intervals = batches(List.of(SqlType.INTERVAL), List.of());
        BlueshiftException e = assertThrows(BlueshiftException.class,
                () -> new HashAggOp.Plan(intervals, new int[] {0}, List.of()));
        assertEquals("0A000", e.sqlState());
    }

    /**
     * Sums, counts and extremes are written straight into the result's buffers: 128-bit decimal
     * sums (negative ones too), a group whose values are all NULL (its SUM and MAX are NULL, its
     * COUNT 0), and a sum past its type's precision still fails with 22003.
     */
    @Test
    void decimalSumsCountsAndExtremesOfManyGroups() {
        SqlType money = SqlType.decimal(12, 2);
        SqlType wide = SqlType.decimal(38, 2);
        List<List<Object>> rows = new ArrayList<>();
        for (long k = 0; k < 5000; k++) {
            rows.add(row(k, k % 7 == 0 ? null : new BigDecimal(BigInteger.valueOf(-k * 3), 2)));
            rows.add(row(k, k % 7 == 0 ? null : new BigDecimal(BigInteger.valueOf(k * 101), 2)));
        }
        PhysicalOperator input = batches(List.of(SqlType.BIGINT, money), rows);
        PhysicalOperator plan = new HashAggOp.Plan(input, new int[] {0}, List.of(
                new AggCall(AggKind.SUM, List.of(1), money, wide, false, null, List.of()),
                new AggCall(AggKind.COUNT, List.of(1), money, SqlType.BIGINT, false, null, List.of()),
                new AggCall(AggKind.MAX, List.of(1), money, money, false, null, List.of()),
                new AggCall(AggKind.MIN, List.of(1), money, money, false, null, List.of())), 5000);
        List<List<Object>> out = run(plan);
        assertEquals(5000, out.size());
        for (List<Object> r : out) {
            long k = (Long) r.get(0);
            if (k % 7 == 0) {
                assertEquals(row(k, null, 0L, null, null), r);
            } else {
                assertEquals(0, new BigDecimal(BigInteger.valueOf(k * 98), 2).compareTo((BigDecimal) r.get(1)), r.toString());
                assertEquals(2L, r.get(2));
                assertEquals(0, new BigDecimal(BigInteger.valueOf(k * 101), 2).compareTo((BigDecimal) r.get(3)), r.toString());
                assertEquals(0, new BigDecimal(BigInteger.valueOf(-k * 3), 2).compareTo((BigDecimal) r.get(4)), r.toString());
            }
        }
        SqlType huge = SqlType.decimal(38, 0);
        BigDecimal big = new BigDecimal("90000000000000000000000000000000000000");
        PhysicalOperator over = new HashAggOp.Plan(batches(List.of(SqlType.BIGINT, huge), List.of(row(1L, big), row(1L, big))),
                new int[] {0}, List.of(new AggCall(AggKind.SUM, List.of(1), huge, huge, false, null, List.of())));
        BlueshiftException e = assertThrows(BlueshiftException.class, () -> run(over));
        assertEquals("22003", e.sqlState());
    }
}

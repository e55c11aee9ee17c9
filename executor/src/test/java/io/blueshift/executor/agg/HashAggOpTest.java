package io.blueshift.executor.agg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.blueshift.columnar.SqlType;
import io.blueshift.executor.op.OperatorFixture;
import io.blueshift.executor.op.PhysicalOperator;
import io.blueshift.kernels.BlueshiftException;
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
}

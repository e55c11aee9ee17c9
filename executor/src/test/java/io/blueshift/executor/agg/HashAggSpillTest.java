package io.blueshift.executor.agg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.op.Operator;
import io.blueshift.executor.op.OperatorFixture;
import io.blueshift.executor.op.PhysicalOperator;
import io.blueshift.executor.op.UnionAllOp;
import io.blueshift.executor.op.ValuesOp;
import io.blueshift.storage.format.SpillDirectory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GROUP BY past a third of its query's memory: rows of groups already in the table keep being
 * aggregated, the rest are spilled to partitions by key hash and aggregated partition by
 * partition (spilling again on other hash bits when one is still too big); the groups and their
 * aggregates equal those of an aggregate in memory, and the partitions are gone once it closes.
 */
class HashAggSpillTest extends OperatorFixture {
    private static final List<SqlType> TYPES = List.of(SqlType.BIGINT, SqlType.TEXT, SqlType.BIGINT);

    /** 120 batches of 500 rows over about 40,000 groups of (number, text), NULL keys among them. */
    private static PhysicalOperator input() {
        Random r = new Random(3);
        List<PhysicalOperator> parts = new ArrayList<>();
        for (int b = 0; b < 120; b++) {
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                int g = r.nextInt(40_000);
                rows.add(row(g % 97 == 0 ? null : (long) g, "group " + g % 5, r.nextInt(10) == 0 ? null : (long) r.nextInt(1000)));
            }
            parts.add(new ValuesOp.Plan(TYPES, rows));
        }
        return new UnionAllOp.Plan(parts);
    }

    private static AggCall call(AggKind kind, List<Integer> args, SqlType argType, SqlType type, boolean distinct) {
        return new AggCall(kind, args, argType, type, distinct, null, List.of());
    }

    private static final List<AggCall> CALLS = List.of(
            call(AggKind.COUNT_STAR, List.of(), null, SqlType.BIGINT, false),
            call(AggKind.SUM, List.of(2), SqlType.BIGINT, SqlType.decimal(38, 0), false),
            call(AggKind.MAX, List.of(2), SqlType.BIGINT, SqlType.BIGINT, false),
            call(AggKind.COUNT, List.of(2), SqlType.BIGINT, SqlType.BIGINT, true),
            new AggCall(AggKind.STRING_AGG, List.of(1, -1), SqlType.TEXT, SqlType.TEXT, true, ",", List.of()));

    private static List<String> sorted(List<List<Object>> rows) {
        return rows.stream().map(Object::toString).sorted().toList();
    }

    @Test
    void spilledPartitionsGiveTheGroupsAnAggregateInMemoryGives(@TempDir Path dir) {
        PhysicalOperator plan = new HashAggOp.Plan(input(), new int[] {0, 1}, CALLS);
        List<List<Object>> inMemory = run(plan);
        assertTrue(inMemory.size() > 30_000, "groups: " + inMemory.size());

        SpillDirectory spill = SpillDirectory.beside(dir);
        try (QueryMemory small = pool.newQuery("small", 2L << 20)) {
            ExecContext tight = new ExecContext(small, List.of(), Instant.now()).withSpill(spill);
            HashAggOp agg = (HashAggOp) plan.instantiate(tight);
            List<List<Object>> spilled = new ArrayList<>();
            try (Operator op = agg) {
                for (var next = op.next(); next != null; next = op.next()) {
                    try (var b = next) {
                        spilled.addAll(rows(b));
                    }
                }
                assertTrue(agg.spilledBytes() > 0, "the aggregate spilled");
            }
            assertEquals(List.of(), spill.files(), "closing the aggregate deletes its partitions");
            assertEquals(sorted(inMemory), sorted(spilled));
        }
    }
}

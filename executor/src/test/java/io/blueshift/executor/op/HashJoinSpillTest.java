package io.blueshift.executor.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.expr.ColumnExpr;
import io.blueshift.executor.expr.CompareExpr;
import io.blueshift.executor.expr.Expr;
import io.blueshift.kernels.compare.CompareOp;
import io.blueshift.storage.format.SpillDirectory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A hash join whose build side passes its share of a small query memory joins as a grace hash
 * join (both sides written to partitions by key hash, each pair joined alone, partitioned again
 * where a pair is still too big) and gives, for every join kind and with a residual condition, the
 * rows the join in memory gives: duplicate keys on both sides, NULL keys that never match but are
 * kept by outer and anti joins. The partitions are gone once the join is closed.
 */
class HashJoinSpillTest extends OperatorFixture {
    private static final List<SqlType> TYPES = List.of(SqlType.INTEGER, SqlType.TEXT, SqlType.BIGINT);

    /** {@code batches} batches of 500 rows: keys in [from, from + spread), a NULL key now and then. */
    private static PhysicalOperator side(long seed, int batches, int from, int spread, String tag) {
        Random r = new Random(seed);
        List<PhysicalOperator> parts = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                rows.add(row(r.nextInt(40) == 0 ? null : from + r.nextInt(spread), tag + (b * 500 + i), r.nextLong() % 1000));
            }
            parts.add(new ValuesOp.Plan(TYPES, rows));
        }
        return new UnionAllOp.Plan(parts);
    }

    private static HashJoinOp.Plan plan(JoinKind kind, Expr condition) {
        // 20,000 probe rows with keys 0..7,999; 12,000 build rows with keys 4,000..11,999
        return new HashJoinOp.Plan(side(1, 40, 0, 8000, "l"), side(2, 24, 4000, 8000, "r"), new int[] {0},
                new int[] {0}, kind, condition);
    }

    @ParameterizedTest
    @EnumSource(JoinKind.class)
    void aGraceHashJoinGivesTheRowsOfTheJoinInMemory(JoinKind kind, @TempDir Path dir) {
        // the residual: the probe row's number below the build row's (columns 2 and 5 of the pair)
        Expr residual = new CompareExpr(CompareOp.LT, new ColumnExpr(2, SqlType.BIGINT), new ColumnExpr(5, SqlType.BIGINT));
        for (Expr condition : new Expr[] {null, residual}) {
            List<String> inMemory = sorted(run(plan(kind, condition)));
            assertTrue(!inMemory.isEmpty());
            SpillDirectory spill = SpillDirectory.beside(dir);
            try (QueryMemory small = pool.newQuery("small", 1L << 20)) {
                ExecContext tight = new ExecContext(small, List.of(), Instant.now()).withSpill(spill);
                HashJoinOp join = (HashJoinOp) plan(kind, condition).instantiate(tight);
                List<List<Object>> rows;
                try (join) {
                    rows = drainWithin(join, small);
                    assertTrue(join.spilledBytes() > 0, "the join spilled");
                    assertTrue(Explain.text(join).contains("spilled: "), Explain.text(join));
                }
                assertEquals(List.of(), spill.files(), "closing the join deletes its partitions");
                assertEquals(inMemory, sorted(rows), kind + (condition == null ? "" : " with a residual"));
            }
        }
    }

    /**
     * Two workers probing one shared build that spills: each writes its probe rows to partitions
     * of its own, and once both have, they join the partitions between them; the rows are those of
     * the shared build in memory (each worker probes all 20,000 probe rows here, so every row is
     * there twice in both).
     */
    @ParameterizedTest
    @EnumSource(JoinKind.class)
    void workersJoinTheSpilledPartitionsOfASharedBuild(JoinKind kind, @TempDir Path dir) {
        PhysicalOperator gathered = GatherOp.Plan.copies(plan(kind, null).sharing(side(1, 40, 0, 8000, "l")), 2);
        List<String> inMemory = sorted(run(gathered));
        SpillDirectory spill = SpillDirectory.beside(dir);
        try (QueryMemory small = pool.newQuery("small", 1L << 20)) {
            ExecContext tight = new ExecContext(small, List.of(), Instant.now()).withSpill(spill);
            Operator gather = gathered.instantiate(tight);
            List<List<Object>> rows;
            try (gather) {
                rows = drainWithin(gather, small);
                String plan = Explain.text(gather);
                assertEquals(2, plan.split("spilled: ", -1).length - 1, plan);
            }
            assertEquals(List.of(), spill.files(), "the last worker to close deletes the partitions");
            assertEquals(inMemory, sorted(rows), kind.toString());
        }
    }

    private static List<String> sorted(List<List<Object>> rows) {
        return rows.stream().map(Object::toString).sorted().toList();
    }
}

package io.blueshift.executor.op;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blueshift.columnar.SqlType;
import io.blueshift.executor.expr.ColumnExpr;
import io.blueshift.executor.expr.CompareExpr;
import io.blueshift.executor.expr.Expr;
import io.blueshift.kernels.compare.CompareOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Equi-joins of every kind: duplicates on both sides, NULL keys that never match, a residual condition. */
class HashJoinOpTest extends OperatorFixture {
    private static final List<SqlType> TYPES = List.of(SqlType.INTEGER, SqlType.TEXT);

    private PhysicalOperator left() {
        return batches(TYPES, List.of(row(1, "l1"), row(2, "l2"), row(null, "ln")), List.of(row(3, "l3"), row(1, "l1b")));
    }

    private PhysicalOperator right() {
        return batches(TYPES, List.of(row(1, "r1"), row(1, "r1b"), row(4, "r4"), row(null, "rn")));
    }

    private List<List<Object>> join(JoinKind kind, Expr condition) {
        List<List<Object>> rows = new ArrayList<>(run(new HashJoinOp.Plan(left(), right(), new int[] {0}, new int[] {0},
                kind, condition)));
        rows.sort(Comparator.comparing(List::toString));
        return rows;
    }

    @Test
    void innerJoinPairsEveryMatch() {
        assertEquals(List.of(row(1, "l1", 1, "r1"), row(1, "l1", 1, "r1b"), row(1, "l1b", 1, "r1"),
                row(1, "l1b", 1, "r1b")), join(JoinKind.INNER, null));
    }

    @Test
    void leftJoinKeepsUnmatchedLeftRowsWithNulls() {
        assertEquals(List.of(row(1, "l1", 1, "r1"), row(1, "l1", 1, "r1b"), row(1, "l1b", 1, "r1"),
                row(1, "l1b", 1, "r1b"), row(2, "l2", null, null), row(3, "l3", null, null),
                row(null, "ln", null, null)), join(JoinKind.LEFT, null));
    }

    @Test
    void fullJoinAddsUnmatchedRightRows() {
        List<List<Object>> rows = join(JoinKind.FULL, null);
        assertEquals(9, rows.size(), rows.toString());
        assertEquals(true, rows.contains(row(null, null, 4, "r4")));
        assertEquals(true, rows.contains(row(null, null, null, "rn")));
    }

    @Test
    void semiAndAntiJoinsKeepLeftRowsOnly() {
        assertEquals(List.of(row(1, "l1"), row(1, "l1b")), join(JoinKind.SEMI, null));
        assertEquals(List.of(row(2, "l2"), row(3, "l3"), row(null, "ln")), join(JoinKind.ANTI, null));
    }

    @Test
    void theResidualConditionFiltersCandidatePairs() {
        // ON l.k = r.k AND l.name > r.name never holds: every left name sorts before every right one
        Expr greater = new CompareExpr(CompareOp.GT, new ColumnExpr(1, SqlType.TEXT), new ColumnExpr(3, SqlType.TEXT));
        assertEquals(List.of(), join(JoinKind.INNER, greater));
        assertEquals(List.of(row(1, "l1", null, null), row(1, "l1b", null, null), row(2, "l2", null, null),
                row(3, "l3", null, null), row(null, "ln", null, null)), join(JoinKind.LEFT, greater));
    }

    @Test
    void aJoinEmittingSomeColumnsGivesThoseOfTheWholeRowsForEveryKind() {
        // the right name then the left one: the keys only the join reads are never emitted
        int[] output = {3, 1};
        Expr less = new CompareExpr(CompareOp.LT, new ColumnExpr(1, SqlType.TEXT), new ColumnExpr(3, SqlType.TEXT));
        for (JoinKind kind : List.of(JoinKind.INNER, JoinKind.LEFT, JoinKind.RIGHT, JoinKind.FULL)) {
            for (Expr condition : Arrays.asList(null, less)) {
                List<List<Object>> expected = new ArrayList<>();
                for (List<Object> r : join(kind, condition)) {
                    expected.add(row(r.get(3), r.get(1)));
                }
                expected.sort(Comparator.comparing(List::toString));
                HashJoinOp.Plan plan = new HashJoinOp.Plan(left(), right(), new int[] {0}, new int[] {0}, kind, condition)
                        .emitting(output);
                assertEquals(List.of(SqlType.TEXT, SqlType.TEXT), plan.types());
                List<List<Object>> rows = new ArrayList<>(run(plan));
                rows.sort(Comparator.comparing(List::toString));
                assertEquals(expected, rows, kind + " " + condition);
                // a selection of a selection picks from what the first one emits
                List<List<Object>> names = new ArrayList<>(run(plan.emitting(new int[] {1})));
                names.sort(Comparator.comparing(List::toString));
                List<List<Object>> expectedNames = new ArrayList<>();
                expected.forEach(r -> expectedNames.add(row(r.get(1))));
                expectedNames.sort(Comparator.comparing(List::toString));
                assertEquals(expectedNames, names, kind + " " + condition);
            }
        }
        assertEquals(null, new HashJoinOp.Plan(left(), right(), new int[] {0}, new int[] {0}, JoinKind.SEMI, null)
                .emitting(new int[] {1}));
    }
}

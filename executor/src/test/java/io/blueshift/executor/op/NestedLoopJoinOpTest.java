package io.blueshift.executor.op;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blueshift.columnar.SqlType;
import io.blueshift.executor.expr.ColumnExpr;
import io.blueshift.executor.expr.CompareExpr;
import io.blueshift.executor.expr.Expr;
import io.blueshift.kernels.compare.CompareOp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Joins on a condition with no equality to hash (ON l.k < r.k, CROSS JOIN): every join kind, a NULL
 * key whose comparison is never true, an empty right side, and more pairs than one batch holds.
 */
class NestedLoopJoinOpTest extends OperatorFixture {
    private static final List<SqlType> TYPES = List.of(SqlType.INTEGER, SqlType.TEXT);
    /** The condition ON l.k < r.k, where the left columns come first and the right ones follow. */
    private static final Expr LESS = new CompareExpr(CompareOp.LT, new ColumnExpr(0, SqlType.INTEGER),
            new ColumnExpr(2, SqlType.INTEGER));
    /** The condition ON l.k > r.k, which no pair below satisfies. */
    private static final Expr GREATER = new CompareExpr(CompareOp.GT, new ColumnExpr(0, SqlType.INTEGER),
            new ColumnExpr(2, SqlType.INTEGER));

    private PhysicalOperator left() {
        return batches(TYPES, List.of(row(1, "a"), row(2, "b")), List.of(row(null, "n")));
    }

    private PhysicalOperator right() {
        return batches(TYPES, List.of(row(2, "x"), row(3, "y")));
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>(rows);
        out.sort(Comparator.comparing(List::toString));
        return out;
    }

    private List<List<Object>> join(PhysicalOperator right, JoinKind kind, Expr condition) {
        return sorted(run(new NestedLoopJoinOp.Plan(left(), right, kind, condition)));
    }

    /** An inner join keeps the pairs the condition holds for; the NULL key compares to NULL and pairs with nothing. */
    @Test
    void innerJoinKeepsThePairsTheConditionHolds() {
        assertEquals(sorted(List.of(row(1, "a", 2, "x"), row(1, "a", 3, "y"), row(2, "b", 3, "y"))),
                join(right(), JoinKind.INNER, LESS));
    }

    /** Without a condition every left row meets every right row (CROSS JOIN), the NULL-keyed one too. */
    @Test
    void noConditionIsACrossJoin() {
        assertEquals(sorted(List.of(row(1, "a", 2, "x"), row(1, "a", 3, "y"), row(2, "b", 2, "x"),
                row(2, "b", 3, "y"), row(null, "n", 2, "x"), row(null, "n", 3, "y"))),
                join(right(), JoinKind.INNER, null));
    }

    /** A left join adds the left rows that matched nothing, the NULL-keyed one among them, with NULL right columns. */
    @Test
    void leftJoinKeepsUnmatchedLeftRowsWithNulls() {
        assertEquals(sorted(List.of(row(1, "a", 2, "x"), row(1, "a", 3, "y"), row(2, "b", 3, "y"),
                row(null, "n", null, null))), join(right(), JoinKind.LEFT, LESS));
    }

    /** When no pair matches, a full join gives every left row and every right row once, each padded with NULLs. */
    @Test
    void fullJoinWithNoMatchGivesBothSidesPadded() {
        assertEquals(sorted(List.of(row(1, "a", null, null), row(2, "b", null, null), row(null, "n", null, null),
                row(null, null, 2, "x"), row(null, null, 3, "y"))), join(right(), JoinKind.FULL, GREATER));
        assertEquals(List.of(), join(right(), JoinKind.INNER, GREATER));
    }

    /** A right join keeps the right rows no left row matched, with NULL left columns. */
    @Test
    void rightJoinKeepsUnmatchedRightRows() {
        // ON l.k > r.k matches nothing, so each right row appears once with NULL left columns
        assertEquals(sorted(List.of(row(null, null, 2, "x"), row(null, null, 3, "y"))),
                join(right(), JoinKind.RIGHT, GREATER));
    }

    /**
     * SEMI gives each matching left row once however many right rows it matches; ANTI gives the
     * rest, the NULL key included.
     */
    @Test
    void semiAndAntiJoinsKeepLeftRowsOnce() {
        assertEquals(sorted(List.of(row(1, "a"), row(2, "b"))), join(right(), JoinKind.SEMI, LESS));
        assertEquals(List.of(row(null, "n")), join(right(), JoinKind.ANTI, LESS));
    }

    /** An empty right side: no inner or semi rows, and every left row for LEFT (NULL-padded) and ANTI. */
    @Test
    void anEmptyRightSide() {
        PhysicalOperator empty = batches(TYPES, List.of());
        assertEquals(List.of(), join(empty, JoinKind.INNER, null));
        assertEquals(List.of(), join(empty, JoinKind.SEMI, LESS));
        assertEquals(sorted(List.of(row(1, "a", null, null), row(2, "b", null, null), row(null, "n", null, null))),
                join(empty, JoinKind.LEFT, LESS));
        assertEquals(sorted(List.of(row(1, "a"), row(2, "b"), row(null, "n"))), join(empty, JoinKind.ANTI, LESS));
    }

    /** 100 by 50 rows make 5,000 pairs, more than one pair batch: all of them come out, each once. */
    @Test
    void morePairsThanOneBatch() {
        List<SqlType> ints = List.of(SqlType.INTEGER);
        List<List<Object>> rows = run(new NestedLoopJoinOp.Plan(batches(ints, ints(0, 100)), batches(ints, ints(0, 50)),
                JoinKind.INNER, null));
        assertEquals(5000, rows.size());
        assertEquals(5000, rows.stream().distinct().count());
        long sum = rows.stream().mapToLong(r -> (Integer) r.get(0) * 1000L + (Integer) r.get(1)).sum();
        // sum over i < 100, j < 50 of 1000 i + j = 1000 * 4950 * 50 + 1225 * 100
        assertEquals(1000L * 4950 * 50 + 1225L * 100, sum);
    }
}

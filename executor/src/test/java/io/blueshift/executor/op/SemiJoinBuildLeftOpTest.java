package io.blueshift.executor.op;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blueshift.columnar.SqlType;
import io.blueshift.executor.expr.ColumnExpr;
import io.blueshift.executor.expr.CompareExpr;
import io.blueshift.executor.expr.Expr;
import io.blueshift.kernels.compare.CompareOp;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SEMI and ANTI joins that build their hash table from the left rows: each left row comes out at
 * most once and in left order, NULL keys never match, a residual condition decides per pair, and
 * the result spans several output batches.
 */
class SemiJoinBuildLeftOpTest extends OperatorFixture {
    private static final List<SqlType> TYPES = List.of(SqlType.INTEGER, SqlType.TEXT);
    private static final int[] KEY = {0};

    private PhysicalOperator left() {
        return batches(TYPES, List.of(row(1, "l1"), row(2, "l2"), row(null, "ln")), List.of(row(3, "l3"), row(1, "l1b")));
    }

    private PhysicalOperator right() {
        return batches(TYPES, List.of(row(1, "r1"), row(1, "r1b")), List.of(row(4, "r4"), row(null, "rn")));
    }

    private List<List<Object>> join(PhysicalOperator left, PhysicalOperator right, boolean anti, Expr condition) {
        return run(new SemiJoinBuildLeftOp.Plan(left, right, KEY, KEY, anti, condition));
    }

    /**
     * SEMI keeps the left rows with a matching key, each once although two right rows match it,
     * and keeps duplicates on the left.
     */
    @Test
    void semiKeepsEachMatchingLeftRowOnce() {
        assertEquals(List.of(row(1, "l1"), row(1, "l1b")), join(left(), right(), false, null));
    }

    /**
     * ANTI keeps the left rows without a match, the NULL-keyed one among them (a NULL key matches
     * nothing, not even a NULL).
     */
    @Test
    void antiKeepsTheUnmatchedLeftRowsIncludingTheNullKey() {
        assertEquals(List.of(row(2, "l2"), row(null, "ln"), row(3, "l3")), join(left(), right(), true, null));
    }

    /** With ON l.k = r.k AND l.name < r.name, a left row counts as matched only through a pair the condition holds for. */
    @Test
    void theResidualConditionDecidesPerPair() {
        PhysicalOperator left = batches(TYPES, List.of(row(1, "b"), row(1, "d"), row(2, "z")));
        PhysicalOperator right = batches(TYPES, List.of(row(1, "c"), row(2, "a")));
        Expr less = new CompareExpr(CompareOp.LT, new ColumnExpr(1, SqlType.TEXT), new ColumnExpr(3, SqlType.TEXT));
        assertEquals(List.of(row(1, "b")), join(left, right, false, less));
        assertEquals(List.of(row(1, "d"), row(2, "z")), join(left, right, true, less));
    }

    /** An empty right side matches nothing: SEMI is empty and ANTI is every left row. */
    @Test
    void anEmptyRightSide() {
        assertEquals(List.of(), join(left(), batches(TYPES, List.of()), false, null));
        assertEquals(List.of(row(1, "l1"), row(2, "l2"), row(null, "ln"), row(3, "l3"), row(1, "l1b")),
                join(left(), batches(TYPES, List.of()), true, null));
    }

    /** 5,000 left rows against the keys 2500..9999: the halves come out whole, across more than one output batch. */
    @Test
    void moreRowsThanOneOutputBatch() {
        List<SqlType> ints = List.of(SqlType.INTEGER);
        assertEquals(ints(2500, 5000), join(batches(ints, ints(0, 5000)), batches(ints, ints(2500, 10000)), false, null));
        assertEquals(ints(0, 2500), join(batches(ints, ints(0, 5000)), batches(ints, ints(2500, 10000)), true, null));
    }
}

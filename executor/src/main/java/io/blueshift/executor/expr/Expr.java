package io.blueshift.executor.expr;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * A scalar expression evaluated a batch at a time. {@link #eval} returns a new vector of the
 * batch's row count that the caller owns and closes; the batch's own columns are shared, never
 * copied. Batches reaching expressions are dense (operators compact after filtering), so row i of
 * the result belongs to row i of the batch.
 */
public interface Expr {
    SqlType type();

    FieldVector eval(Batch in, ExecContext ctx);

    /**
     * The rows of {@code in} where this boolean expression is TRUE, a bit per row (FALSE and NULL
     * rows clear, no bit set at or past the row count): what a filter needs, which a predicate that
     * computes its bits directly gives without making a boolean vector of them first.
     */
    default long[] trueBits(Batch in, ExecContext ctx) {
        try (FieldVector v = eval(in, ctx)) {
            return Bools.toTri(v, in.rowCount()).trueBits();
        }
    }

    /**
     * This expression as SQL text for EXPLAIN, with input column i named {@code columns.get(i)}
     * ({@link SqlText}); only EXPLAIN calls it.
     */
    default String sql(List<String> columns) {
        return toString();
    }

    /**
     * Whether evaluating this expression on any row of its input can neither fail nor have an
     * effect (comparisons, LIKE, AND/OR/NOT and IS NULL over columns and constants): a filter may
     * then evaluate it on rows an earlier conjunct already dropped.
     */
    default boolean total() {
        return false;
    }

    /** The value when this expression is a constant known before execution, else {@link #NOT_CONSTANT}. */
    default Object constantValue() {
        return NOT_CONSTANT;
    }

    /** Marker of {@link #constantValue()} for expressions that are not constants. */
    Object NOT_CONSTANT = new Object() {
        @Override
        public String toString() {
            return "<not constant>";
        }
    };
}

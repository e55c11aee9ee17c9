package io.blueshift.kernels.arith;

import io.blueshift.kernels.Bitmaps;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.util.function.IntPredicate;

/** The errors arithmetic raises, named by the SQL type whose range a result left. */
final class ArithErrors {
    static final String SMALLINT = "smallint";
    static final String INTEGER = "integer";
    static final String BIGINT = "bigint";
    static final String NUMERIC = "numeric";

    private ArithErrors() {
    }

    static BlueshiftException outOfRange(String type) {
        return new BlueshiftException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, type);
    }

    static BlueshiftException divisionByZero() {
        return new BlueshiftException(ErrorCode.DIVISION_BY_ZERO);
    }

    /** The error for a flagged row: division by zero when the operator divides by a zero. */
    static BlueshiftException of(ArithOp op, boolean zeroDivisor, String type) {
        return op.divides() && zeroDivisor ? divisionByZero() : outOfRange(type);
    }

    /** Postgres defines no {@code %} for real and double precision. */
    static BlueshiftException noFloatModulo(String type) {
        return new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "% on " + type);
    }

    /**
     * Throws the error of the first row set in {@code valid} (null: every row) that
     * {@code failed}: division by zero when {@code op} divides and the row's divisor is zero,
     * else out of range for {@code type}. Runs only after a kernel reported a failure, so the
     * per-row lambdas cost nothing on the normal path.
     */
    static void raiseFirst(long[] valid, int n, IntPredicate failed, IntPredicate zeroDivisor, ArithOp op,
            String type) {
        for (int i = 0; i < n; i++) {
            if ((valid == null || Bitmaps.get(valid, i)) && failed.test(i)) {
                throw of(op, zeroDivisor.test(i), type);
            }
        }
    }
}

package io.blueshift.kernels.string;

/**
 * A comparison between two strings by unsigned byte order, which for valid UTF-8 is code-point
 * order (the "C" collation). Kernels switch on it outside their loops.
 */
public enum StringCompareOp {
    EQ, NE, LT, LE, GT, GE;

    /** Whether the comparison holds for a three-way result {@code cmp} (negative, zero, positive). */
    public boolean holds(int cmp) {
        return switch (this) {
            case EQ -> cmp == 0;
            case NE -> cmp != 0;
            case LT -> cmp < 0;
            case LE -> cmp <= 0;
            case GT -> cmp > 0;
            case GE -> cmp >= 0;
        };
    }
}

package io.blueshift.kernels.compare;

/**
 * A SQL comparison operator. Kernels evaluate only {@code =}, {@code <} and {@code <=}; the other
 * three are their negations ({@code <>}, {@code >=}, {@code >}), which is exact because every
 * supported type, floats included, is compared under a total order (see {@link CompareType}).
 */
public enum CompareOp {
    EQ, NE, LT, LE, GT, GE;

    /** The operator with its operands swapped: {@code a op b} is {@code b op.swapped() a}. */
    public CompareOp swapped() {
        return switch (this) {
            case EQ -> EQ;
            case NE -> NE;
            case LT -> GT;
            case LE -> GE;
            case GT -> LT;
            case GE -> LE;
        };
    }

    /** Whether a three-way comparison result {@code cmp} (negative, zero, positive) satisfies this. */
    public boolean test(int cmp) {
        return switch (this) {
            case EQ -> cmp == 0;
            case NE -> cmp != 0;
            case LT -> cmp < 0;
            case LE -> cmp <= 0;
            case GT -> cmp > 0;
            case GE -> cmp >= 0;
        };
    }

    /** Whether the kernels evaluate this as the negation of another operator. */
    boolean negates() {
        return switch (this) {
            case EQ, LT, LE -> false;
            case NE, GE, GT -> true;
        };
    }

    /** The kernel kind this operator evaluates to, before negation, against a constant. */
    Kind constantKind() {
        return switch (this) {
            case EQ, NE -> Kind.EQ;
            case LT, GE -> Kind.LT;
            case LE, GT -> Kind.LE;
        };
    }

    /** The kernel kind this operator evaluates to, before negation, between two columns. */
    Kind columnKind() {
        return switch (this) {
            case EQ, NE -> Kind.COL_EQ;
            case LT, GE -> Kind.COL_LT;
            case LE, GT -> Kind.COL_LE;
        };
    }

    /** The shapes of predicate the kernels have loops for. */
    enum Kind { EQ, LT, LE, BETWEEN, IN, COL_EQ, COL_LT, COL_LE }
}

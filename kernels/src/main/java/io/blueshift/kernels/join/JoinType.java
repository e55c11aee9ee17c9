package io.blueshift.kernels.join;

/** The join variants {@link JoinProbe} produces. */
public enum JoinType {
    /** Every matching (probe row, build row) pair. */
    INNER,
    /** As INNER, plus each probe row without a match once, paired with build row -1. */
    LEFT,
    /** As INNER, marking matched build rows; {@link JoinHashTable#unmatchedRows} lists the others. */
    RIGHT,
    /** LEFT and RIGHT together. */
    FULL,
    /** Each probe row with at least one match, once (EXISTS / IN). */
    SEMI,
    /** Each probe row without a match, a NULL key included (NOT EXISTS). */
    ANTI,
    /**
     * NOT IN: as ANTI, but no row at all when the build side has a NULL key, and a probe row with a
     * NULL key only when the build side is empty (SQL's three-valued logic for {@code x NOT IN (...)}).
     */
    ANTI_NULL_AWARE;

    /** Whether probe rows without a match are emitted with build row -1. */
    boolean keepsUnmatchedProbe() {
        return this == LEFT || this == FULL;
    }

    /** Whether matched build rows must be marked. */
    boolean marksBuild() {
        return this == RIGHT || this == FULL;
    }
}

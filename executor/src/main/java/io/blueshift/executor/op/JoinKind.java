package io.blueshift.executor.op;

/** The logical join types the join operators produce. SEMI and ANTI output the left columns only. */
public enum JoinKind {
    INNER, LEFT, RIGHT, FULL, SEMI, ANTI;

    boolean leftOnly() {
        return this == SEMI || this == ANTI;
    }

    boolean keepsUnmatchedLeft() {
        return this == LEFT || this == FULL;
    }

    boolean keepsUnmatchedRight() {
        return this == RIGHT || this == FULL;
    }
}

package io.blueshift.executor.window;

import io.blueshift.executor.op.SortOp;
import java.util.List;

/**
 * One OVER clause shared by several window functions: its partition columns, its ordering, and
 * its frame (ROWS or RANGE between two bounds). A bound offset of {@link #UNBOUNDED} reaches the
 * partition's edge; 0 is the current row (for RANGE: the current row's peers).
 */
public record WindowSpec(List<Integer> partition, List<SortOp.Key> order, boolean rows,
                         long lowerOffset, boolean lowerPreceding, long upperOffset, boolean upperFollowing,
                         List<WindowCall> calls) {
    public static final long UNBOUNDED = Long.MAX_VALUE;

    public WindowSpec {
        partition = List.copyOf(partition);
        order = List.copyOf(order);
        calls = List.copyOf(calls);
    }
}

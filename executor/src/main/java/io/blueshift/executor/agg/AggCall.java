package io.blueshift.executor.agg;

import io.blueshift.columnar.SqlType;
import java.util.List;

/**
 * One aggregate of a GROUP BY: the function, its argument columns (input column indexes; none for
 * COUNT(*)), the result type, and for ordered aggregates (string_agg, listagg, percentiles) the
 * sort of the values and a constant argument (the delimiter, the fraction).
 */
public record AggCall(AggKind kind, List<Integer> args, SqlType argType, SqlType type, boolean distinct,
                      Object constant, List<SortKey> order) {
    /** One key of an aggregate's ORDER BY: an input column, its direction and where its NULLs go. */
    public record SortKey(int column, boolean descending, boolean nullsFirst) {
    }

    public AggCall {
        args = List.copyOf(args);
        order = List.copyOf(order);
    }

    /** Whether the aggregate's (first) ORDER BY key sorts descending. */
    public boolean descending() {
        return !order.isEmpty() && order.get(0).descending();
    }
}

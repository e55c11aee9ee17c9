package io.blueshift.executor.agg;

import io.blueshift.columnar.SqlType;
import java.util.List;

/**
 * One aggregate of a GROUP BY: the function, its argument columns (input column indexes; none for
 * COUNT(*)), the result type, and for ordered aggregates (string_agg, listagg, percentiles) the
 * sort of the values and a constant argument (the delimiter, the fraction).
 */
public record AggCall(AggKind kind, List<Integer> args, SqlType argType, SqlType type, boolean distinct,
                      Object constant, boolean descending) {
    public AggCall {
        args = List.copyOf(args);
    }
}

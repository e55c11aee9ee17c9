package io.blueshift.executor.window;

import io.blueshift.columnar.SqlType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One window function: its kind (ranking, navigation or an aggregate name), its argument columns,
 * constant arguments (ntile's bucket count, lag's offset and default, nth_value's n), its result
 * type, and DISTINCT for aggregates.
 */
public record WindowCall(String function, List<Integer> args, List<Object> constants, SqlType type, boolean distinct) {
    public WindowCall {
        args = List.copyOf(args);
        constants = Collections.unmodifiableList(new ArrayList<>(constants));
    }
}

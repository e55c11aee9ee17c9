package io.blueshift.executor.agg;

import io.blueshift.columnar.Batch;
import org.apache.arrow.vector.FieldVector;

/** The per-group state of one aggregate, updated a batch at a time. */
public interface Accumulator {
    /** Adds rows {@code 0..n) of {@code in}, row i to group {@code groupIds[i]}; {@code groups} groups exist so far. */
    void add(Batch in, int[] groupIds, int n, int groups);

    /** Writes the results of groups {@code from..from+count)} to {@code out} rows {@code 0..count)}. */
    void write(FieldVector out, int from, int count);
}

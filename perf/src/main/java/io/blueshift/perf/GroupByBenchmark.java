package io.blueshift.perf;

import io.blueshift.kernels.group.GroupAggKernels;
import io.blueshift.kernels.group.GroupHashTable;
import io.blueshift.kernels.group.GroupStates;
import io.blueshift.kernels.hash.KeyColumn;
import io.blueshift.kernels.hash.KeyType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code SELECT k, SUM(v) GROUP BY k} over an INT key and a BIGINT value, in batches of
 * {@link #BATCH} rows as the executor feeds them: the vector path (SIMD key hashing, perfect
 * hashing when the keys span a small range, masked per-group accumulation for few groups, exact
 * 128-bit sums) against the scalar reference (scalar hashing and a hash-table lookup per row, then
 * {@code sums[gid] += v}). 16 groups take the perfect-hash path; 100,000 groups span more than it
 * covers and show the hashed path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class GroupByBenchmark {
    static final int BATCH = 4096;

    @Param("6000000")
    public int rows;

    @Param({"16", "100000"})
    public int groups;

    private Arena arena;
    private KeyColumn[][] keyBatches;
    private MemorySegment[] valueBatches;
    private final int[] gids = new int[BATCH];

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        MemorySegment keys = arena.allocate((long) rows * 4, 64);
        MemorySegment values = arena.allocate((long) rows * 8, 64);
        Random random = new Random(42);
        for (int i = 0; i < rows; i++) {
            keys.setAtIndex(ValueLayout.JAVA_INT, i, random.nextInt(groups));
            values.setAtIndex(ValueLayout.JAVA_LONG, i, random.nextInt(1_000_000));
        }
        int batches = (rows + BATCH - 1) / BATCH;
        keyBatches = new KeyColumn[batches][];
        valueBatches = new MemorySegment[batches];
        for (int b = 0; b < batches; b++) {
            long from = (long) b * BATCH;
            int n = (int) Math.min(BATCH, rows - from);
            keyBatches[b] = new KeyColumn[] {KeyColumn.of(KeyType.INT, keys.asSlice(from * 4, n * 4L), null)};
            valueBatches[b] = values.asSlice(from * 8, n * 8L);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    private int rowsOf(int batch) {
        return (int) (valueBatches[batch].byteSize() >>> 3);
    }

    @Benchmark
    public long simd() {
        return vectorPath(true);
    }

    /** The vector path without perfect hashing, to show what hashing alone gains. */
    @Benchmark
    public long simdHashedOnly() {
        return vectorPath(false);
    }

    private long vectorPath(boolean perfectHash) {
        try (GroupHashTable table = new GroupHashTable(null, perfectHash, 16, KeyType.INT)) {
            long[] sums = new long[0];
            for (int b = 0; b < valueBatches.length; b++) {
                int n = rowsOf(b);
                table.groupIds(keyBatches[b], n, gids, true);
                int count = table.groupCount();
                sums = GroupStates.growSums(sums, count);
                GroupAggKernels.sumLong(gids, valueBatches[b], null, n, sums, count);
            }
            return sums[0] + table.groupCount();
        }
    }

    @Benchmark
    public long scalar() {
        try (GroupHashTable table = new GroupHashTable(null, false, 16, KeyType.INT)) {
            long[] sums = new long[16];
            for (int b = 0; b < valueBatches.length; b++) {
                int n = rowsOf(b);
                table.groupIds(keyBatches[b], n, gids, false);
                if (sums.length < table.groupCount()) {
                    sums = Arrays.copyOf(sums, table.groupCount() * 2);
                }
                MemorySegment values = valueBatches[b];
                for (int i = 0; i < n; i++) {
                    sums[gids[i]] += values.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i);
                }
            }
            return sums[0] + table.groupCount();
        }
    }
}

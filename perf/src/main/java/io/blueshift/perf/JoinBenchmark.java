package io.blueshift.perf;

import io.blueshift.kernels.hash.KeyColumn;
import io.blueshift.kernels.hash.KeyType;
import io.blueshift.kernels.join.JoinHashTable;
import io.blueshift.kernels.join.JoinProbe;
import io.blueshift.kernels.join.JoinType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
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
 * An inner hash join on a BIGINT key: build 1M rows (random keys, so no perfect hashing), probe
 * 6M rows of which about half match,
 * both in batches of {@link #BATCH} rows: SIMD key hashing against the scalar twins. The chain walk
 * and key compare are the same code in both, so the ratio shows what vector hashing buys.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class JoinBenchmark {
    static final int BATCH = 4096;

    @Param("1000000")
    public int buildRows;

    @Param("6000000")
    public int probeRows;

    private Arena arena;
    private MemorySegment build;
    private MemorySegment probe;
    private final int[] outProbe = new int[BATCH];
    private final int[] outBuild = new int[BATCH];

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        build = arena.allocate((long) buildRows * 8, 64);
        probe = arena.allocate((long) probeRows * 8, 64);
        Random random = new Random(42);
        long[] keys = new long[buildRows];
        for (int i = 0; i < buildRows; i++) {
            keys[i] = random.nextLong();
            build.setAtIndex(ValueLayout.JAVA_LONG, i, keys[i]);
        }
        for (int i = 0; i < probeRows; i++) {
            probe.setAtIndex(ValueLayout.JAVA_LONG, i,
                    random.nextBoolean() ? keys[random.nextInt(buildRows)] : random.nextLong());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    private static KeyColumn[] batch(MemorySegment column, long from, int n) {
        return new KeyColumn[] {KeyColumn.of(KeyType.LONG, column.asSlice(from * 8, n * 8L), null)};
    }

    private long join(boolean simd) {
        try (JoinHashTable table = new JoinHashTable(null, false, simd, buildRows, KeyType.LONG)) {
            for (long from = 0; from < buildRows; from += BATCH) {
                int n = (int) Math.min(BATCH, buildRows - from);
                table.add(batch(build, from, n), n);
            }
            JoinProbe probing = new JoinProbe(table, JoinType.INNER);
            long matches = 0;
            for (long from = 0; from < probeRows; from += BATCH) {
                int n = (int) Math.min(BATCH, probeRows - from);
                probing.start(batch(probe, from, n), n);
                int got;
                while ((got = probing.next(outProbe, outBuild)) > 0) {
                    matches += got + outBuild[got - 1];
                }
            }
            return matches;
        }
    }

    @Benchmark
    public long simd() {
        return join(true);
    }

    @Benchmark
    public long scalar() {
        return join(false);
    }
}

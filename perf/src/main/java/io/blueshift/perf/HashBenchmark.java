package io.blueshift.perf;

import io.blueshift.kernels.hash.HashKernels;
import io.blueshift.kernels.hash.HashScalar;
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
 * Hashing a column in batches of {@link #BATCH} rows into a cache-resident long[]: the vector
 * kernels against their scalar twins for INT, BIGINT and DOUBLE, and the string hash (scalar in
 * both, shown for its bytes per second).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class HashBenchmark {
    static final int BATCH = 4096;

    @Param("6000000")
    public int rows;

    private Arena arena;
    private MemorySegment ints;
    private MemorySegment longs;
    private MemorySegment doubles;
    private MemorySegment offsets;
    private MemorySegment strings;
    private final long[] hashes = new long[BATCH];

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        ints = arena.allocate((long) rows * 4, 64);
        longs = arena.allocate((long) rows * 8, 64);
        doubles = arena.allocate((long) rows * 8, 64);
        offsets = arena.allocate((long) (rows + 1) * 4, 64);
        Random random = new Random(42);
        int total = 0;
        for (int i = 0; i < rows; i++) {
            ints.setAtIndex(ValueLayout.JAVA_INT, i, random.nextInt());
            longs.setAtIndex(ValueLayout.JAVA_LONG, i, random.nextLong());
            doubles.setAtIndex(ValueLayout.JAVA_DOUBLE, i, random.nextGaussian());
            offsets.setAtIndex(ValueLayout.JAVA_INT, i, total);
            total += 4 + random.nextInt(25);
        }
        offsets.setAtIndex(ValueLayout.JAVA_INT, rows, total);
        strings = arena.allocate(total, 64);
        for (int i = 0; i < total; i++) {
            strings.set(ValueLayout.JAVA_BYTE, i, (byte) ('a' + random.nextInt(26)));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    private long fixed(MemorySegment column, int width, boolean simd, int type) {
        long acc = 0;
        for (long from = 0; from < rows; from += BATCH) {
            int n = (int) Math.min(BATCH, rows - from);
            MemorySegment batch = column.asSlice(from * width, (long) n * width);
            if (simd) {
                switch (type) {
                    case 0 -> HashKernels.hashInts(batch, n, hashes, false);
                    case 1 -> HashKernels.hashLongs(batch, n, hashes, false);
                    default -> HashKernels.hashDoubles(batch, n, hashes, false);
                }
            } else {
                switch (type) {
                    case 0 -> HashScalar.hashInts(batch, n, hashes, false);
                    case 1 -> HashScalar.hashLongs(batch, n, hashes, false);
                    default -> HashScalar.hashDoubles(batch, n, hashes, false);
                }
            }
            acc += hashes[n - 1];
        }
        return acc;
    }

    @Benchmark
    public long intsSimd() {
        return fixed(ints, 4, true, 0);
    }

    @Benchmark
    public long intsScalar() {
        return fixed(ints, 4, false, 0);
    }

    @Benchmark
    public long longsSimd() {
        return fixed(longs, 8, true, 1);
    }

    @Benchmark
    public long longsScalar() {
        return fixed(longs, 8, false, 1);
    }

    @Benchmark
    public long doublesSimd() {
        return fixed(doubles, 8, true, 2);
    }

    @Benchmark
    public long doublesScalar() {
        return fixed(doubles, 8, false, 2);
    }

    @Benchmark
    public long strings() {
        long acc = 0;
        for (long from = 0; from < rows; from += BATCH) {
            int n = (int) Math.min(BATCH, rows - from);
            HashScalar.hashStrings(offsets.asSlice(from * 4), strings, n, hashes, false);
            acc += hashes[n - 1];
        }
        return acc;
    }
}

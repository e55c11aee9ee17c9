package io.blueshift.perf;

import io.blueshift.kernels.sort.ReferenceSort;
import io.blueshift.kernels.sort.SortKey;
import io.blueshift.kernels.sort.SortKeyType;
import io.blueshift.kernels.sort.Sorter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * ORDER BY over 1M rows: one long key, an (int, double DESC) pair, and one string key (8 to 20
 * random letters), each with the normalized-key sort (SIMD and scalar key encoding) beside the
 * comparator-based reference sort.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class SortBenchmark {
    @Param("1000000")
    public int rows;

    private Arena arena;
    private SortKey[] longKey;
    private SortKey[] pairKeys;
    private SortKey[] stringKey;

    @Setup
    public void setup() {
        Random random = new Random(42);
        arena = Arena.ofShared();
        MemorySegment longs = arena.allocate(8L * rows);
        MemorySegment ints = arena.allocate(4L * rows);
        MemorySegment doubles = arena.allocate(8L * rows);
        for (int i = 0; i < rows; i++) {
            longs.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, random.nextLong());
            ints.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, random.nextInt(1000));
            doubles.setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i, random.nextGaussian());
        }
        MemorySegment offsets = arena.allocate(4L * (rows + 1));
        MemorySegment data = arena.allocate(20L * rows);
        int at = 0;
        for (int i = 0; i < rows; i++) {
            offsets.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, at);
            int len = 8 + random.nextInt(13);
            for (int j = 0; j < len; j++) {
                data.set(ValueLayout.JAVA_BYTE, at++, (byte) ('a' + random.nextInt(26)));
            }
        }
        offsets.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, rows, at);
        longKey = new SortKey[] {SortKey.asc(SortKeyType.LONG, longs, null)};
        pairKeys = new SortKey[] {SortKey.asc(SortKeyType.INT, ints, null), SortKey.desc(SortKeyType.DOUBLE, doubles, null)};
        stringKey = new SortKey[] {SortKey.string(offsets, data.asSlice(0, at), null, false)};
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public int[] longsSimd() {
        return Sorter.sort(longKey, rows, true);
    }

    @Benchmark
    public int[] longsScalar() {
        return Sorter.sort(longKey, rows, false);
    }

    @Benchmark
    public int[] longsReference() {
        return ReferenceSort.sort(longKey, rows);
    }

    @Benchmark
    public int[] intDoubleSimd() {
        return Sorter.sort(pairKeys, rows, true);
    }

    @Benchmark
    public int[] intDoubleScalar() {
        return Sorter.sort(pairKeys, rows, false);
    }

    @Benchmark
    public int[] intDoubleReference() {
        return ReferenceSort.sort(pairKeys, rows);
    }

    @Benchmark
    public int[] stringsSimd() {
        return Sorter.sort(stringKey, rows, true);
    }

    @Benchmark
    public int[] stringsReference() {
        return ReferenceSort.sort(stringKey, rows);
    }
}

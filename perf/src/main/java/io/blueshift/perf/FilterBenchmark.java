package io.blueshift.perf;

import io.blueshift.kernels.Bitmaps;
import io.blueshift.kernels.compare.CompareKernels;
import io.blueshift.kernels.compare.CompareOp;
import io.blueshift.kernels.compare.ComparePredicate;
import io.blueshift.kernels.compare.CompareScalar;
import io.blueshift.kernels.compare.FilterSum;
import io.blueshift.kernels.compare.FilterSumScalar;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
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
 * Filters over DRAM-sized columns, SIMD kernels beside their scalar references: building a
 * selection from {@code a < c} on an INTEGER column (against the natural branchy loop, which
 * mispredicts at middling selectivity), the same predicate into a bitmap, and the fused
 * Q6-shaped {@code sum(v) WHERE a BETWEEN .. AND b BETWEEN ..} over three BIGINT columns (compare
 * its bytes per second with {@code BandwidthBenchmark}'s plain sum). {@code selectivity} is the
 * percentage of rows {@code a < c} keeps.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class FilterBenchmark {
    @Param("6000000")
    public int rows;

    @Param({"1", "50", "99"})
    public int selectivity;

    private Arena arena;
    private MemorySegment ints;
    private MemorySegment values;
    private MemorySegment a;
    private MemorySegment b;
    private ComparePredicate lessThan;
    private int[] positions;
    private long[] bits;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        SplittableRandom random = new SplittableRandom(42);
        ints = arena.allocate(4L * rows, 64);
        values = arena.allocate(8L * rows, 64);
        a = arena.allocate(8L * rows, 64);
        b = arena.allocate(8L * rows, 64);
        for (int i = 0; i < rows; i++) {
            ints.setAtIndex(ValueLayout.JAVA_INT, i, random.nextInt(100));
            values.setAtIndex(ValueLayout.JAVA_LONG, i, random.nextLong() >> 16);
            a.setAtIndex(ValueLayout.JAVA_LONG, i, random.nextInt(100));
            b.setAtIndex(ValueLayout.JAVA_LONG, i, random.nextInt(100));
        }
        lessThan = ComparePredicate.intConstant(CompareOp.LT, selectivity);
        positions = new int[rows + CompareKernels.SELECTION_SLACK];
        bits = new long[Bitmaps.words(rows)];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public int selectSimd() {
        return CompareKernels.select(lessThan, ints, null, rows, positions);
    }

    /** The reference: the loop one writes first, reading the same off-heap column. */
    @Benchmark
    public int selectScalarReference() {
        MemorySegment column = ints;
        int[] out = positions;
        int c = selectivity;
        int n = 0;
        for (int i = 0; i < rows; i++) {
            if (column.getAtIndex(ValueLayout.JAVA_INT, i) < c) {
                out[n++] = i;
            }
        }
        return n;
    }

    /** The other route to a selection: a SIMD bitmap, then its set bits one at a time. */
    @Benchmark
    public int selectViaBitmapPositions() {
        CompareKernels.evaluate(lessThan, ints, null, rows, bits);
        return Bitmaps.toPositions(bits, rows, positions);
    }

    @Benchmark
    public long[] bitmapSimd() {
        CompareKernels.evaluate(lessThan, ints, null, rows, bits);
        return bits;
    }

    @Benchmark
    public long[] bitmapScalar() {
        CompareScalar.evaluate(lessThan, ints, null, rows, bits);
        return bits;
    }

    @Benchmark
    public long filterSumSimd() {
        return FilterSum.sumLong(values, a, 0, selectivity - 1, b, 5, 94, rows);
    }

    @Benchmark
    public long filterSumScalar() {
        return FilterSumScalar.sumLong(values, a, 0, selectivity - 1, b, 5, 94, rows);
    }
}

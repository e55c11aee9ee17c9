package io.blueshift.perf;

import io.blueshift.kernels.agg.AggKernels;
import io.blueshift.kernels.agg.AggScalar;
import io.blueshift.kernels.arith.Int128;
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
 * Ungrouped SUM (exact 128-bit for BIGINT, double for DOUBLE PRECISION), MIN and MAX over
 * DRAM-sized columns, Vector API kernels beside their scalar twins; {@code *Masked} variants
 * aggregate a column with about 10% nulls through the row bitmap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class AggregateBenchmark {
    @Param("6000000")
    public int rows;

    private Arena arena;
    private MemorySegment longs;
    private MemorySegment doubles;
    private long[] valid;

    @Setup(Level.Trial)
    public void setup() {
        arena = Arena.ofShared();
        longs = arena.allocate(8L * rows, 64);
        doubles = arena.allocate(8L * rows, 64);
        valid = new long[(rows + 63) >>> 6];
        Random random = new Random(42);
        for (int i = 0; i < rows; i++) {
            longs.setAtIndex(ValueLayout.JAVA_LONG, i, random.nextLong() >> 2);
            doubles.setAtIndex(ValueLayout.JAVA_DOUBLE, i, random.nextDouble() * 1000);
            if (random.nextInt(10) != 0) {
                valid[i >>> 6] |= 1L << i;
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public Int128 sumLongSimd() {
        return AggKernels.sumLong(longs, null, rows);
    }

    @Benchmark
    public Int128 sumLongScalar() {
        return AggScalar.sumLong(longs, null, rows);
    }

    @Benchmark
    public Int128 sumLongMaskedSimd() {
        return AggKernels.sumLong(longs, valid, rows);
    }

    @Benchmark
    public Int128 sumLongMaskedScalar() {
        return AggScalar.sumLong(longs, valid, rows);
    }

    @Benchmark
    public double sumDoubleSimd() {
        return AggKernels.sumDouble(doubles, null, rows);
    }

    @Benchmark
    public double sumDoubleScalar() {
        return AggScalar.sumDouble(doubles, null, rows);
    }

    @Benchmark
    public long minLongSimd() {
        return AggKernels.minLong(longs, null, rows);
    }

    @Benchmark
    public long minLongScalar() {
        return AggScalar.minLong(longs, null, rows);
    }

    @Benchmark
    public double maxDoubleSimd() {
        return AggKernels.maxDouble(doubles, null, rows);
    }

    @Benchmark
    public double maxDoubleScalar() {
        return AggScalar.maxDouble(doubles, null, rows);
    }
}

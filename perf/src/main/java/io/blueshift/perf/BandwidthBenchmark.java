package io.blueshift.perf;

import io.blueshift.kernels.Simd;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
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
 * The memory-bandwidth baseline the kernel benchmarks are judged against: the sum of a long
 * column far larger than the caches, on one core, as fast as SIMD reads it. A kernel that reads
 * B bytes cannot beat {@code B / (bytes / time of this benchmark)}; the "within 1.5x of
 * bandwidth" figures divide a kernel's time by that bound, both measured in one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class BandwidthBenchmark {
    /** 64M longs = 512 MiB, far past any cache. */
    @Param("67108864")
    public int rows;

    private Arena arena;
    private MemorySegment column;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        column = arena.allocate((long) rows * Long.BYTES, 64);
        for (long i = 0; i < rows; i++) {
            column.setAtIndex(ValueLayout.JAVA_LONG, i, i * 0x9E3779B97F4A7C15L >>> 40);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    /** Bytes this benchmark reads per invocation, to turn its time into bytes per second. */
    public long bytes() {
        return (long) rows * Long.BYTES;
    }

    @Benchmark
    public long sumLongColumn() {
        int step = Simd.LONG.length();
        long upper = Simd.LONG.loopBound(rows);
        LongVector acc0 = LongVector.zero(Simd.LONG);
        LongVector acc1 = LongVector.zero(Simd.LONG);
        long i = 0;
        for (; i + step < upper; i += 2L * step) {
            acc0 = acc0.add(LongVector.fromMemorySegment(Simd.LONG, column, i * 8, ByteOrder.LITTLE_ENDIAN));
            acc1 = acc1.add(LongVector.fromMemorySegment(Simd.LONG, column, (i + step) * 8, ByteOrder.LITTLE_ENDIAN));
        }
        long sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < rows; i++) {
            sum += column.getAtIndex(ValueLayout.JAVA_LONG, i);
        }
        return sum;
    }
}

package io.blueshift.perf;

import io.blueshift.kernels.Bitmaps;
import io.blueshift.kernels.string.LikeKernels;
import io.blueshift.kernels.string.LikePattern;
import io.blueshift.kernels.string.LikeScalar;
import io.blueshift.kernels.string.StringCompareKernels;
import io.blueshift.kernels.string.StringCompareOp;
import io.blueshift.kernels.string.StringCompareScalar;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
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
 * String predicates over 6M short Arrow VarChar strings (4 to 16 lowercase letters): equality
 * with a constant, prefix LIKE and contains LIKE, each SIMD kernel beside its scalar twin.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class StringBenchmark {
    @Param("6000000")
    public int rows;

    private Arena arena;
    private MemorySegment offsets;
    private MemorySegment data;
    private long[] out;
    private byte[] constant;
    private final LikePattern prefix = LikePattern.like("ab%");
    private final LikePattern contains = LikePattern.like("%xyz%");

    @Setup
    public void setup() {
        Random random = new Random(42);
        arena = Arena.ofShared();
        offsets = arena.allocate(4L * (rows + 1));
        data = arena.allocate(16L * rows);
        int at = 0;
        for (int i = 0; i < rows; i++) {
            offsets.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, at);
            int len = 4 + random.nextInt(13);
            for (int j = 0; j < len; j++) {
                data.set(ValueLayout.JAVA_BYTE, at++, (byte) ('a' + random.nextInt(26)));
            }
        }
        offsets.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, rows, at);
        data = data.asSlice(0, at);
        constant = "hello".getBytes(StandardCharsets.UTF_8);
        out = new long[Bitmaps.words(rows)];
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public long[] equalsConstSimd() {
        StringCompareKernels.compareConst(StringCompareOp.EQ, offsets, data, 0, rows, constant, out);
        return out;
    }

    @Benchmark
    public long[] equalsConstScalar() {
        StringCompareScalar.compareConst(StringCompareOp.EQ, offsets, data, 0, rows, constant, out);
        return out;
    }

    @Benchmark
    public long[] prefixLikeSimd() {
        LikeKernels.match(prefix, offsets, data, 0, rows, out);
        return out;
    }

    @Benchmark
    public long[] prefixLikeScalar() {
        LikeScalar.match(prefix, offsets, data, 0, rows, out);
        return out;
    }

    @Benchmark
    public long[] containsLikeSimd() {
        LikeKernels.match(contains, offsets, data, 0, rows, out);
        return out;
    }

    @Benchmark
    public long[] containsLikeScalar() {
        LikeScalar.match(contains, offsets, data, 0, rows, out);
        return out;
    }
}

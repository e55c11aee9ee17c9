package io.blueshift.perf;

import io.blueshift.kernels.arith.ArithOp;
import io.blueshift.kernels.arith.DecimalArith;
import io.blueshift.kernels.arith.DecimalArithScalar;
import io.blueshift.kernels.arith.LongArith;
import io.blueshift.kernels.arith.LongArithScalar;
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
 * Overflow-checked BIGINT addition and DECIMAL(18,4) multiplication over DRAM-sized columns,
 * Vector API kernels beside their scalar twins. Values are those of an order table's amounts
 * (well inside the range, so no error is raised and the fast path is what is measured).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class ArithmeticBenchmark {
    @Param("6000000")
    public int rows;

    private Arena arena;
    private MemorySegment a;
    private MemorySegment b;
    private MemorySegment out;
    private long limit;

    @Setup(Level.Trial)
    public void setup() {
        arena = Arena.ofShared();
        a = arena.allocate(8L * rows, 64);
        b = arena.allocate(8L * rows, 64);
        out = arena.allocate(8L * rows, 64);
        Random random = new Random(42);
        for (int i = 0; i < rows; i++) {
            // Prices up to 100,000.0000 and quantities up to 50.00 as unscaled decimals.
            a.setAtIndex(ValueLayout.JAVA_LONG, i, random.nextInt(1_000_000_000));
            b.setAtIndex(ValueLayout.JAVA_LONG, i, 1 + random.nextInt(5000));
        }
        limit = DecimalArithScalar.maxUnscaled(18);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public boolean longAddSimd() {
        return LongArith.apply(ArithOp.ADD, a, 0, b, 0, out, rows);
    }

    @Benchmark
    public boolean longAddScalar() {
        return LongArithScalar.apply(ArithOp.ADD, a, 0, b, 0, out, rows);
    }

    @Benchmark
    public boolean longAddConstantSimd() {
        return LongArith.apply(ArithOp.ADD, a, 0, null, 86_400_000_000L, out, rows);
    }

    @Benchmark
    public boolean longAddConstantScalar() {
        return LongArithScalar.apply(ArithOp.ADD, a, 0, null, 86_400_000_000L, out, rows);
    }

    @Benchmark
    public boolean decimalMultiplySimd() {
        return DecimalArith.multiply(a, 0, b, 0, limit, out, rows);
    }

    @Benchmark
    public boolean decimalMultiplyScalar() {
        return DecimalArithScalar.multiply(a, 0, b, 0, limit, out, rows);
    }
}

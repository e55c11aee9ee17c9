package io.blueshift.kernels.arith;

import io.blueshift.kernels.Simd;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API arithmetic over 16-bit integers; same contract as {@link ShortArithScalar}. Half a
 * vector of shorts widens to a full vector of ints, where {@code + - *} are exact, and the range
 * check is OR-ed across the loop. Division and modulo run the scalar loop (see {@link LongArith}).
 */
public final class ShortArith {
    /** Shorts that widen to exactly one vector of {@link Simd#INT}. */
    private static final VectorSpecies<Short> HALF =
            ShortVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(Simd.BITS / 2));
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private ShortArith() {
    }

    /** See {@link LongArithScalar#apply}. */
    public static boolean apply(ArithOp op, MemorySegment a, short ka, MemorySegment b, short kb,
            MemorySegment out, int n) {
        return switch (op) {
            case ADD -> add(a, ka, b, kb, out, n);
            case SUBTRACT -> subtract(a, ka, b, kb, out, n);
            case MULTIPLY -> multiply(a, ka, b, kb, out, n);
            case DIVIDE, MODULO -> ShortArithScalar.apply(op, a, ka, b, kb, out, 0, n);
        };
    }

    private static IntVector load(MemorySegment s, IntVector k, int i) {
        return s == null ? k
                : (IntVector) ShortVector.fromMemorySegment(HALF, s, (long) i << 1, LE)
                        .convertShape(VectorOperators.S2I, Simd.INT, 0);
    }

    /** Stores the low 16 bits of each lane and returns the lanes' range violations. */
    private static IntVector store(IntVector r, MemorySegment out, int i) {
        r.convertShape(VectorOperators.I2S, HALF, 0).intoMemorySegment(out, (long) i << 1, LE);
        return r.add(0x8000).lanewise(VectorOperators.LSHR, 16);
    }

    private static boolean add(MemorySegment a, short ka, MemorySegment b, short kb, MemorySegment out, int n) {
        IntVector va = IntVector.broadcast(Simd.INT, ka);
        IntVector vb = IntVector.broadcast(Simd.INT, kb);
        IntVector err = IntVector.zero(Simd.INT);
        int i = 0;
        for (int bound = HALF.loopBound(n); i < bound; i += HALF.length()) {
            err = err.or(store(load(a, va, i).add(load(b, vb, i)), out, i));
        }
        return finish(ArithOp.ADD, err, a, ka, b, kb, out, i, n);
    }

    private static boolean subtract(MemorySegment a, short ka, MemorySegment b, short kb, MemorySegment out, int n) {
        IntVector va = IntVector.broadcast(Simd.INT, ka);
        IntVector vb = IntVector.broadcast(Simd.INT, kb);
        IntVector err = IntVector.zero(Simd.INT);
        int i = 0;
        for (int bound = HALF.loopBound(n); i < bound; i += HALF.length()) {
            err = err.or(store(load(a, va, i).sub(load(b, vb, i)), out, i));
        }
        return finish(ArithOp.SUBTRACT, err, a, ka, b, kb, out, i, n);
    }

    private static boolean multiply(MemorySegment a, short ka, MemorySegment b, short kb, MemorySegment out, int n) {
        IntVector va = IntVector.broadcast(Simd.INT, ka);
        IntVector vb = IntVector.broadcast(Simd.INT, kb);
        IntVector err = IntVector.zero(Simd.INT);
        int i = 0;
        for (int bound = HALF.loopBound(n); i < bound; i += HALF.length()) {
            err = err.or(store(load(a, va, i).mul(load(b, vb, i)), out, i));
        }
        return finish(ArithOp.MULTIPLY, err, a, ka, b, kb, out, i, n);
    }

    private static boolean finish(ArithOp op, IntVector err, MemorySegment a, short ka, MemorySegment b,
            short kb, MemorySegment out, int i, int n) {
        boolean vectorErr = err.compare(VectorOperators.NE, 0).anyTrue();
        return ShortArithScalar.apply(op, a, ka, b, kb, out, i, n) | vectorErr;
    }
}

package io.blueshift.kernels.arith;

import io.blueshift.kernels.Simd;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API arithmetic over 64-bit integers (BIGINT, TIME/TIMESTAMP micros, scaled DECIMAL).
 * Same contract as {@link LongArithScalar}. Overflow of {@code +} and {@code -} is found with
 * the sign-bit trick OR-ed across the loop; {@code *} checks per vector whether every lane's
 * operands fit in 32 bits (then the product cannot overflow) and only otherwise checks that
 * vector's lanes exactly. Division and modulo run the scalar loop: x86 has no vector integer
 * division, and the Vector API's fallback for it is far slower than scalar code.
 */
public final class LongArith {
    private static final VectorSpecies<Long> S = Simd.LONG;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final long HALF = 1L << 31;

    private LongArith() {
    }

    /** See {@link LongArithScalar#apply}. */
    public static boolean apply(ArithOp op, MemorySegment a, long ka, MemorySegment b, long kb,
            MemorySegment out, int n) {
        return switch (op) {
            case ADD -> add(a, ka, b, kb, out, n);
            case SUBTRACT -> subtract(a, ka, b, kb, out, n);
            case MULTIPLY -> multiply(a, ka, b, kb, out, n);
            case DIVIDE -> LongArithScalar.divide(a, ka, b, kb, out, 0, n);
            case MODULO -> LongArithScalar.modulo(a, ka, b, kb, out, 0, n);
        };
    }

    static LongVector load(MemorySegment s, LongVector k, int i) {
        return s == null ? k : LongVector.fromMemorySegment(S, s, (long) i << 3, LE);
    }

    private static boolean add(MemorySegment a, long ka, MemorySegment b, long kb, MemorySegment out, int n) {
        LongVector va = LongVector.broadcast(S, ka);
        LongVector vb = LongVector.broadcast(S, kb);
        LongVector err = LongVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            LongVector x = load(a, va, i);
            LongVector y = load(b, vb, i);
            LongVector r = x.add(y);
            err = err.or(x.lanewise(VectorOperators.XOR, r).and(y.lanewise(VectorOperators.XOR, r)));
            r.intoMemorySegment(out, (long) i << 3, LE);
        }
        boolean vectorErr = err.compare(VectorOperators.LT, 0).anyTrue();
        return LongArithScalar.add(a, ka, b, kb, out, i, n) | vectorErr;
    }

    private static boolean subtract(MemorySegment a, long ka, MemorySegment b, long kb, MemorySegment out, int n) {
        LongVector va = LongVector.broadcast(S, ka);
        LongVector vb = LongVector.broadcast(S, kb);
        LongVector err = LongVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            LongVector x = load(a, va, i);
            LongVector y = load(b, vb, i);
            LongVector r = x.sub(y);
            err = err.or(x.lanewise(VectorOperators.XOR, y).and(x.lanewise(VectorOperators.XOR, r)));
            r.intoMemorySegment(out, (long) i << 3, LE);
        }
        boolean vectorErr = err.compare(VectorOperators.LT, 0).anyTrue();
        return LongArithScalar.subtract(a, ka, b, kb, out, i, n) | vectorErr;
    }

    private static boolean multiply(MemorySegment a, long ka, MemorySegment b, long kb, MemorySegment out, int n) {
        LongVector va = LongVector.broadcast(S, ka);
        LongVector vb = LongVector.broadcast(S, kb);
        boolean err = false;
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            LongVector x = load(a, va, i);
            LongVector y = load(b, vb, i);
            if (wide(x, y)) {
                err |= LongArithScalar.multiply(a, ka, b, kb, out, i, i + S.length());
            } else {
                x.mul(y).intoMemorySegment(out, (long) i << 3, LE);
            }
        }
        return LongArithScalar.multiply(a, ka, b, kb, out, i, n) | err;
    }

    /** Whether some lane has an operand outside the int range, where a product may overflow. */
    static boolean wide(LongVector x, LongVector y) {
        return x.add(HALF).or(y.add(HALF)).lanewise(VectorOperators.LSHR, 32).compare(VectorOperators.NE, 0).anyTrue();
    }
}

package io.blueshift.kernels.arith;

import io.blueshift.kernels.Simd;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API arithmetic over 32-bit integers; same contract as {@link IntArithScalar}.
 * {@code +} and {@code -} use the sign-bit trick; {@code *} widens half a vector of ints to
 * longs, multiplies exactly and checks the range there. x86 has no vector integer division, so
 * {@code /} and {@code %} divide in doubles: for 32-bit operands the correctly rounded double
 * quotient truncates to exactly the integer quotient (its rounding error is below
 * {@code 2^-22 / |b|}, less than the distance {@code 1 / |b|} from a non-integral quotient to
 * the next integer).
 */
public final class IntArith {
    private static final VectorSpecies<Integer> S = Simd.INT;
    /** Ints that widen to exactly one vector of {@link Simd#LONG}. */
    private static final VectorSpecies<Integer> HALF =
            IntVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(Simd.BITS / 2));
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private IntArith() {
    }

    /** See {@link LongArithScalar#apply}. */
    public static boolean apply(ArithOp op, MemorySegment a, int ka, MemorySegment b, int kb,
            MemorySegment out, int n) {
        return switch (op) {
            case ADD -> add(a, ka, b, kb, out, n);
            case SUBTRACT -> subtract(a, ka, b, kb, out, n);
            case MULTIPLY -> multiply(a, ka, b, kb, out, n);
            case DIVIDE -> divide(a, ka, b, kb, out, n, false);
            case MODULO -> divide(a, ka, b, kb, out, n, true);
        };
    }

    private static IntVector load(VectorSpecies<Integer> s, MemorySegment seg, IntVector k, int i) {
        return seg == null ? k : IntVector.fromMemorySegment(s, seg, (long) i << 2, LE);
    }

    private static boolean add(MemorySegment a, int ka, MemorySegment b, int kb, MemorySegment out, int n) {
        IntVector va = IntVector.broadcast(S, ka);
        IntVector vb = IntVector.broadcast(S, kb);
        IntVector err = IntVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            IntVector x = load(S, a, va, i);
            IntVector y = load(S, b, vb, i);
            IntVector r = x.add(y);
            err = err.or(x.lanewise(VectorOperators.XOR, r).and(y.lanewise(VectorOperators.XOR, r)));
            r.intoMemorySegment(out, (long) i << 2, LE);
        }
        boolean vectorErr = err.compare(VectorOperators.LT, 0).anyTrue();
        return IntArithScalar.add(a, ka, b, kb, out, i, n) | vectorErr;
    }

    private static boolean subtract(MemorySegment a, int ka, MemorySegment b, int kb, MemorySegment out, int n) {
        IntVector va = IntVector.broadcast(S, ka);
        IntVector vb = IntVector.broadcast(S, kb);
        IntVector err = IntVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            IntVector x = load(S, a, va, i);
            IntVector y = load(S, b, vb, i);
            IntVector r = x.sub(y);
            err = err.or(x.lanewise(VectorOperators.XOR, y).and(x.lanewise(VectorOperators.XOR, r)));
            r.intoMemorySegment(out, (long) i << 2, LE);
        }
        boolean vectorErr = err.compare(VectorOperators.LT, 0).anyTrue();
        return IntArithScalar.subtract(a, ka, b, kb, out, i, n) | vectorErr;
    }

    private static boolean multiply(MemorySegment a, int ka, MemorySegment b, int kb, MemorySegment out, int n) {
        IntVector va = IntVector.broadcast(HALF, ka);
        IntVector vb = IntVector.broadcast(HALF, kb);
        LongVector err = LongVector.zero(Simd.LONG);
        int i = 0;
        for (int bound = HALF.loopBound(n); i < bound; i += HALF.length()) {
            LongVector x = (LongVector) load(HALF, a, va, i).convertShape(VectorOperators.I2L, Simd.LONG, 0);
            LongVector y = (LongVector) load(HALF, b, vb, i).convertShape(VectorOperators.I2L, Simd.LONG, 0);
            LongVector r = x.mul(y);
            err = err.or(r.add(1L << 31).lanewise(VectorOperators.LSHR, 32));
            r.convertShape(VectorOperators.L2I, HALF, 0).intoMemorySegment(out, (long) i << 2, LE);
        }
        boolean vectorErr = err.compare(VectorOperators.NE, 0).anyTrue();
        return IntArithScalar.multiply(a, ka, b, kb, out, i, n) | vectorErr;
    }

    /** {@code a / b}, or with {@code modulo} {@code a - (a / b) * b}, through double division. */
    private static boolean divide(MemorySegment a, int ka, MemorySegment b, int kb, MemorySegment out, int n,
            boolean modulo) {
        IntVector va = IntVector.broadcast(HALF, ka);
        IntVector vb = IntVector.broadcast(HALF, kb);
        VectorMask<Integer> err = HALF.maskAll(false);
        int i = 0;
        for (int bound = HALF.loopBound(n); i < bound; i += HALF.length()) {
            IntVector x = load(HALF, a, va, i);
            IntVector y = load(HALF, b, vb, i);
            VectorMask<Integer> zero = y.compare(VectorOperators.EQ, 0);
            VectorMask<Integer> overflow = x.compare(VectorOperators.EQ, Integer.MIN_VALUE)
                    .and(y.compare(VectorOperators.EQ, -1));
            err = err.or(modulo ? zero : zero.or(overflow));
            IntVector d = y.blend(1, zero);
            DoubleVector q = ((DoubleVector) x.convertShape(VectorOperators.I2D, Simd.DOUBLE, 0))
                    .div((DoubleVector) d.convertShape(VectorOperators.I2D, Simd.DOUBLE, 0));
            // MIN_VALUE / -1 wraps to MIN_VALUE as in Java (the cast would saturate to MAX_VALUE).
            IntVector qi = ((IntVector) q.convertShape(VectorOperators.D2I, HALF, 0)).blend(Integer.MIN_VALUE, overflow);
            (modulo ? x.sub(qi.mul(d)) : qi).intoMemorySegment(out, (long) i << 2, LE);
        }
        boolean vectorErr = err.anyTrue();
        return (modulo ? IntArithScalar.modulo(a, ka, b, kb, out, i, n) : IntArithScalar.divide(a, ka, b, kb, out, i, n))
                | vectorErr;
    }
}

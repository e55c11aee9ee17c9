package io.blueshift.kernels.arith;

import io.blueshift.kernels.Simd;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Vector API arithmetic over doubles; same contract as {@link DoubleArithScalar}. */
public final class DoubleArith {
    private static final VectorSpecies<Double> S = Simd.DOUBLE;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private DoubleArith() {
    }

    /** See {@link LongArithScalar#apply}. */
    public static boolean apply(ArithOp op, MemorySegment a, double ka, MemorySegment b, double kb,
            MemorySegment out, int n) {
        DoubleVector va = DoubleVector.broadcast(S, ka);
        DoubleVector vb = DoubleVector.broadcast(S, kb);
        int bound = S.loopBound(n);
        int i = 0;
        boolean err = false;
        switch (op) {
            case ADD -> {
                for (; i < bound; i += S.length()) {
                    load(a, va, i).add(load(b, vb, i)).intoMemorySegment(out, (long) i << 3, LE);
                }
            }
            case SUBTRACT -> {
                for (; i < bound; i += S.length()) {
                    load(a, va, i).sub(load(b, vb, i)).intoMemorySegment(out, (long) i << 3, LE);
                }
            }
            case MULTIPLY -> {
                for (; i < bound; i += S.length()) {
                    load(a, va, i).mul(load(b, vb, i)).intoMemorySegment(out, (long) i << 3, LE);
                }
            }
            case DIVIDE -> {
                VectorMask<Double> zero = S.maskAll(false);
                for (; i < bound; i += S.length()) {
                    DoubleVector y = load(b, vb, i);
                    zero = zero.or(y.compare(VectorOperators.EQ, 0.0));
                    load(a, va, i).div(y).intoMemorySegment(out, (long) i << 3, LE);
                }
                err = zero.anyTrue();
            }
            case MODULO -> throw ArithErrors.noFloatModulo(DoubleArithScalar.TYPE);
        }
        return DoubleArithScalar.apply(op, a, ka, b, kb, out, i, n) | err;
    }

    private static DoubleVector load(MemorySegment s, DoubleVector k, int i) {
        return s == null ? k : DoubleVector.fromMemorySegment(S, s, (long) i << 3, LE);
    }
}

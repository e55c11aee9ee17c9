package io.blueshift.kernels.arith;

import io.blueshift.kernels.Simd;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Vector API arithmetic over floats (REAL); same contract as {@link FloatArithScalar}. */
public final class FloatArith {
    private static final VectorSpecies<Float> S = Simd.FLOAT;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private FloatArith() {
    }

    /** See {@link LongArithScalar#apply}. */
    public static boolean apply(ArithOp op, MemorySegment a, float ka, MemorySegment b, float kb,
            MemorySegment out, int n) {
        FloatVector va = FloatVector.broadcast(S, ka);
        FloatVector vb = FloatVector.broadcast(S, kb);
        int bound = S.loopBound(n);
        int i = 0;
        boolean err = false;
        switch (op) {
            case ADD -> {
                for (; i < bound; i += S.length()) {
                    load(a, va, i).add(load(b, vb, i)).intoMemorySegment(out, (long) i << 2, LE);
                }
            }
            case SUBTRACT -> {
                for (; i < bound; i += S.length()) {
                    load(a, va, i).sub(load(b, vb, i)).intoMemorySegment(out, (long) i << 2, LE);
                }
            }
            case MULTIPLY -> {
                for (; i < bound; i += S.length()) {
                    load(a, va, i).mul(load(b, vb, i)).intoMemorySegment(out, (long) i << 2, LE);
                }
            }
            case DIVIDE -> {
                VectorMask<Float> zero = S.maskAll(false);
                for (; i < bound; i += S.length()) {
                    FloatVector y = load(b, vb, i);
                    zero = zero.or(y.compare(VectorOperators.EQ, 0.0f));
                    load(a, va, i).div(y).intoMemorySegment(out, (long) i << 2, LE);
                }
                err = zero.anyTrue();
            }
            case MODULO -> throw ArithErrors.noFloatModulo(FloatArithScalar.TYPE);
        }
        return FloatArithScalar.apply(op, a, ka, b, kb, out, i, n) | err;
    }

    private static FloatVector load(MemorySegment s, FloatVector k, int i) {
        return s == null ? k : FloatVector.fromMemorySegment(S, s, (long) i << 2, LE);
    }
}

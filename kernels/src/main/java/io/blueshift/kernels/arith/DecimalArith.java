package io.blueshift.kernels.arith;

import io.blueshift.kernels.Simd;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API versions of {@link DecimalArithScalar}'s rescale and multiply; same contracts.
 * Rescaling down and division need integer division, which x86 has no vector instruction for,
 * so they stay scalar (callers use {@link DecimalArithScalar} for them).
 */
public final class DecimalArith {
    private static final VectorSpecies<Long> S = Simd.LONG;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private DecimalArith() {
    }

    /** See {@link DecimalArithScalar#rescaleUp}: overflow is a lane outside {@code ±limit / 10^k}. */
    public static boolean rescaleUp(MemorySegment a, int k, long limit, MemorySegment out, int n) {
        long p = DecimalArithScalar.powerOfTen(k);
        long bound = limit / p;
        VectorMask<Long> err = S.maskAll(false);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            LongVector x = LongVector.fromMemorySegment(S, a, (long) i << 3, LE);
            err = err.or(outside(x, bound));
            x.mul(p).intoMemorySegment(out, (long) i << 3, LE);
        }
        boolean vectorErr = err.anyTrue();
        return DecimalArithScalar.rescaleUp(a, k, limit, out, i, n) | vectorErr;
    }

    /** See {@link DecimalArithScalar#multiply}. */
    public static boolean multiply(MemorySegment a, long ka, MemorySegment b, long kb, long limit,
            MemorySegment out, int n) {
        LongVector va = LongVector.broadcast(S, ka);
        LongVector vb = LongVector.broadcast(S, kb);
        VectorMask<Long> err = S.maskAll(false);
        boolean wideErr = false;
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            LongVector x = LongArith.load(a, va, i);
            LongVector y = LongArith.load(b, vb, i);
            if (LongArith.wide(x, y)) {
                wideErr |= DecimalArithScalar.multiply(a, ka, b, kb, limit, out, i, i + S.length());
            } else {
                LongVector r = x.mul(y);
                err = err.or(outside(r, limit));
                r.intoMemorySegment(out, (long) i << 3, LE);
            }
        }
        boolean vectorErr = err.anyTrue();
        return DecimalArithScalar.multiply(a, ka, b, kb, limit, out, i, n) | wideErr | vectorErr;
    }

    /** The lanes outside {@code [-bound, bound]}. */
    private static VectorMask<Long> outside(LongVector x, long bound) {
        return x.compare(VectorOperators.GT, bound).or(x.compare(VectorOperators.LT, -bound));
    }
}

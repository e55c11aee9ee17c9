package io.blueshift.kernels.arith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** REAL and DOUBLE PRECISION kernels, SIMD and scalar, against plain Java IEEE arithmetic. */
class FloatingArithTest {
    private static final double[] SPECIAL = {0.0, -0.0, 1.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, 1e-300, 3.5};
    private static final ArithOp[] IEEE_OPS = {ArithOp.ADD, ArithOp.SUBTRACT, ArithOp.MULTIPLY, ArithOp.DIVIDE};

    private static double value(Random r) {
        return r.nextInt(4) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : (r.nextDouble() - 0.5) * 1e6;
    }

    private static double java(ArithOp op, double x, double y) {
        return switch (op) {
            case ADD -> x + y;
            case SUBTRACT -> x - y;
            case MULTIPLY -> x * y;
            case DIVIDE -> x / y;
            case MODULO -> throw new AssertionError();
        };
    }

    @Test
    void doublesMatchJavaForEveryLengthAndForm() {
        long seed = 77;
        Random random = new Random(seed);
        try (Arena arena = Arena.ofConfined()) {
            for (int n = 0; n < 75; n++) {
                for (ArithOp op : IEEE_OPS) {
                    for (int form = 0; form < 3; form++) {
                        MemorySegment a = arena.allocate(8L * n + 8);
                        MemorySegment b = arena.allocate(8L * n + 8);
                        boolean zero = false;
                        for (int i = 0; i < n; i++) {
                            a.setAtIndex(ValueLayout.JAVA_DOUBLE, i, value(random));
                            b.setAtIndex(ValueLayout.JAVA_DOUBLE, i, value(random));
                        }
                        double ka = value(random);
                        double kb = value(random);
                        MemorySegment sa = form == 2 ? null : a;
                        MemorySegment sb = form == 1 ? null : b;
                        MemorySegment simd = arena.allocate(8L * n + 8);
                        MemorySegment scalar = arena.allocate(8L * n + 8);
                        String where = "seed=" + seed + " op=" + op + " form=" + form + " n=" + n;
                        boolean f1 = DoubleArith.apply(op, sa, ka, sb, kb, simd, n);
                        boolean f2 = DoubleArithScalar.apply(op, sa, ka, sb, kb, scalar, n);
                        for (int i = 0; i < n; i++) {
                            double x = sa == null ? ka : a.getAtIndex(ValueLayout.JAVA_DOUBLE, i);
                            double y = sb == null ? kb : b.getAtIndex(ValueLayout.JAVA_DOUBLE, i);
                            zero |= op == ArithOp.DIVIDE && y == 0.0;
                            double expected = java(op, x, y);
                            assertEquals(expected, simd.getAtIndex(ValueLayout.JAVA_DOUBLE, i), where + " i=" + i);
                            assertEquals(expected, scalar.getAtIndex(ValueLayout.JAVA_DOUBLE, i), where + " i=" + i);
                        }
                        assertEquals(zero, f1, where);
                        assertEquals(zero, f2, where);
                    }
                }
            }
        }
    }

    @Test
    void floatsMatchJavaForEveryLengthAndForm() {
        long seed = 78;
        Random random = new Random(seed);
        try (Arena arena = Arena.ofConfined()) {
            for (int n = 0; n < 75; n++) {
                for (ArithOp op : IEEE_OPS) {
                    for (int form = 0; form < 3; form++) {
                        MemorySegment a = arena.allocate(4L * n + 4);
                        MemorySegment b = arena.allocate(4L * n + 4);
                        boolean zero = false;
                        for (int i = 0; i < n; i++) {
                            a.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) value(random));
                            b.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) value(random));
                        }
                        float ka = (float) value(random);
                        float kb = (float) value(random);
                        MemorySegment sa = form == 2 ? null : a;
                        MemorySegment sb = form == 1 ? null : b;
                        MemorySegment simd = arena.allocate(4L * n + 4);
                        MemorySegment scalar = arena.allocate(4L * n + 4);
                        String where = "seed=" + seed + " op=" + op + " form=" + form + " n=" + n;
                        boolean f1 = FloatArith.apply(op, sa, ka, sb, kb, simd, n);
                        boolean f2 = FloatArithScalar.apply(op, sa, ka, sb, kb, scalar, n);
                        for (int i = 0; i < n; i++) {
                            float x = sa == null ? ka : a.getAtIndex(ValueLayout.JAVA_FLOAT, i);
                            float y = sb == null ? kb : b.getAtIndex(ValueLayout.JAVA_FLOAT, i);
                            zero |= op == ArithOp.DIVIDE && y == 0.0f;
                            float expected = (float) java(op, x, y);
                            assertEquals(expected, simd.getAtIndex(ValueLayout.JAVA_FLOAT, i), where + " i=" + i);
                            assertEquals(expected, scalar.getAtIndex(ValueLayout.JAVA_FLOAT, i), where + " i=" + i);
                        }
                        assertEquals(zero, f1, where);
                        assertEquals(zero, f2, where);
                    }
                }
            }
        }
    }

    @Test
    void moduloOfFloatingPointIsNotSupported() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(64);
            BlueshiftException e = assertThrows(BlueshiftException.class,
                    () -> DoubleArith.apply(ArithOp.MODULO, null, 1, null, 2, out, 4));
            assertEquals(ErrorCode.FEATURE_NOT_SUPPORTED, e.code());
            assertThrows(BlueshiftException.class, () -> FloatArithScalar.apply(ArithOp.MODULO, null, 1, null, 2, out, 4));
        }
    }
}

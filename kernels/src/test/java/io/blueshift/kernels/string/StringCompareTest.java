package io.blueshift.kernels.string;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blueshift.kernels.Bitmaps;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StringCompareTest {
    private static final int[] SIZES = sizes();

    private static int[] sizes() {
        int[] sizes = new int[74];
        for (int n = 0; n <= 70; n++) {
            sizes[n] = n;
        }
        sizes[71] = 127;
        sizes[72] = 1000;
        sizes[73] = 4099;
        return sizes;
    }

    private static int compare(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static long[] expected(StringCompareOp op, String[] values, String constant) {
        long[] bits = new long[Bitmaps.words(values.length)];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null && op.holds(compare(values[i], constant))) {
                Bitmaps.set(bits, i);
            }
        }
        return bits;
    }

    @Test
    void constantComparisonsMatchJavaAndScalarTwin() {
        long seed = 7;
        Random random = new Random(seed);
        String[] shortAlphabet = {"a", "b", "é", "😀"};
        try (Arena arena = Arena.ofConfined()) {
            for (int n : SIZES) {
                int maxChars = n % 3 == 0 ? 3 : 70;
                String[] values = VarChars.randomColumn(random, n, shortAlphabet, maxChars, 0.0);
                VarChars col = VarChars.of(arena, values);
                String constant = n > 0 && random.nextBoolean() ? values[random.nextInt(n)]
                        : VarChars.random(random, shortAlphabet, maxChars);
                byte[] c = constant.getBytes(StandardCharsets.UTF_8);
                for (StringCompareOp op : StringCompareOp.values()) {
                    long[] want = expected(op, values, constant);
                    long[] scalar = new long[want.length];
                    long[] simd = new long[want.length];
                    StringCompareScalar.compareConst(op, col.offsets(), col.data(), 0, n, c, scalar);
                    StringCompareKernels.compareConst(op, col.offsets(), col.data(), 0, n, c, simd);
                    String msg = "seed=" + seed + " n=" + n + " op=" + op + " c=" + constant;
                    assertArrayEquals(want, scalar, msg);
                    assertArrayEquals(want, simd, msg);
                }
            }
        }
    }

    @Test
    void columnComparisonsMatchJavaAndScalarTwin() {
        long seed = 11;
        Random random = new Random(seed);
        String[] alphabet = {"a", "b", "\u007f", "\u0080", "é", "😀"};
        try (Arena arena = Arena.ofConfined()) {
            for (int n : SIZES) {
                int maxChars = n % 2 == 0 ? 2 : 80;
                String[] a = VarChars.randomColumn(random, n, alphabet, maxChars, 0.0);
                String[] b = VarChars.randomColumn(random, n, alphabet, maxChars, 0.0);
                for (int i = 0; i < n; i += 3) {
                    b[i] = a[i];
                }
                VarChars ca = VarChars.of(arena, a);
                VarChars cb = VarChars.of(arena, b);
                for (StringCompareOp op : StringCompareOp.values()) {
                    long[] want = new long[Bitmaps.words(n)];
                    for (int i = 0; i < n; i++) {
                        if (op.holds(compare(a[i], b[i]))) {
                            Bitmaps.set(want, i);
                        }
                    }
                    long[] scalar = new long[want.length];
                    long[] simd = new long[want.length];
                    StringCompareScalar.compareColumns(op, ca.offsets(), ca.data(), cb.offsets(), cb.data(), 0, n, scalar);
                    StringCompareKernels.compareColumns(op, ca.offsets(), ca.data(), cb.offsets(), cb.data(), 0, n, simd);
                    String msg = "seed=" + seed + " n=" + n + " op=" + op;
                    assertArrayEquals(want, scalar, msg);
                    assertArrayEquals(want, simd, msg);
                }
            }
        }
    }

    @Test
    void handComputedByteOrder() {
        String[] values = {"", "a", "ab", "b", "é", "\u007f", "aa"};
        try (Arena arena = Arena.ofConfined()) {
            VarChars col = VarChars.of(arena, values);
            long[] out = new long[1];
            StringCompareScalar.compareConst(StringCompareOp.LT, col.offsets(), col.data(), 0, 7,
                    "ab".getBytes(StandardCharsets.UTF_8), out);
            // "" < "a" < "aa" < "ab"; "é" (0xC3..) and 0x7F sort after every ASCII letter
            assertEquals(0b1000011L, out[0]);
            StringCompareScalar.compareConst(StringCompareOp.GT, col.offsets(), col.data(), 0, 7,
                    "z".getBytes(StandardCharsets.UTF_8), out);
            assertEquals(0b0110000L, out[0]);
        }
    }

    @Test
    void executorMasksNullsAndSkipsNullWords() {
        long seed = 13;
        Random random = new Random(seed);
        String[] alphabet = {"a", "b"};
        try (Arena arena = Arena.ofConfined()) {
            for (int n : new int[] {0, 1, 63, 64, 65, 200, 1000}) {
                String[] values = VarChars.randomColumn(random, n, alphabet, 2, 0.3);
                for (int i = 64; i < Math.min(n, 192); i++) {
                    values[i] = null;
                }
                String[] other = VarChars.randomColumn(random, n, alphabet, 2, 0.2);
                VarChars col = VarChars.of(arena, values);
                VarChars col2 = VarChars.of(arena, other);
                for (StringCompareOp op : StringCompareOp.values()) {
                    long[] out = new long[Bitmaps.words(n)];
                    Arrays.fill(out, -1L);
                    StringPredicates.compareConst(op, col.validity(), col.offsets(), col.data(), n,
                            "ab".getBytes(StandardCharsets.UTF_8), out);
                    assertArrayEquals(expected(op, values, "ab"), out, "seed=" + seed + " n=" + n + " op=" + op);

                    long[] want = new long[Bitmaps.words(n)];
                    for (int i = 0; i < n; i++) {
                        if (values[i] != null && other[i] != null && op.holds(compare(values[i], other[i]))) {
                            Bitmaps.set(want, i);
                        }
                    }
                    StringPredicates.compareColumns(op, col.validity(), col.offsets(), col.data(), col2.validity(),
                            col2.offsets(), col2.data(), n, out);
                    assertArrayEquals(want, out, "seed=" + seed + " n=" + n + " op=" + op);
                }
            }
        }
    }
}

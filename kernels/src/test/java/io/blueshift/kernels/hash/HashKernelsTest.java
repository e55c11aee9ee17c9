package io.blueshift.kernels.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HashKernelsTest {
    private static final int[] LENGTHS = lengths();

    private static int[] lengths() {
        int[] lengths = new int[74];
        for (int i = 0; i <= 70; i++) {
            lengths[i] = i;
        }
        lengths[71] = 1000;
        lengths[72] = 4099;
        lengths[73] = 257;
        return lengths;
    }

    private static KeyColumn randomColumn(Arena arena, KeyType type, Random random, int n) {
        return switch (type) {
            case SHORT -> {
                short[] v = new short[n];
                short[] extremes = {Short.MIN_VALUE, Short.MAX_VALUE, 0, -1};
                for (int i = 0; i < n; i++) {
                    v[i] = random.nextInt(8) == 0 ? extremes[random.nextInt(4)] : (short) random.nextInt();
                }
                yield TestColumns.shorts(arena, v, null);
            }
            case INT -> {
                int[] v = new int[n];
                int[] extremes = {Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1};
                for (int i = 0; i < n; i++) {
                    v[i] = random.nextInt(8) == 0 ? extremes[random.nextInt(4)] : random.nextInt();
                }
                yield TestColumns.ints(arena, v, null);
            }
            case LONG -> {
                long[] v = new long[n];
                long[] extremes = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1};
                for (int i = 0; i < n; i++) {
                    v[i] = random.nextInt(8) == 0 ? extremes[random.nextInt(4)] : random.nextLong();
                }
                yield TestColumns.longs(arena, v, null);
            }
            case FLOAT -> {
                float[] v = new float[n];
                float[] extremes = {Float.NaN, Float.intBitsToFloat(0x7FC12345), Float.intBitsToFloat(0xFFC00001),
                    -0.0f, 0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE};
                for (int i = 0; i < n; i++) {
                    v[i] = random.nextInt(4) == 0 ? extremes[random.nextInt(extremes.length)] : random.nextFloat() * 100;
                }
                yield TestColumns.floats(arena, v, null);
            }
            case DOUBLE -> {
                double[] v = new double[n];
                double[] extremes = {Double.NaN, Double.longBitsToDouble(0x7FF0000000000123L),
                    Double.longBitsToDouble(0xFFF8000000000001L), -0.0, 0.0, Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE};
                for (int i = 0; i < n; i++) {
                    v[i] = random.nextInt(4) == 0 ? extremes[random.nextInt(extremes.length)] : random.nextGaussian();
                }
                yield TestColumns.doubles(arena, v, null);
            }
            case DECIMAL128 -> {
                long[] low = new long[n];
                long[] high = new long[n];
                for (int i = 0; i < n; i++) {
                    low[i] = random.nextLong();
                    high[i] = random.nextBoolean() ? low[i] >> 63 : random.nextLong();
                }
                yield TestColumns.decimals(arena, low, high, null);
            }
            case VARCHAR -> {
                String[] v = new String[n];
                for (int i = 0; i < n; i++) {
                    v[i] = TestColumns.randomString(random, 50);
                }
                yield TestColumns.strings(arena, v, null);
            }
        };
    }

    @Test
    void simdMatchesScalarForEveryTypeAndLength() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        try (Arena arena = Arena.ofConfined()) {
            for (KeyType type : KeyType.values()) {
                for (int n : LENGTHS) {
                    KeyColumn column = randomColumn(arena, type, random, n);
                    KeyColumn other = randomColumn(arena, KeyType.values()[random.nextInt(7)], random, n);
                    boolean[] nulls = TestColumns.nulls(random, n, random.nextBoolean() ? 0 : 0.2);
                    KeyColumn nullable = new KeyColumn(type, column.data(), column.offsets(), TestColumns.validity(arena, nulls));
                    for (KeyColumn[] key : new KeyColumn[][] {{column}, {other, nullable}, {nullable, other}}) {
                        long[] simd = new long[n];
                        long[] scalar = new long[n];
                        HashExecutor.hash(key, n, simd, new long[n], true);
                        HashExecutor.hash(key, n, scalar, new long[n], false);
                        String message = "seed=" + seed + " type=" + type + " n=" + n;
                        assertArrayEquals(scalar, simd, message);
                        for (int i = 0; i < n; i++) {
                            assertEquals(KeyColumn.hashRow(key, i), scalar[i], message + " row=" + i);
                        }
                    }
                }
            }
        }
    }

    @Test
    void handComputedHashes() {
        try (Arena arena = Arena.ofConfined()) {
            long[] out = new long[3];
            HashScalar.hashInts(TestColumns.ints(arena, new int[] {5, -1, Integer.MIN_VALUE}, null).data(), 3, out, false);
            assertEquals(HashMix.hashLong(5), out[0]);
            assertEquals(HashMix.hashLong(-1L), out[1]);
            assertEquals(HashMix.hashLong(Integer.MIN_VALUE), out[2]);
            long[] fromLongs = new long[3];
            HashKernels.hashLongs(TestColumns.longs(arena, new long[] {5, -1, Integer.MIN_VALUE}, null).data(), 3, fromLongs, false);
            assertArrayEquals(out, fromLongs, "integers of every width hash alike");
            long[] shorts = new long[2];
            HashKernels.hashShorts(TestColumns.shorts(arena, new short[] {5, -1}, null).data(), 2, shorts, false);
            assertEquals(out[0], shorts[0]);
            assertEquals(out[1], shorts[1]);

            long x = 0x123456789L;
            long expected = x + 0x9E3779B97F4A7C15L;
            expected = (expected ^ (expected >>> 30)) * 0xBF58476D1CE4E5B9L;
            expected = (expected ^ (expected >>> 27)) * 0x94D049BB133111EBL;
            assertEquals(expected ^ (expected >>> 31), HashMix.hashLong(x));
            assertEquals(HashMix.hashLong(7) * 0x9E3779B97F4A7C15L + HashMix.hashLong(9),
                    HashMix.combine(HashMix.hashLong(7), HashMix.hashLong(9)));

            long[] d = new long[4];
            HashKernels.hashDoubles(TestColumns.doubles(arena, new double[] {0.0, -0.0, Double.NaN,
                Double.longBitsToDouble(0xFFF0000000000777L)}, null).data(), 4, d, false);
            assertEquals(d[0], d[1], "-0.0 and 0.0");
            assertEquals(d[2], d[3], "every NaN");
            assertNotEquals(d[0], d[2]);
            long[] f = new long[4];
            HashKernels.hashFloats(TestColumns.floats(arena, new float[] {0.0f, -0.0f, Float.NaN,
                Float.intBitsToFloat(0xFF800777)}, null).data(), 4, f, false);
            assertEquals(f[0], f[1]);
            assertEquals(f[2], f[3]);

            long[] dec = new long[2];
            HashScalar.hashDecimal128(TestColumns.decimals(arena, new long[] {-5, 5}, new long[] {-1, 1}, null).data(), 2, dec, false);
            assertEquals(HashMix.hashLong(-5), dec[0], "a DECIMAL128 that fits a long hashes as that long");
            assertNotEquals(HashMix.hashLong(5), dec[1]);
        }
    }

    @Test
    void stringsHashByContentWhereverTheyLie() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        try (Arena arena = Arena.ofConfined()) {
            Set<Long> distinct = new HashSet<>();
            for (int length = 0; length <= 70; length++) {
                byte[] bytes = new byte[length];
                random.nextBytes(bytes);
                MemorySegment big = arena.allocate(length + 64);
                int at = random.nextInt(32);
                MemorySegment.copy(bytes, 0, big, ValueLayout.JAVA_BYTE, at, length);
                MemorySegment exact = arena.allocate(Math.max(1, length)).asSlice(0, length);
                MemorySegment.copy(bytes, 0, exact, ValueLayout.JAVA_BYTE, 0, length);
                assertEquals(HashMix.hashBytes(exact, 0, length), HashMix.hashBytes(big, at, length),
                        "seed=" + seed + " length=" + length);
                distinct.add(HashMix.hashBytes(exact, 0, length));
            }
            assertEquals(71, distinct.size(), "seed=" + seed);

            String[] values = {"", "", "a", "prefix-shared-by-many-keys-1", "prefix-shared-by-many-keys-2",
                "prefix-shared-by-many-keys-1", "\u00e9t\u00e9"};
            KeyColumn column = TestColumns.strings(arena, values, null);
            long[] out = new long[values.length];
            HashKernels.hashStrings(column.offsets(), column.data(), values.length, out, false);
            assertEquals(out[0], out[1]);
            assertEquals(out[3], out[5]);
            assertNotEquals(out[3], out[4]);
            assertNotEquals(out[0], out[2]);
            byte[] utf8 = values[6].getBytes(StandardCharsets.UTF_8);
            MemorySegment copy = arena.allocate(utf8.length);
            MemorySegment.copy(utf8, 0, copy, ValueLayout.JAVA_BYTE, 0, utf8.length);
            assertEquals(HashMix.hashBytes(copy, 0, utf8.length), out[6]);
        }
    }

    @Test
    void nullsHashToTheFixedValue() {
        try (Arena arena = Arena.ofConfined()) {
            boolean[] nulls = {false, true, false, true};
            KeyColumn a = TestColumns.ints(arena, new int[] {1, 2, 3, 4}, nulls);
            KeyColumn b = TestColumns.strings(arena, new String[] {"x", "y", null, null}, new boolean[] {false, false, true, true});
            for (boolean simd : new boolean[] {true, false}) {
                long[] out = new long[4];
                HashExecutor.hash(new KeyColumn[] {a}, 4, out, new long[4], simd);
                assertEquals(HashMix.NULL_HASH, out[1]);
                assertEquals(HashMix.NULL_HASH, out[3]);
                assertEquals(HashMix.hashLong(1), out[0]);
                HashExecutor.hash(new KeyColumn[] {a, b}, 4, out, new long[4], simd);
                assertEquals(HashMix.combine(HashMix.NULL_HASH, HashMix.NULL_HASH), out[3]);
                assertEquals(HashMix.combine(HashMix.hashLong(3), HashMix.NULL_HASH), out[2]);
            }
        }
    }
}

package io.blueshift.kernels.sort;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Random off-heap key columns for sort tests: few distinct values (many ties) plus extremes. */
final class SortColumns {
    private static final long[] LONGS = {Long.MIN_VALUE, Long.MAX_VALUE, -1, 0, 1, 255, 256, -256};
    private static final double[] DOUBLES = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
        Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -1.5, 2.5, Double.longBitsToDouble(0xfff8000000000001L)};
    private static final String[] STRINGS = {"", "a", "ab", "abcdefgh", "abcdefghi", "abcdefghj", "abcdefgh\u0000",
        "é", "\u007f", "zz", "abcdefg"};

    private SortColumns() {
    }

    static MemorySegment validity(Arena arena, Random random, int n, double nullRate) {
        if (nullRate == 0) {
            return null;
        }
        MemorySegment v = arena.allocate(Math.max(1, (n + 7) / 8));
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() >= nullRate) {
                v.set(ValueLayout.JAVA_BYTE, i >>> 3, (byte) (v.get(ValueLayout.JAVA_BYTE, i >>> 3) | (1 << (i & 7))));
            }
        }
        return v;
    }

    /** A key of {@code type} over {@code n} random rows. */
    static SortKey key(Arena arena, Random random, SortKeyType type, int n, double nullRate, boolean desc,
                       boolean nullsFirst) {
        MemorySegment validity = validity(arena, random, n, nullRate);
        MemorySegment values;
        MemorySegment offsets = null;
        switch (type) {
            case SHORT -> {
                values = arena.allocate(2L * Math.max(n, 1));
                for (int i = 0; i < n; i++) {
                    short s = random.nextInt(8) == 0 ? (random.nextBoolean() ? Short.MIN_VALUE : Short.MAX_VALUE)
                            : (short) (random.nextInt(7) - 3);
                    values.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i, s);
                }
            }
            case INT -> {
                values = arena.allocate(4L * Math.max(n, 1));
                for (int i = 0; i < n; i++) {
                    int v = random.nextInt(8) == 0 ? (int) LONGS[random.nextInt(LONGS.length)] ^ (random.nextBoolean()
                            ? 0 : Integer.MIN_VALUE) : random.nextInt(7) - 3;
                    values.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, v);
                }
            }
            case LONG -> {
                values = arena.allocate(8L * Math.max(n, 1));
                for (int i = 0; i < n; i++) {
                    long v = random.nextInt(4) == 0 ? LONGS[random.nextInt(LONGS.length)]
                            : random.nextInt(8) == 0 ? random.nextLong() : random.nextInt(7) - 3;
                    values.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, v);
                }
            }
            case FLOAT -> {
                values = arena.allocate(4L * Math.max(n, 1));
                for (int i = 0; i < n; i++) {
                    float v = random.nextInt(3) == 0 ? (float) DOUBLES[random.nextInt(DOUBLES.length)]
                            : random.nextInt(7) - 3;
                    values.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i, v);
                }
            }
            case DOUBLE -> {
                values = arena.allocate(8L * Math.max(n, 1));
                for (int i = 0; i < n; i++) {
                    double v = random.nextInt(3) == 0 ? DOUBLES[random.nextInt(DOUBLES.length)]
                            : random.nextInt(7) - 3;
                    values.setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i, v);
                }
            }
            case DECIMAL128 -> {
                values = arena.allocate(16L * Math.max(n, 1));
                for (int i = 0; i < n; i++) {
                    long hi = random.nextInt(4) == 0 ? LONGS[random.nextInt(LONGS.length)] : random.nextInt(3) - 1;
                    long lo = random.nextInt(4) == 0 ? LONGS[random.nextInt(LONGS.length)] : random.nextInt(3) - 1;
                    values.set(ValueLayout.JAVA_LONG_UNALIGNED, 16L * i, lo);
                    values.set(ValueLayout.JAVA_LONG_UNALIGNED, 16L * i + 8, hi);
                }
            }
            case BOOLEAN -> values = validity(arena, random, Math.max(n, 1), 0.5);
            case STRING -> {
                byte[][] bytes = new byte[n][];
                int total = 0;
                for (int i = 0; i < n; i++) {
                    bytes[i] = STRINGS[random.nextInt(STRINGS.length)].getBytes(StandardCharsets.UTF_8);
                    total += bytes[i].length;
                }
                offsets = arena.allocate(4L * (n + 1));
                values = arena.allocate(Math.max(total, 1)).asSlice(0, total);
                int at = 0;
                for (int i = 0; i < n; i++) {
                    offsets.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, at);
                    MemorySegment.copy(MemorySegment.ofArray(bytes[i]), 0, values, at, bytes[i].length);
                    at += bytes[i].length;
                }
                offsets.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, n, at);
            }
            default -> throw new AssertionError(type);
        }
        return new SortKey(type, values, offsets, validity, desc, nullsFirst);
    }
}

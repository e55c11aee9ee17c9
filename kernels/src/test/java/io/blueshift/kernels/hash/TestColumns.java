package io.blueshift.kernels.hash;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Builds Arrow-layout key columns in an arena for the hash, group and join tests. */
public final class TestColumns {
    private TestColumns() {
    }

    /** An Arrow validity bitmap (null when {@code nulls} is null or has no NULL). */
    public static MemorySegment validity(Arena arena, boolean[] nulls) {
        if (nulls == null) {
            return null;
        }
        boolean any = false;
        for (boolean b : nulls) {
            any |= b;
        }
        if (!any) {
            return null;
        }
        MemorySegment v = arena.allocate(Math.max(1, (nulls.length + 7) / 8));
        for (int i = 0; i < nulls.length; i++) {
            if (!nulls[i]) {
                byte b = v.get(ValueLayout.JAVA_BYTE, i >>> 3);
                v.set(ValueLayout.JAVA_BYTE, i >>> 3, (byte) (b | (1 << (i & 7))));
            }
        }
        return v;
    }

    public static KeyColumn shorts(Arena arena, short[] values, boolean[] nulls) {
        MemorySegment s = arena.allocate(Math.max(1, values.length * 2L), 8);
        MemorySegment.copy(values, 0, s, ValueLayout.JAVA_SHORT_UNALIGNED, 0, values.length);
        return KeyColumn.of(KeyType.SHORT, s, validity(arena, nulls));
    }

    public static KeyColumn ints(Arena arena, int[] values, boolean[] nulls) {
        MemorySegment s = arena.allocate(Math.max(1, values.length * 4L), 8);
        MemorySegment.copy(values, 0, s, ValueLayout.JAVA_INT_UNALIGNED, 0, values.length);
        return KeyColumn.of(KeyType.INT, s, validity(arena, nulls));
    }

    public static KeyColumn longs(Arena arena, long[] values, boolean[] nulls) {
        MemorySegment s = arena.allocate(Math.max(1, values.length * 8L), 8);
        MemorySegment.copy(values, 0, s, ValueLayout.JAVA_LONG_UNALIGNED, 0, values.length);
        return KeyColumn.of(KeyType.LONG, s, validity(arena, nulls));
    }

    public static KeyColumn floats(Arena arena, float[] values, boolean[] nulls) {
        MemorySegment s = arena.allocate(Math.max(1, values.length * 4L), 8);
        MemorySegment.copy(values, 0, s, ValueLayout.JAVA_FLOAT_UNALIGNED, 0, values.length);
        return KeyColumn.of(KeyType.FLOAT, s, validity(arena, nulls));
    }

    public static KeyColumn doubles(Arena arena, double[] values, boolean[] nulls) {
        MemorySegment s = arena.allocate(Math.max(1, values.length * 8L), 8);
        MemorySegment.copy(values, 0, s, ValueLayout.JAVA_DOUBLE_UNALIGNED, 0, values.length);
        return KeyColumn.of(KeyType.DOUBLE, s, validity(arena, nulls));
    }

    /** DECIMAL128 values given as (low, high) pairs. */
    public static KeyColumn decimals(Arena arena, long[] low, long[] high, boolean[] nulls) {
        MemorySegment s = arena.allocate(Math.max(1, low.length * 16L), 8);
        for (int i = 0; i < low.length; i++) {
            s.set(ValueLayout.JAVA_LONG_UNALIGNED, i * 16L, low[i]);
            s.set(ValueLayout.JAVA_LONG_UNALIGNED, i * 16L + 8, high[i]);
        }
        return KeyColumn.of(KeyType.DECIMAL128, s, validity(arena, nulls));
    }

    /** Strings in Arrow VarChar layout, the data exactly as long as the bytes (no slack at the end). */
    public static KeyColumn strings(Arena arena, String[] values, boolean[] nulls) {
        MemorySegment offsets = arena.allocate((values.length + 1) * 4L, 4);
        int total = 0;
        for (int i = 0; i < values.length; i++) {
            offsets.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, total);
            total += values[i] == null ? 0 : values[i].getBytes(StandardCharsets.UTF_8).length;
        }
        offsets.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, values.length, total);
        MemorySegment data = arena.allocate(Math.max(1, total)).asSlice(0, total);
        int at = 0;
        for (String value : values) {
            if (value != null) {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                MemorySegment.copy(bytes, 0, data, ValueLayout.JAVA_BYTE, at, bytes.length);
                at += bytes.length;
            }
        }
        return KeyColumn.varchar(offsets, data, validity(arena, nulls));
    }

    /** Random NULL flags with probability {@code p}, or null when p is 0. */
    public static boolean[] nulls(Random random, int n, double p) {
        if (p == 0) {
            return null;
        }
        boolean[] nulls = new boolean[n];
        for (int i = 0; i < n; i++) {
            nulls[i] = random.nextDouble() < p;
        }
        return nulls;
    }

    /** Random strings from a small alphabet, many sharing prefixes, some empty. */
    public static String randomString(Random random, int distinct) {
        int k = random.nextInt(distinct);
        return switch (k % 4) {
            case 0 -> "";
            case 1 -> "prefix-shared-by-many-keys-" + k;
            case 2 -> "k" + k;
            default -> "x".repeat(k % 40) + k;
        };
    }
}

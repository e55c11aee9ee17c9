package io.blueshift.kernels.string;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** An Arrow VarChar column built from Java strings for tests (null entries become null rows). */
record VarChars(MemorySegment offsets, MemorySegment data, MemorySegment validity, int n) {
    static final String[] ALPHABET = {"a", "b", "c", "A", "B", "é", "É", "€", "😀", "%", "_", "\\", "K", "k", "\u212A", "ſ", "s"};

    static VarChars of(Arena arena, String[] values) {
        int n = values.length;
        byte[][] bytes = new byte[n][];
        int total = 0;
        boolean nulls = false;
        for (int i = 0; i < n; i++) {
            bytes[i] = values[i] == null ? new byte[0] : values[i].getBytes(StandardCharsets.UTF_8);
            total += bytes[i].length;
            nulls |= values[i] == null;
        }
        MemorySegment offsets = arena.allocate(4L * (n + 1));
        // exactly sized, so that SIMD tails near the end of the buffer take their scalar fallback
        MemorySegment data = arena.allocate(Math.max(total, 1)).asSlice(0, total);
        MemorySegment validity = nulls ? arena.allocate(Math.max(1, (n + 7) / 8)) : null;
        int at = 0;
        for (int i = 0; i < n; i++) {
            offsets.set(ValueLayout.JAVA_INT_UNALIGNED, 4L * i, at);
            MemorySegment.copy(MemorySegment.ofArray(bytes[i]), 0, data, at, bytes[i].length);
            at += bytes[i].length;
            if (validity != null && values[i] != null) {
                byte b = validity.get(ValueLayout.JAVA_BYTE, i >>> 3);
                validity.set(ValueLayout.JAVA_BYTE, i >>> 3, (byte) (b | (1 << (i & 7))));
            }
        }
        offsets.set(ValueLayout.JAVA_INT_UNALIGNED, 4L * n, at);
        return new VarChars(offsets, data, validity, n);
    }

    /** A random string of {@code 0..maxChars} characters from {@code alphabet}. */
    static String random(Random random, String[] alphabet, int maxChars) {
        int len = random.nextInt(maxChars + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            sb.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return sb.toString();
    }

    static String[] randomColumn(Random random, int n, String[] alphabet, int maxChars, double nullRate) {
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextDouble() < nullRate ? null : random(random, alphabet, maxChars);
        }
        return values;
    }
}

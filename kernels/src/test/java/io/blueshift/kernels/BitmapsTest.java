package io.blueshift.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BitmapsTest {
    @Test
    void validityWordsMatchBytesForEveryLength() {
        Random random = new Random(42);
        try (Arena arena = Arena.ofConfined()) {
            for (int n = 0; n < 200; n++) {
                int bytes = (n + 7) / 8;
                MemorySegment validity = arena.allocate(Math.max(1, bytes));
                boolean[] expected = new boolean[n];
                for (int i = 0; i < n; i++) {
                    expected[i] = random.nextBoolean();
                    if (expected[i]) {
                        byte b = validity.get(ValueLayout.JAVA_BYTE, i >>> 3);
                        validity.set(ValueLayout.JAVA_BYTE, i >>> 3, (byte) (b | (1 << (i & 7))));
                    }
                }
                long[] words = new long[Bitmaps.words(n)];
                Bitmaps.loadValidity(validity.asSlice(0, bytes), n, words);
                for (int i = 0; i < n; i++) {
                    assertEquals(expected[i], Bitmaps.get(words, i), "n=" + n + " i=" + i);
                    assertEquals(expected[i], Bitmaps.isValid(validity, i));
                }
            }
        }
    }

    @Test
    void positionsOfSetBitsAscendAndIgnoreTheTail() {
        long[] bits = {0b1011L | (1L << 63), -1L};
        int[] out = new int[128];
        int count = Bitmaps.toPositions(bits, 66, out);
        assertArrayEquals(new int[] {0, 1, 3, 63, 64, 65}, Arrays.copyOf(out, count));
        assertEquals(6, Bitmaps.cardinality(bits, 66));
    }

    @Test
    void fullBitmapBecomesARangeSelection() {
        long[] bits = {-1L};
        Selection all = Bitmaps.toSelection(bits, 64);
        assertTrue(all.isRange());
        assertEquals(64, all.count());
        Selection some = Bitmaps.toSelection(new long[] {0b110L}, 64);
        assertFalse(some.isRange());
        assertArrayEquals(new int[] {1, 2}, some.toArray());
    }
}

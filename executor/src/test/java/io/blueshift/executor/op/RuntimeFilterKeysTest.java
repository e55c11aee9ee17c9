package io.blueshift.executor.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.kernels.hash.HashMix;
import io.blueshift.kernels.hash.KeyColumn;
import io.blueshift.kernels.hash.KeyType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The key sets of runtime filters: the exact bitmap of a one-column integer key whose build
 * values lie close together holds exactly the build's non-NULL keys, wherever the range lies
 * (the type's extremes included, where key - min wraps); keys spread too far, or of two columns,
 * get a Bloom filter, which holds every build key.
 */
class RuntimeFilterKeysTest {
    private static KeyColumn longs(long[] values, boolean[] nulls) {
        MemorySegment validity = null;
        if (nulls != null) {
            byte[] bits = new byte[(values.length + 7) / 8];
            for (int i = 0; i < values.length; i++) {
                if (!nulls[i]) {
                    bits[i >>> 3] |= (byte) (1 << (i & 7));
                }
            }
            validity = MemorySegment.ofArray(bits);
        }
        // a heap segment over bytes, which the vector kernels read as they read off-heap memory
        MemorySegment data = MemorySegment.ofArray(new byte[values.length * Long.BYTES]);
        for (int i = 0; i < values.length; i++) {
            data.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, values[i]);
        }
        return KeyColumn.of(KeyType.LONG, data, validity);
    }

    @Test
    void closeIntegerKeysGetTheirExactSetAndSpreadOnesABloomFilter() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (long base : new long[] {Long.MIN_VALUE, -5000, 0, Long.MAX_VALUE - 9000}) {
            long[] keys = new long[800];
            boolean[] nulls = new boolean[keys.length];
            Set<Long> held = new HashSet<>();
            for (int i = 0; i < keys.length; i++) {
                keys[i] = base + random.nextInt(9000);
                nulls[i] = random.nextInt(20) == 0;
                if (!nulls[i]) {
                    held.add(keys[i]);
                }
            }
            String message = "seed=" + seed + " base=" + base;
            RuntimeFilter.KeyBits exact = assertInstanceOf(RuntimeFilter.KeyBits.class,
                    RuntimeFilter.of(new KeyColumn[] {longs(keys, nulls)}, keys.length), message);
            for (long k = base - 200; k != base + 9200; k++) {
                assertEquals(held.contains(k), exact.contains(k), message + " key=" + k);
            }
            for (long k : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1}) {
                assertEquals(held.contains(k), exact.contains(k), message + " key=" + k);
            }
        }
        long[] spread = new long[1000];
        for (int i = 0; i < spread.length; i++) {
            spread[i] = i * 1_000_003L;
        }
        RuntimeFilter.Bloom bloom = assertInstanceOf(RuntimeFilter.Bloom.class,
                RuntimeFilter.of(new KeyColumn[] {longs(spread, null)}, spread.length));
        for (long k : spread) {
            assertTrue(bloom.mayContain(HashMix.hashLong(k)), "seed=" + seed + " key=" + k);
        }
        KeyColumn[] twoColumns = {longs(new long[] {1, 2}, null), longs(new long[] {3, 4}, null)};
        assertInstanceOf(RuntimeFilter.Bloom.class, RuntimeFilter.of(twoColumns, 2));
    }
}

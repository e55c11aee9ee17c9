package io.blueshift.kernels.group;

import io.blueshift.kernels.Simd;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Perfect hashing for a single integer key whose values span a small range, as DuckDB's perfect
 * hash aggregate does: {@code ids[key - base]} holds the group id + 1 (0 = not seen yet), so a
 * batch maps to group ids with one subtraction and one gather per row and no hashing or key
 * compare. It is only a cache in front of the hash table (every group is also in the table), so
 * ids stay dense in first-seen order and a batch outside the range simply takes the hashed path.
 */
final class DirectIds {
    /** The widest key range mapped directly whatever the groups expected (a 256 KiB heap array at most). */
    static final int MAX_SPAN = 1 << 16;
    /** The widest key range mapped directly for many groups expected (a 16 MiB heap array at most). */
    static final int MAX_WIDE_SPAN = 1 << 22;

    private static final VectorSpecies<Integer> I = Simd.INT;
    private static final VectorSpecies<Long> L = Simd.LONG;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private int maxSpan;
    private int[] ids;
    private long base;
    /** The least and greatest keys covered so far. */
    private long seenMin;
    private long seenMax;
    /** Set once a batch fell outside the range: keys that spread once will spread again. */
    private boolean givenUp;

    /**
     * A map of keys spanning up to {@link #MAX_SPAN}, or four slots a group for the groups
     * expected, up to {@link #MAX_WIDE_SPAN}: a GROUP BY of 150 K customer keys in random order
     * (TPC-H Q13) then reads an array of 600 KB a row, where the hash table's slots take 16 bytes
     * each, twice the groups, and a hash a row. The wider span holds only where the first batch's
     * keys already spread past {@link #MAX_SPAN}, as keys in random order do: keys that come in
     * ascending order (lineitem's order keys, TPC-H Q18) would grow the array batch after batch,
     * and the table appends them without a lookup anyway ({@link GroupHashTable#indexLazily}).
     */
    DirectIds(long expectedGroups) {
        this.maxSpan = (int) Math.max(MAX_SPAN, Math.min(MAX_WIDE_SPAN, 4 * Math.max(0, expectedGroups)));
    }

    /**
     * Widens the map to cover keys {@code min..max} and answers whether it could; it cannot when
     * the range together with the keys already mapped spans its largest span or more, and from
     * then on never again (so wide keys pay the range check once, not per batch).
     */
    boolean cover(long min, long max) {
        if (givenUp) {
            return false;
        }
        if (ids == null && Long.compareUnsigned(max - min, MAX_SPAN) < 0) {
            maxSpan = MAX_SPAN;
        }
        // the span is that of the keys seen, not of the array, which is allocated wider
        long lo = ids == null ? min : Math.min(seenMin, min);
        long hi = ids == null ? max : Math.max(seenMax, max);
        if (Long.compareUnsigned(hi - lo, maxSpan) >= 0) {
            givenUp = true;
            ids = null;
            return false;
        }
        if (ids != null && lo >= base && hi <= base + ids.length - 1) {
            seenMin = lo;
            seenMax = hi;
            return true;
        }
        long length = Math.min(maxSpan, Math.max(2 * (hi - lo + 1), 1024));
        if (lo + length - 1 < lo) {
            length = hi - lo + 1;
        }
        int[] wider = new int[(int) length];
        if (ids != null) {
            System.arraycopy(ids, (int) (seenMin - base), wider, (int) (seenMin - lo), (int) (seenMax - seenMin + 1));
        }
        ids = wider;
        base = lo;
        seenMin = lo;
        seenMax = hi;
        return true;
    }

    /** The group id of key {@code key} (which {@link #cover} covered), or -1 if not mapped yet. */
    int get(long key) {
        return ids[(int) (key - base)] - 1;
    }

    void put(long key, int id) {
        ids[(int) (key - base)] = id + 1;
    }

    boolean givenUp() {
        return givenUp;
    }

    /** Writes {@code ids[key - base] - 1} for int keys; answers whether some row was not mapped. */
    boolean mapInts(MemorySegment keys, int n, int[] out, boolean simd) {
        int b = (int) base;
        int i = 0;
        boolean miss = false;
        if (simd) {
            int bound = I.loopBound(n);
            for (; i < bound; i += I.length()) {
                IntVector index = IntVector.fromMemorySegment(I, keys, (long) i << 2, LE).sub(b);
                index.intoArray(out, i);
                IntVector id = IntVector.fromArray(I, ids, 0, out, i);
                miss |= id.eq(0).anyTrue();
                id.sub(1).intoArray(out, i);
            }
        }
        for (; i < n; i++) {
            int id = ids[keys.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i) - b] - 1;
            miss |= id < 0;
            out[i] = id;
        }
        return miss;
    }

    /** As {@link #mapInts} for long keys (the lookup is scalar: a gather needs int indexes). */
    boolean mapLongs(MemorySegment keys, int n, int[] out) {
        boolean miss = false;
        for (int i = 0; i < n; i++) {
            int id = ids[(int) (keys.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i) - base)] - 1;
            miss |= id < 0;
            out[i] = id;
        }
        return miss;
    }

    /** {min, max} of n > 0 int keys into {@code range}. */
    static void intRange(MemorySegment keys, int n, boolean simd, long[] range) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        int i = 0;
        if (simd && n >= I.length()) {
            IntVector vmin = IntVector.broadcast(I, Integer.MAX_VALUE);
            IntVector vmax = IntVector.broadcast(I, Integer.MIN_VALUE);
            int bound = I.loopBound(n);
            for (; i < bound; i += I.length()) {
                IntVector v = IntVector.fromMemorySegment(I, keys, (long) i << 2, LE);
                vmin = vmin.min(v);
                vmax = vmax.max(v);
            }
            min = vmin.reduceLanes(VectorOperators.MIN);
            max = vmax.reduceLanes(VectorOperators.MAX);
        }
        for (; i < n; i++) {
            int v = keys.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        range[0] = min;
        range[1] = max;
    }

    /** {min, max} of n > 0 long keys into {@code range}. */
    static void longRange(MemorySegment keys, int n, boolean simd, long[] range) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        int i = 0;
        if (simd && n >= L.length()) {
            LongVector vmin = LongVector.broadcast(L, Long.MAX_VALUE);
            LongVector vmax = LongVector.broadcast(L, Long.MIN_VALUE);
            int bound = L.loopBound(n);
            for (; i < bound; i += L.length()) {
                LongVector v = LongVector.fromMemorySegment(L, keys, (long) i << 3, LE);
                vmin = vmin.min(v);
                vmax = vmax.max(v);
            }
            min = vmin.reduceLanes(VectorOperators.MIN);
            max = vmax.reduceLanes(VectorOperators.MAX);
        }
        for (; i < n; i++) {
            long v = keys.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        range[0] = min;
        range[1] = max;
    }
}

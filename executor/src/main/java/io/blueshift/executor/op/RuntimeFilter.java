package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.kernels.hash.HashExecutor;
import io.blueshift.kernels.hash.KeyColumn;
import io.blueshift.kernels.hash.KeyType;
import java.util.List;

/**
 * A set of a hash join's build keys that a filter on its probe side applies before it
 * copies its rows (DuckDB's dynamic join filters, "sideways information passing"): a probe row
 * whose key no build row has can never join, so it is dropped where the scan's rows are first
 * filtered, before its columns are gathered, passed up and probed. TPC-H Q7 joins 1.8 M lineitem
 * rows of two years with the 798 suppliers of two nations: with the filter, 145 K rows leave the
 * scan's filter instead of 1.8 M. The set is a Bloom filter of the keys' hashes, or, for a key of
 * one integer column whose build values lie in a range of at most 16 bits a key (as many as the
 * Bloom filter takes), the exact set as a bitmap over that range ({@link KeyBits}): no hashing, and
 * no false positives (the 798 suppliers of Q7 lie in a range of 10 K).
 *
 * <p>The join state makes one per run ({@link WorkerContext#newRuntimeFilter}) before it makes its
 * probe side, whose filter states take it ({@link WorkerContext#runtimeFilter}); the join fills it
 * when its build is hashed, before it reads a probe row. Until then, and for a filter that finds
 * none, every row passes. Only joins that drop the probe rows without a match (INNER, RIGHT,
 * SEMI) have one. A row with a NULL key never matches and is dropped. The filter stops testing
 * when it drops fewer than one row in twenty of the first rows it tests.
 */
public final class RuntimeFilter {
    private static final long MIX = 0x9E3779B97F4A7C15L;
    /** How many rows a filter tests before it judges whether testing pays. */
    private static final long JUDGED_AFTER = 1 << 16;
    private static final int MIN_WORDS = 64;

    private volatile Keys keys;

    /** What joins a join's state to the filters of its probe side: one object per join plan. */
    public record Key(String buildKeys) {
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** Where a filter applies one: the key columns of its input, in the join's key order. */
    public record Use(Key key, int[] columns) {
        public Use {
            columns = columns.clone();
        }
    }

    /** Fills the filter with the keys of the build rows. */
    void publish(Keys built) {
        keys = built;
    }

    /** The build keys a filter tests: a {@link Bloom} filter of their hashes, or the exact {@link KeyBits}. */
    sealed interface Keys permits Bloom, KeyBits {
    }

    /** The set of {@code n} rows' keys: exact {@link KeyBits} where they allow it, else a Bloom filter. */
    static Keys of(KeyColumn[] keys, int n) {
        KeyBits exact = KeyBits.of(keys, n);
        return exact != null ? exact : bloomOf(keys, n);
    }

    /** The Bloom filter of {@code n} rows' keys. */
    static Bloom bloomOf(KeyColumn[] keys, int n) {
        long[] hashes = new long[Math.max(1, n)];
        HashExecutor.hash(keys, n, hashes, new long[Math.max(1, n)]);
        // 16 bits a key (about one false positive in a hundred), at least 512 bytes
        int words = Integer.highestOneBit(Math.max(MIN_WORDS, n / 4) * 2 - 1);
        Bloom b = new Bloom(new long[words], 64 - Integer.numberOfTrailingZeros(words));
        for (int i = 0; i < n; i++) {
            if (!anyNull(keys, i)) {
                b.add(hashes[i]);
            }
        }
        return b;
    }

    /** Whether a column of the key is NULL in {@code row} (such a row never joins). */
    private static boolean anyNull(KeyColumn[] keys, int row) {
        for (KeyColumn k : keys) {
            if (k.isNull(row)) {
                return true;
            }
        }
        return false;
    }

    /** The set of the build rows' keys {@code keys} (columns of {@code build}). */
    static Keys of(Batch build, int[] keys, KeyType[] types) {
        return of(JoinKeys.columns(build, keys, types), build.rowCount());
    }

    /**
     * The exact keys of a one-column integer key: bit {@code key - min} of {@code words} set for
     * each build key, over a range of at most {@link #MAX_BITS_PER_KEY} bits a key (the Bloom
     * filter's size) or {@link #MIN_BITS}, and at most {@link #MAX_BITS}.
     */
    record KeyBits(long min, long range, long[] words) implements Keys {
        static final int MAX_BITS_PER_KEY = 16;
        static final int MIN_BITS = 1 << 16;
        static final int MAX_BITS = 1 << 26;

        /** The exact set of {@code n} rows' keys, or null where the key is not one integer column or spreads too far. */
        static KeyBits of(KeyColumn[] keys, int n) {
            if (keys.length != 1 || !keys[0].type().isInteger()) {
                return null;
            }
            KeyColumn key = keys[0];
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (!key.isNull(i)) {
                    long k = key.keyBits(i);
                    min = Math.min(min, k);
                    max = Math.max(max, k);
                    count++;
                }
            }
            long range = max - min + 1; // at most 0 where it wraps: keys too far apart
            if (count == 0 || range <= 0 || range > MAX_BITS
                    || range > Math.max(MIN_BITS, (long) MAX_BITS_PER_KEY * count)) {
                return null;
            }
            long[] words = new long[(int) ((range + 63) >>> 6)];
            for (int i = 0; i < n; i++) {
                if (!key.isNull(i)) {
                    long at = key.keyBits(i) - min;
                    words[(int) (at >>> 6)] |= 1L << at;
                }
            }
            return new KeyBits(min, range, words);
        }

        boolean contains(long key) {
            long at = key - min;
            return Long.compareUnsigned(at, range) < 0 && (words[(int) (at >>> 6)] & 1L << at) != 0;
        }
    }

    /** One word of 64 bits per key, three of them set (a blocked Bloom filter: one cache line read per test). */
    record Bloom(long[] words, int shift) implements Keys {
        void add(long hash) {
            long g = hash * MIX;
            words[index(g)] |= bits(g);
        }

        boolean mayContain(long hash) {
            long g = hash * MIX;
            long need = bits(g);
            return (words[index(g)] & need) == need;
        }

        private int index(long g) {
            return shift == 64 ? 0 : (int) (g >>> shift);
        }

        private static long bits(long g) {
            return (1L << g) | (1L << (g >>> 6)) | (1L << (g >>> 12));
        }
    }

    /** One filter state's test of the rows of its input batches against a join's build keys. */
    static final class Probe {
        private final RuntimeFilter filter;
        private final Use use;
        private final KeyType[] types;
        private long tested;
        private long dropped;
        private boolean off;
        private long[] hashes = new long[0];
        private long[] scratch = new long[0];
        private long[] bits = new long[0];

        Probe(RuntimeFilter filter, Use use, KeyType[] types) {
            this.filter = filter;
            this.use = use;
            this.types = types;
        }

        /**
         * Keeps of the {@code kept} rows of {@code batch} at {@code positions} those whose key may
         * be among the build's, compacting {@code positions}; returns how many are left.
         */
        int apply(Batch batch, int[] positions, int kept) {
            Keys built = filter.keys;
            if (built == null || off || kept == 0) {
                return kept;
            }
            KeyColumn[] keys = JoinKeys.columns(batch, use.columns(), types);
            boolean nulls = false;
            for (KeyColumn k : keys) {
                nulls |= k.validity() != null;
            }
            int out = switch (built) {
                case KeyBits exact -> keep(exact, keys[0], batch.rowCount(), positions, kept, nulls);
                case Bloom b -> keep(b, keys, batch.rowCount(), positions, kept, nulls);
            };
            tested += kept;
            dropped += kept - out;
            if (tested >= JUDGED_AFTER && dropped * 20 < tested) {
                off = true; // the build holds nearly every key: testing costs more than it saves
            }
            return out;
        }

        /** Keeps the rows whose key is in {@code exact}: each read once, no hashing. */
        private int keep(KeyBits exact, KeyColumn key, int n, int[] positions, int kept, boolean nulls) {
            if (bits.length < n) {
                bits = new long[n];
            }
            key.keyBits(n, bits); // NULL rows: whatever their slot holds, tested apart
            int out = 0;
            for (int j = 0; j < kept; j++) {
                int row = positions[j];
                positions[out] = row;
                out += exact.contains(bits[row]) && (!nulls || !key.isNull(row)) ? 1 : 0;
            }
            return out;
        }

        /** Keeps the rows whose key's hash the Bloom filter {@code b} may hold. */
        private int keep(Bloom b, KeyColumn[] keys, int n, int[] positions, int kept, boolean nulls) {
            int out = 0;
            if (kept * 4L >= n) {
                // most rows are tested: hash them all with the vector kernels, then test
                if (hashes.length < n) {
                    hashes = new long[n];
                    scratch = new long[n];
                }
                HashExecutor.hash(keys, n, hashes, scratch);
                for (int j = 0; j < kept; j++) {
                    int row = positions[j];
                    positions[out] = row;
                    out += (!nulls || !anyNull(keys, row)) && b.mayContain(hashes[row]) ? 1 : 0;
                }
            } else {
                for (int j = 0; j < kept; j++) {
                    int row = positions[j];
                    positions[out] = row;
                    out += (!nulls || !anyNull(keys, row)) && b.mayContain(KeyColumn.hashRow(keys, row)) ? 1 : 0;
                }
            }
            return out;
        }

        /** How many rows it dropped, for EXPLAIN ANALYZE. */
        long dropped() {
            return dropped;
        }

        Use use() {
            return use;
        }
    }

    /**
     * The probes of {@code uses} in one filter state over input columns of {@code types}, each over
     * the filter its join's state made just before (or one that stays empty where none did).
     */
    static Probe[] probes(List<Use> uses, List<SqlType> types, WorkerContext worker) {
        Probe[] out = new Probe[uses.size()];
        for (int i = 0; i < out.length; i++) {
            RuntimeFilter f = worker.runtimeFilter(uses.get(i).key());
            out[i] = new Probe(f == null ? new RuntimeFilter() : f, uses.get(i),
                    JoinKeys.types(types, uses.get(i).columns()));
        }
        return out;
    }
}

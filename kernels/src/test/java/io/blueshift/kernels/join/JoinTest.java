package io.blueshift.kernels.join;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.blueshift.kernels.ArenaAllocator;
import io.blueshift.kernels.hash.HashMix;
import io.blueshift.kernels.hash.KeyColumn;
import io.blueshift.kernels.hash.KeyType;
import io.blueshift.kernels.hash.TestColumns;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class JoinTest {
    /** Key columns of one side plus the plain values (null for NULL) the reference compares. */
    private record Side(KeyColumn[] columns, Object[][] values, int n) {
    }

    private static Side side(Arena arena, KeyType[] types, Random random, int n, int distinct, double nullRate) {
        KeyColumn[] columns = new KeyColumn[types.length];
        Object[][] values = new Object[types.length][n];
        for (int c = 0; c < types.length; c++) {
            boolean[] nulls = TestColumns.nulls(random, n, nullRate);
            switch (types[c]) {
                case SHORT -> {
                    short[] v = new short[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = (short) (random.nextInt(distinct) - distinct / 2);
                        values[c][i] = (long) v[i];
                    }
                    columns[c] = TestColumns.shorts(arena, v, nulls);
                }
                case INT -> {
                    // the extremes too, which a key of two such columns packed into one 64-bit
                    // word must keep apart from -1 and 0 (sign extension of the low word)
                    int[] extremes = {Integer.MIN_VALUE, Integer.MAX_VALUE, -1};
                    int[] v = new int[n];
                    for (int i = 0; i < n; i++) {
                        int k = random.nextInt(distinct);
                        v[i] = k < extremes.length && random.nextBoolean() ? extremes[k] : k - distinct / 2;
                        values[c][i] = (long) v[i];
                    }
                    columns[c] = TestColumns.ints(arena, v, nulls);
                }
                case LONG -> {
                    long[] v = new long[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = random.nextInt(distinct) == 0 ? Long.MIN_VALUE : random.nextInt(distinct) * 0x1_0000_0001L;
                        values[c][i] = v[i];
                    }
                    columns[c] = TestColumns.longs(arena, v, nulls);
                }
                case DOUBLE -> {
                    double[] v = new double[n];
                    double[] special = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY};
                    for (int i = 0; i < n; i++) {
                        int k = random.nextInt(distinct);
                        v[i] = k < special.length ? special[k] : k * 0.5;
                        values[c][i] = HashMix.doubleKeyBits(v[i]);
                    }
                    columns[c] = TestColumns.doubles(arena, v, nulls);
                }
                case VARCHAR -> {
                    String[] v = new String[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = TestColumns.randomString(random, distinct);
                        values[c][i] = v[i];
                    }
                    columns[c] = TestColumns.strings(arena, v, nulls);
                }
                default -> throw new IllegalArgumentException(types[c].toString());
            }
            if (nulls != null) {
                for (int i = 0; i < n; i++) {
                    if (nulls[i]) {
                        values[c][i] = null;
                    }
                }
            }
        }
        return new Side(columns, values, n);
    }

    private static boolean matches(Side probe, int p, Side build, int b) {
        for (int c = 0; c < probe.values.length; c++) {
            Object x = probe.values[c][p];
            if (x == null || !Objects.equals(x, build.values[c][b])) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyNull(Side side, int row) {
        for (Object[] column : side.values) {
            if (column[row] == null) {
                return true;
            }
        }
        return false;
    }

    /** The nested-loop reference, as sorted (probe << 32 | build + 1) codes. */
    private static long[] reference(JoinType type, Side probe, Side build) {
        long[] out = new long[probe.n * Math.max(1, build.n) + build.n];
        int count = 0;
        boolean buildHasNull = false;
        for (int b = 0; b < build.n; b++) {
            buildHasNull |= anyNull(build, b);
        }
        boolean[] buildMatched = new boolean[build.n];
        for (int p = 0; p < probe.n; p++) {
            boolean any = false;
            for (int b = 0; b < build.n; b++) {
                if (matches(probe, p, build, b)) {
                    any = true;
                    buildMatched[b] = true;
                    if (type == JoinType.INNER || type == JoinType.LEFT || type == JoinType.RIGHT || type == JoinType.FULL) {
                        out[count++] = code(p, b);
                    }
                }
            }
            boolean emit = switch (type) {
                case INNER, RIGHT -> false;
                case LEFT, FULL, ANTI -> !any;
                case SEMI -> any;
                case ANTI_NULL_AWARE -> !buildHasNull && !any && (!anyNull(probe, p) || build.n == 0);
            };
            if (emit) {
                out[count++] = code(p, -1);
            }
        }
        if (type == JoinType.RIGHT || type == JoinType.FULL) {
            for (int b = 0; b < build.n; b++) {
                if (!buildMatched[b]) {
                    out[count++] = code(-1, b);
                }
            }
        }
        long[] result = Arrays.copyOf(out, count);
        Arrays.sort(result);
        return result;
    }

    private static long code(int probe, int build) {
        return ((long) probe << 32) | (build + 1L);
    }

    private static long[] join(JoinType type, Side probe, Side build, int buffer, boolean simd, int buildBatches,
            ArenaAllocator allocator) {
        KeyType[] types = new KeyType[probe.columns.length];
        for (int c = 0; c < types.length; c++) {
            types[c] = probe.columns[c].type();
        }
        long[] out = new long[probe.n * Math.max(1, build.n) + build.n];
        int count = 0;
        try (JoinHashTable table = new JoinHashTable(allocator, true, simd, 4, types)) {
            // the build side arrives as several batches that are slices of one column
            int per = Math.max(1, (build.n + buildBatches - 1) / buildBatches);
            for (int from = 0; from < build.n; from += per) {
                int rows = Math.min(per, build.n - from);
                table.add(slice(build.columns, from, rows), rows);
            }
            // the probe side too, in as many batches: after a batch whose keys mostly missed, the
            // next ones read the table's Bloom filter first
            JoinProbe probing = new JoinProbe(table, type);
            int[] probeRows = new int[buffer];
            int[] buildRows = new int[buffer + 3];
            int got;
            int probePer = Math.max(1, (probe.n + buildBatches - 1) / buildBatches);
            for (int from = 0; from < probe.n; from += probePer) {
                probing.start(slice(probe.columns, from, Math.min(probePer, probe.n - from)), Math.min(probePer, probe.n - from));
                while ((got = probing.next(probeRows, buildRows)) > 0) {
                    for (int i = 0; i < got; i++) {
                        out[count++] = code(from + probeRows[i], buildRows[i]);
                    }
                }
            }
            if (type == JoinType.RIGHT || type == JoinType.FULL) {
                int from = 0;
                int[] unmatched = new int[buffer];
                while (true) {
                    got = table.unmatchedRows(from, unmatched);
                    for (int i = 0; i < got; i++) {
                        out[count++] = code(-1, unmatched[i]);
                    }
                    if (got < unmatched.length) {
                        break;
                    }
                    from = unmatched[got - 1] + 1;
                }
            }
        }
        long[] result = Arrays.copyOf(out, count);
        Arrays.sort(result);
        return result;
    }

    /** Rows {@code from .. from + rows - 1} of key columns, as columns of their own. */
    private static KeyColumn[] slice(KeyColumn[] columns, int from, int rows) {
        KeyColumn[] sliced = new KeyColumn[columns.length];
        for (int c = 0; c < columns.length; c++) {
            sliced[c] = sliceOne(columns[c], from, rows);
        }
        return sliced;
    }

    private static KeyColumn sliceOne(KeyColumn column, int from, int rows) {
        MemorySegment validity = column.validity();
        if (validity != null) {
            // rebuild the bitmap so that row 0 of the slice is bit 0
            MemorySegment bits = MemorySegment.ofArray(new byte[(rows + 7) / 8 + 1]);
            for (int i = 0; i < rows; i++) {
                if (!column.isNull(from + i)) {
                    bits.set(ValueLayout.JAVA_BYTE, i >>> 3,
                            (byte) (bits.get(ValueLayout.JAVA_BYTE, i >>> 3) | (1 << (i & 7))));
                }
            }
            validity = bits;
        }
        if (column.type() == KeyType.VARCHAR) {
            return KeyColumn.varchar(column.offsets().asSlice(from * 4L), column.data(), validity);
        }
        return KeyColumn.of(column.type(), column.data().asSlice((long) from * column.type().byteWidth()), validity);
    }

    @Test
    void everyJoinTypeMatchesNestedLoops() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        KeyType[][] keyTypes = {{KeyType.INT}, {KeyType.VARCHAR}, {KeyType.LONG, KeyType.VARCHAR}, {KeyType.DOUBLE},
                {KeyType.INT, KeyType.INT}, {KeyType.SHORT, KeyType.INT}};
        ArenaAllocator allocator = new ArenaAllocator();
        try (Arena arena = Arena.ofConfined()) {
            for (KeyType[] types : keyTypes) {
                // the third number, where there is one, widens the probe side's keys: most miss
                for (int[] sizes : new int[][] {{0, 0}, {0, 10}, {10, 0}, {1, 1}, {67, 130}, {300, 200}, {50, 500},
                        {900, 40, 50}}) {
                    double nullRate = random.nextBoolean() ? 0 : 0.1;
                    int distinct = 1 + random.nextInt(40);
                    Side probe = side(arena, types, random, sizes[0], distinct * (sizes.length > 2 ? sizes[2] : 1), nullRate);
                    Side build = side(arena, types, random, sizes[1], distinct, random.nextBoolean() ? 0 : 0.05);
                    for (JoinType type : JoinType.values()) {
                        long[] expected = reference(type, probe, build);
                        for (boolean simd : new boolean[] {true, false}) {
                            int buffer = 1 + random.nextInt(20);
                            String message = "seed=" + seed + " types=" + Arrays.toString(types) + " " + type
                                    + " probe=" + sizes[0] + " build=" + sizes[1] + " simd=" + simd + " buffer=" + buffer;
                            assertArrayEquals(expected, join(type, probe, build, buffer, simd, 1 + random.nextInt(4), allocator), message);
                        }
                    }
                }
            }
        }
        assertEquals(0, allocator.allocatedBytes(), "seed=" + seed + " leaked off-heap memory");
    }

    @Test
    void notInWithNullOnTheBuildSideYieldsNothing() {
        try (Arena arena = Arena.ofConfined(); JoinHashTable table = new JoinHashTable(KeyType.INT)) {
            table.add(new KeyColumn[] {TestColumns.ints(arena, new int[] {1, 2, 0}, new boolean[] {false, false, true})}, 3);
            KeyColumn[] probe = {TestColumns.ints(arena, new int[] {3, 4}, null)};
            JoinProbe notIn = new JoinProbe(table, JoinType.ANTI_NULL_AWARE);
            notIn.start(probe, 2);
            assertEquals(0, notIn.next(new int[4], new int[4]));
            JoinProbe notExists = new JoinProbe(table, JoinType.ANTI);
            notExists.start(probe, 2);
            int[] rows = new int[4];
            assertEquals(2, notExists.next(rows, new int[4]));
            assertEquals(1, rows[1]);
        }
    }

    @Test
    void manyDuplicatesResumeInsideAChain() {
        try (Arena arena = Arena.ofConfined(); JoinHashTable table = new JoinHashTable(KeyType.LONG)) {
            long[] keys = new long[10_000];
            Arrays.fill(keys, 42);
            table.add(new KeyColumn[] {TestColumns.longs(arena, keys, null)}, keys.length);
            JoinProbe probe = new JoinProbe(table, JoinType.INNER);
            probe.start(new KeyColumn[] {TestColumns.longs(arena, new long[] {42, 7, 42}, null)}, 3);
            int[] p = new int[333];
            int[] b = new int[333];
            int total = 0;
            boolean[] seen = new boolean[2 * keys.length];
            int got;
            while ((got = probe.next(p, b)) > 0) {
                for (int i = 0; i < got; i++) {
                    seen[(p[i] / 2) * keys.length + b[i]] = true;
                }
                total += got;
            }
            assertEquals(20_000, total);
            for (boolean s : seen) {
                assertEquals(true, s);
            }
            try (JoinHashTable untracked = new JoinHashTable(null, false, true, 4, KeyType.INT)) {
                assertThrows(IllegalArgumentException.class, () -> new JoinProbe(untracked, JoinType.FULL));
            }
        }
    }

    /**
     * A table built in partitions by several threads at once gives every probe the pairs of nested
     * loops, for the join types a shared build serves (none marks the build), with duplicate keys,
     * NULL keys on both sides and probes that mostly miss; and it frees all it took.
     */
    @Test
    void aTableBuiltInPartitionsOnSeveralThreadsMatchesNestedLoops() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        KeyType[][] keyTypes = {{KeyType.INT}, {KeyType.VARCHAR}, {KeyType.LONG, KeyType.VARCHAR}, {KeyType.DOUBLE},
                {KeyType.INT, KeyType.INT}, {KeyType.SHORT, KeyType.INT}};
        JoinType[] types = {JoinType.INNER, JoinType.LEFT, JoinType.SEMI, JoinType.ANTI, JoinType.ANTI_NULL_AWARE};
        ArenaAllocator allocator = new ArenaAllocator();
        try (Arena arena = Arena.ofShared()) { // the helpers read the build's key columns
            for (KeyType[] keys : keyTypes) {
                for (int[] sizes : new int[][] {{500, 0}, {700, 3000}, {2000, 2500, 30}}) {
                    int distinct = 1 + random.nextInt(2000);
                    Side probe = side(arena, keys, random, sizes[0], distinct * (sizes.length > 2 ? sizes[2] : 1), 0.05);
                    Side build = side(arena, keys, random, sizes[1], distinct, random.nextBoolean() ? 0 : 0.05);
                    int threads = 1 + random.nextInt(3);
                    JoinHashTable.PartitionedBuild building = JoinHashTable.partitioned(allocator, random.nextBoolean(),
                            build.columns, build.n, keys);
                    List<Future<JoinHashTable>> helpers = new ArrayList<>();
                    ExecutorService pool = Executors.newFixedThreadPool(threads);
                    try {
                        for (int t = 0; t < threads; t++) {
                            helpers.add(pool.submit(building::table));
                        }
                        JoinHashTable table = helpers.get(0).get();
                        for (Future<JoinHashTable> h : helpers) {
                            assertEquals(table, h.get(), "every helper returns the one table");
                        }
                        try (table) {
                            assertEquals(build.n, table.rowCount());
                            for (JoinType type : types) {
                                String message = "seed=" + seed + " keys=" + Arrays.toString(keys) + " " + type
                                        + " probe=" + sizes[0] + " build=" + sizes[1] + " threads=" + threads;
                                assertArrayEquals(reference(type, probe, build), probeAll(table, type, probe), message);
                            }
                        }
                    } finally {
                        pool.shutdown();
                    }
                }
            }
        }
        assertEquals(0, allocator.allocatedBytes(), "seed=" + seed + " leaked off-heap memory");
    }

    /**
     * A one-column integer key whose build values fill a dense range is looked up by its value
     * (an array indexed by the key), in a table built in one piece or in partitions, and gives the
     * pairs of nested loops for every join type: probe keys below, inside and above the range and
     * at the type's extremes (where key - min wraps), NULLs on both sides, duplicate build keys.
     * A key spread too thin takes the hash lookup, with the same pairs.
     */
    @Test
    void aDenseIntegerKeyIsLookedUpByItsValue() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        ArenaAllocator allocator = new ArenaAllocator();
        try (Arena arena = Arena.ofShared()) {
            for (KeyType type : new KeyType[] {KeyType.INT, KeyType.LONG}) {
                long lowest = type == KeyType.INT ? Integer.MIN_VALUE : Long.MIN_VALUE;
                long highest = type == KeyType.INT ? Integer.MAX_VALUE : Long.MAX_VALUE;
                for (long base : new long[] {lowest, 0, highest - 2000}) {
                    // keys 1 apart fill 2,000 slots; 1,000 apart they spread over 2 M (not above the
                    // type's top: hashed); spread 0 draws 10,000 rows from 30,000 slots (past the 16 K
                    // slots any build may take, but within four slots a key)
                    for (int spread : base > highest - 2_000_000 ? new int[] {1} : new int[] {1, 1000, 0}) {
                        long[] buildKeys = new long[spread == 0 ? 10_000 : 1500];
                        for (int i = 0; i < buildKeys.length; i++) {
                            buildKeys[i] = base + (spread == 0 ? random.nextInt(30_000) : (long) random.nextInt(2000) * spread);
                        }
                        long[] probeKeys = new long[1200];
                        long[] extremes = {lowest, highest, 0, -1, base - 1, base + 2000};
                        for (int i = 0; i < probeKeys.length; i++) {
                            long k = random.nextInt(10) == 0 ? extremes[random.nextInt(extremes.length)]
                                    : random.nextInt(10) == 0 ? buildKeys[random.nextInt(buildKeys.length)]
                                    : base + random.nextInt(spread == 0 ? 30_600 : 2600) - 300;
                            probeKeys[i] = Math.max(lowest, Math.min(highest, k));
                        }
                        Side build = keySide(arena, type, buildKeys, TestColumns.nulls(random, buildKeys.length, 0.02));
                        Side probe = keySide(arena, type, probeKeys, TestColumns.nulls(random, probeKeys.length, 0.02));
                        String message = "seed=" + seed + " " + type + " base=" + base + " spread=" + spread;
                        try (JoinHashTable table = new JoinHashTable(allocator, true, random.nextBoolean(), 16, type)) {
                            table.add(build.columns, build.n);
                            assertEquals(spread != 1000, table.probesDirectly(), message);
                            for (JoinType join : JoinType.values()) {
                                if (!join.marksBuild()) {
                                    assertArrayEquals(reference(join, probe, build), probeAll(table, join, probe),
                                            message + " " + join);
                                }
                            }
                        }
                        JoinHashTable.PartitionedBuild building = JoinHashTable.partitioned(allocator, true,
                                build.columns, build.n, type);
                        ExecutorService pool = Executors.newFixedThreadPool(2);
                        try {
                            Future<JoinHashTable> helper = pool.submit(building::table);
                            try (JoinHashTable table = building.table()) {
                                assertEquals(table, helper.get());
                                assertEquals(spread != 1000, table.probesDirectly(), message + " partitioned");
                                for (JoinType join : new JoinType[] {JoinType.INNER, JoinType.SEMI, JoinType.ANTI}) {
                                    assertArrayEquals(reference(join, probe, build), probeAll(table, join, probe),
                                            message + " partitioned " + join);
                                }
                            }
                        } finally {
                            pool.shutdown();
                        }
                    }
                }
            }
        }
        assertEquals(0, allocator.allocatedBytes(), "seed=" + seed + " leaked off-heap memory");
    }

    private static Side keySide(Arena arena, KeyType type, long[] keys, boolean[] nulls) {
        Object[][] values = new Object[1][keys.length];
        for (int i = 0; i < keys.length; i++) {
            values[0][i] = nulls != null && nulls[i] ? null : keys[i];
        }
        KeyColumn column = type == KeyType.INT
                ? TestColumns.ints(arena, Arrays.stream(keys).mapToInt(k -> (int) k).toArray(), nulls)
                : TestColumns.longs(arena, keys, nulls);
        return new Side(new KeyColumn[] {column}, values, keys.length);
    }

    /** The sorted pair codes of probing {@code table} with all of {@code probe} in batches of up to 300 rows. */
    private static long[] probeAll(JoinHashTable table, JoinType type, Side probe) {
        long[] out = new long[probe.n * Math.max(1, table.rowCount()) + 1];
        int count = 0;
        JoinProbe probing = new JoinProbe(table, type);
        int[] probeRows = new int[17];
        int[] buildRows = new int[17];
        for (int from = 0; from < probe.n; from += 300) {
            int rows = Math.min(300, probe.n - from);
            probing.start(slice(probe.columns, from, rows), rows);
            int got;
            while ((got = probing.next(probeRows, buildRows)) > 0) {
                for (int i = 0; i < got; i++) {
                    out[count++] = code(from + probeRows[i], buildRows[i]);
                }
            }
        }
        long[] result = Arrays.copyOf(out, count);
        Arrays.sort(result);
        return result;
    }
}

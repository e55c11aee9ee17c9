package io.blueshift.kernels.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.kernels.ArenaAllocator;
import io.blueshift.kernels.hash.HashMix;
import io.blueshift.kernels.hash.KeyColumn;
import io.blueshift.kernels.hash.KeyType;
import io.blueshift.kernels.hash.TestColumns;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GroupHashTableTest {
    /** A key column together with the plain Java value of each row, for the reference. */
    private record Col(KeyColumn column, Object[] values) {
    }

    private static Col column(Arena arena, KeyType type, Random random, int n, int distinct, boolean[] nulls) {
        Object[] ref = new Object[n];
        KeyColumn column = switch (type) {
            case SHORT -> {
                short[] v = new short[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (short) (random.nextInt(distinct) - distinct / 2);
                    ref[i] = (long) v[i];
                }
                yield TestColumns.shorts(arena, v, nulls);
            }
            case INT -> {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    int k = random.nextInt(distinct);
                    v[i] = k == 0 ? Integer.MIN_VALUE : k == 1 ? Integer.MAX_VALUE : k * 7 - 1000;
                    ref[i] = (long) v[i];
                }
                yield TestColumns.ints(arena, v, nulls);
            }
            case LONG -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    int k = random.nextInt(distinct);
                    v[i] = k == 0 ? Long.MIN_VALUE : k == 1 ? Long.MAX_VALUE : k * 1_000_003L;
                    ref[i] = v[i];
                }
                yield TestColumns.longs(arena, v, nulls);
            }
            case FLOAT -> {
                float[] v = new float[n];
                float[] special = {Float.NaN, Float.intBitsToFloat(0x7FC00123), -0.0f, 0.0f, Float.NEGATIVE_INFINITY};
                for (int i = 0; i < n; i++) {
                    int k = random.nextInt(distinct);
                    v[i] = k < special.length ? special[k] : k / 4.0f;
                    ref[i] = (long) HashMix.floatKeyBits(v[i]);
                }
                yield TestColumns.floats(arena, v, nulls);
            }
            case DOUBLE -> {
                double[] v = new double[n];
                double[] special = {Double.NaN, Double.longBitsToDouble(0xFFF0000000000001L), -0.0, 0.0, Double.MAX_VALUE};
                for (int i = 0; i < n; i++) {
                    int k = random.nextInt(distinct);
                    v[i] = k < special.length ? special[k] : k / 8.0;
                    ref[i] = HashMix.doubleKeyBits(v[i]);
                }
                yield TestColumns.doubles(arena, v, nulls);
            }
            case DECIMAL128 -> {
                long[] low = new long[n];
                long[] high = new long[n];
                for (int i = 0; i < n; i++) {
                    int k = random.nextInt(distinct);
                    low[i] = k * 31L;
                    high[i] = k % 3 - 1;
                    ref[i] = List.of(low[i], high[i]);
                }
                yield TestColumns.decimals(arena, low, high, nulls);
            }
            case VARCHAR -> {
                String[] v = new String[n];
                for (int i = 0; i < n; i++) {
                    v[i] = TestColumns.randomString(random, distinct);
                    ref[i] = v[i];
                }
                yield TestColumns.strings(arena, v, nulls);
            }
        };
        if (nulls != null) {
            for (int i = 0; i < n; i++) {
                if (nulls[i]) {
                    ref[i] = null;
                }
            }
        }
        return new Col(column, ref);
    }

    private static List<Object> key(Col[] cols, int row) {
        List<Object> key = new ArrayList<>();
        for (Col c : cols) {
            key.add(c.values[row]);
        }
        return key;
    }

    /** The key of group {@code id} read back from the table, as the reference represents it. */
    private static List<Object> readBack(KeyStore store, int id) {
        List<Object> key = new ArrayList<>();
        for (int c = 0; c < store.columnCount(); c++) {
            if (store.isNull(c, id)) {
                key.add(null);
                continue;
            }
            key.add(switch (store.type(c)) {
                case SHORT, INT, LONG, FLOAT, DOUBLE -> store.keyBits(c, id);
                case DECIMAL128 -> List.of(store.keyBits(c, id), store.highBits(c, id));
                case VARCHAR -> new String(store.string(c, id).toArray(ValueLayout.JAVA_BYTE),
                        StandardCharsets.UTF_8);
            });
        }
        return key;
    }

    /** Feeds batches into a table and checks ids against a map from key to first-seen id. */
    private static void check(KeyType[] types, int batches, int n, int distinct, double nullRate, boolean simd,
            boolean perfect, long seed) {
        check(types, batches, n, distinct, nullRate, simd, perfect, false, seed);
    }

    /** {@link #check}, with the Bloom filter of a join's build when {@code filter}. */
    private static void check(KeyType[] types, int batches, int n, int distinct, double nullRate, boolean simd,
            boolean perfect, boolean filter, long seed) {
        Random random = new Random(seed);
        ArenaAllocator allocator = new ArenaAllocator();
        String message = "seed=" + seed + " types=" + Arrays.toString(types) + " n=" + n + " simd=" + simd;
        try (Arena arena = Arena.ofConfined()) {
            GroupHashTable table = new GroupHashTable(allocator, perfect, 16, types);
            if (filter) {
                table.filterLookups();
            }
            Map<List<Object>, Integer> reference = new HashMap<>();
            BitSet used = new BitSet();
            for (int b = 0; b < batches; b++) {
                Col[] cols = new Col[types.length];
                KeyColumn[] keys = new KeyColumn[types.length];
                for (int c = 0; c < types.length; c++) {
                    cols[c] = column(arena, types[c], random, n, distinct, TestColumns.nulls(random, n, nullRate));
                    keys[c] = cols[c].column;
                }
                int[] ids = new int[n + 3];
                table.groupIds(keys, n, ids, simd);
                for (int i = 0; i < n; i++) {
                    List<Object> key = key(cols, i);
                    Integer known = reference.get(key);
                    if (known == null) {
                        assertTrue(!used.get(ids[i]), message + " id reused at row " + i);
                        used.set(ids[i]);
                        reference.put(key, ids[i]);
                    } else {
                        assertEquals((int) known, ids[i], message + " row " + i + " key " + key);
                    }
                }
                int[] found = new int[n];
                table.lookup(keys, n, found, simd);
                assertEquals(Arrays.toString(Arrays.copyOf(ids, n)), Arrays.toString(found), message);
                // keys drawn from a wider range: most are in no group
                Col[] others = new Col[types.length];
                KeyColumn[] otherKeys = new KeyColumn[types.length];
                for (int c = 0; c < types.length; c++) {
                    others[c] = column(arena, types[c], random, n, distinct * 8, TestColumns.nulls(random, n, nullRate));
                    otherKeys[c] = others[c].column;
                }
                table.lookup(otherKeys, n, found, simd);
                for (int i = 0; i < n; i++) {
                    Integer known = reference.get(key(others, i));
                    assertEquals(known == null ? -1 : (int) known, found[i], message + " absent key row " + i);
                }
            }
            assertEquals(reference.size(), table.groupCount(), message);
            for (Map.Entry<List<Object>, Integer> e : reference.entrySet()) {
                assertEquals(e.getKey(), readBack(table.keys(), e.getValue()), message);
            }
            table.close();
        }
        assertEquals(0, allocator.allocatedBytes(), message + " leaked off-heap memory");
    }

    @Test
    void everyKeyTypeWithAndWithoutNulls() {
        long seed = System.nanoTime();
        for (KeyType type : KeyType.values()) {
            for (boolean simd : new boolean[] {true, false}) {
                check(new KeyType[] {type}, 3, 500, 40, 0, simd, true, seed);
                check(new KeyType[] {type}, 3, 501, 40, 0.1, simd, true, seed + 1);
                check(new KeyType[] {type}, 1, 0, 40, 0.1, simd, true, seed + 2);
                check(new KeyType[] {type}, 2, 67, 3, 0.5, simd, false, seed + 3);
            }
        }
    }

    @Test
    void severalKeyColumns() {
        long seed = System.nanoTime();
        for (boolean simd : new boolean[] {true, false}) {
            check(new KeyType[] {KeyType.INT, KeyType.VARCHAR}, 4, 777, 20, 0.1, simd, true, seed);
            check(new KeyType[] {KeyType.VARCHAR, KeyType.DOUBLE, KeyType.LONG}, 2, 333, 6, 0.2, simd, true, seed);
            check(new KeyType[] {KeyType.DECIMAL128, KeyType.SHORT}, 2, 333, 9, 0.2, simd, true, seed);
        }
    }

    @Test
    void growsAndRehashesToManyGroups() {
        long seed = System.nanoTime();
        for (boolean simd : new boolean[] {true, false}) {
            check(new KeyType[] {KeyType.LONG}, 5, 20_000, 1_000_000, 0.01, simd, true, seed);
            check(new KeyType[] {KeyType.VARCHAR}, 3, 10_000, 100_000, 0.01, simd, true, seed);
            check(new KeyType[] {KeyType.INT}, 5, 4099, 100_000, 0.0, simd, true, seed);
            check(new KeyType[] {KeyType.LONG}, 3, 60_000, 1_000_000, 0.01, simd, false, true, seed);
            check(new KeyType[] {KeyType.INT, KeyType.VARCHAR}, 3, 60_000, 1_000_000, 0.01, simd, false, true, seed);
        }
    }

    /**
     * Lookups of keys that are and are not in a table filled to its growth point (so that many home
     * slots hold other keys and lookups walk on), with the caller's arrays (as a shared join build
     * is probed) and with the table's own, small and larger than the caches, with and without the
     * Bloom filter of a join's build: present keys find their group, absent ones -1 (0 too, the
     * bits a NULL group's slot holds), and a NULL key the NULL group only when there is one.
     */
    @Test
    void lookupsMissAbsentKeysInAFullTable() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int groups : new int[] {1024, 1 << 16}) { // fill 2 K and 128 K slots to half, the most before growing
            for (boolean filter : new boolean[] {false, true}) {
                for (boolean withNull : new boolean[] {false, true}) {
                    lookups(random, groups, filter, withNull, "seed=" + seed + " groups=" + groups + " filter=" + filter
                            + " null group=" + withNull);
                }
            }
        }
    }

    private static void lookups(Random random, int groups, boolean filter, boolean withNull, String message) {
        try (Arena arena = Arena.ofConfined(); GroupHashTable table = new GroupHashTable(null, false, 16, KeyType.LONG)) {
            if (filter) {
                table.filterLookups();
            }
            long[] build = random.longs(groups, 1, 1L << 40).toArray();
            boolean[] buildNulls = new boolean[groups];
            buildNulls[0] = withNull;
            int[] ids = new int[groups];
            table.groupIds(new KeyColumn[] {TestColumns.longs(arena, build, buildNulls)}, groups, ids, true);
            Map<Long, Integer> reference = new HashMap<>();
            for (int i = withNull ? 1 : 0; i < groups; i++) {
                reference.putIfAbsent(build[i], ids[i]);
            }
            int n = 6000;
            long[] probe = new long[n];
            boolean[] probeNulls = new boolean[n];
            int[] expected = new int[n];
            for (int i = 0; i < n; i++) {
                probe[i] = i == 1 ? 0 : i % 3 == 0 ? build[random.nextInt(groups)] : random.nextLong(1, 1L << 40);
                probeNulls[i] = i == 2 || random.nextInt(20) == 0;
                expected[i] = probeNulls[i] ? (withNull ? ids[0] : -1) : reference.getOrDefault(probe[i], -1);
            }
            KeyColumn[] keys = {TestColumns.longs(arena, probe, probeNulls)};
            for (boolean simd : new boolean[] {true, false}) {
                int[] own = new int[n];
                int[] shared = new int[n];
                table.lookup(keys, n, own, simd);
                table.lookup(keys, n, shared, simd, new long[n], new long[n], new int[n]);
                assertEquals(Arrays.toString(expected), Arrays.toString(own), message + " simd=" + simd);
                assertEquals(Arrays.toString(expected), Arrays.toString(shared), message + " simd=" + simd);
            }
            assertEquals(reference.size() + (withNull ? 1 : 0), table.groupCount(), message);
        }
    }

    /**
     * A GROUP BY's table left unindexed ({@link GroupHashTable#indexLazily}) fed keys clustered and
     * ascending over many batches (as lineitem by order key), then keys out of order (old and new,
     * a NULL), then looked up: every row gets the group id of its key's first row, as a map from
     * key to first-seen id says, whichever path each batch took.
     */
    @Test
    void ascendingKeysAppendedUnindexedGetTheSameIdsAsLookedUp() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (boolean perfect : new boolean[] {false, true}) {
            for (boolean simd : new boolean[] {true, false}) {
                String message = "seed=" + seed + " perfect=" + perfect + " simd=" + simd;
                ArenaAllocator allocator = new ArenaAllocator();
                try (Arena arena = Arena.ofConfined()) {
                    GroupHashTable table = new GroupHashTable(allocator, perfect, 16, KeyType.LONG);
                    table.indexLazily();
                    Map<Long, Integer> reference = new HashMap<>();
                    Integer nullId = null;
                    long next = -5_000_000_000L;
                    for (int b = 0; b < 12; b++) {
                        int n = 4096;
                        long[] keys = new long[n];
                        boolean[] nulls = new boolean[n];
                        for (int i = 0; i < n; i++) {
                            if (b < 8) { // runs of each key, ascending, with gaps (narrow at first: perfect hashing)
                                keys[i] = next;
                                if (random.nextInt(4) == 0) {
                                    next += 1 + random.nextInt(b < 2 ? 3 : 5_000);
                                }
                            } else { // out of order: keys seen before, new keys, and a NULL
                                keys[i] = random.nextBoolean() ? next - random.nextLong(3_000_000) : random.nextLong();
                                nulls[i] = b == 9 && i == 100;
                            }
                        }
                        KeyColumn[] columns = {TestColumns.longs(arena, keys, nulls)};
                        int[] ids = new int[n];
                        table.groupIds(columns, n, ids, simd);
                        for (int i = 0; i < n; i++) {
                            Integer known = nulls[i] ? nullId : reference.get(keys[i]);
                            if (known == null) {
                                known = ids[i];
                                if (nulls[i]) {
                                    nullId = known;
                                } else {
                                    reference.put(keys[i], known);
                                }
                            }
                            assertEquals((int) known, ids[i], message + " batch " + b + " row " + i + " key " + keys[i]);
                        }
                        if (b >= 7) { // a lookup builds the slots: only once the ascending batches are in
                            int[] found = new int[n];
                            table.lookup(columns, n, found, simd);
                            assertEquals(Arrays.toString(ids), Arrays.toString(found), message + " batch " + b);
                        }
                    }
                    assertEquals(reference.size() + (nullId == null ? 0 : 1), table.groupCount(), message);
                    for (Map.Entry<Long, Integer> e : reference.entrySet()) {
                        assertEquals(List.of(e.getKey()), readBack(table.keys(), e.getValue()), message);
                    }
                    table.close();
                }
                assertEquals(0, allocator.allocatedBytes(), message + " leaked off-heap memory");
            }
        }
    }

    @Test
    void perfectHashingWidensAndFallsBack() {
        try (Arena arena = Arena.ofConfined(); GroupHashTable table = new GroupHashTable(KeyType.INT)) {
            int[] ids = new int[4];
            KeyColumn[] small = {TestColumns.ints(arena, new int[] {10, 11, 10, 12}, null)};
            table.groupIds(small, 4, ids);
            assertEquals("[0, 1, 0, 2]", Arrays.toString(ids));
            KeyColumn[] below = {TestColumns.ints(arena, new int[] {-5, 11, 12, -5}, new boolean[] {false, false, true, false})};
            table.groupIds(below, 4, ids);
            assertEquals("[3, 1, 4, 3]", Arrays.toString(ids));
            KeyColumn[] wide = {TestColumns.ints(arena, new int[] {Integer.MAX_VALUE, 10, Integer.MIN_VALUE, 0}, null)};
            table.groupIds(wide, 4, ids);
            assertEquals("[5, 0, 6, 7]", Arrays.toString(ids));
            table.groupIds(small, 4, ids);
            assertEquals("[0, 1, 0, 2]", Arrays.toString(ids), "the hashed path after giving up perfect hashing");
            table.groupIds(below, 4, ids);
            assertEquals("[3, 1, 4, 3]", Arrays.toString(ids));
            assertEquals(8, table.groupCount());
            assertTrue(table.keys().isNull(0, 4));
            assertEquals(-5, table.keys().keyBits(0, 3));
        }
    }

    /**
     * Perfect hashing keeps mapping keys whose range stays within its span (four slots a group
     * estimated) when a later batch reaches below the first one's least key, though the array it
     * allocated reaches further up than the keys; it gives up only when the keys themselves span
     * more.
     */
    @Test
    void perfectHashingSpansTheKeysSeenNotTheArray() {
        try (Arena arena = Arena.ofConfined();
                GroupHashTable table = new GroupHashTable(null, true, 16, 150_000, KeyType.INT)) {
            int span = 600_000; // four slots for each of the 150,000 groups estimated
            int[] ids = new int[2];
            table.groupIds(new KeyColumn[] {TestColumns.ints(arena, new int[] {1000, 1000 + span - 2}, null)}, 2, ids);
            assertEquals("[0, 1]", Arrays.toString(ids));
            table.groupIds(new KeyColumn[] {TestColumns.ints(arena, new int[] {999, 1000}, null)}, 2, ids);
            assertEquals("[2, 0]", Arrays.toString(ids));
            assertTrue(table.mapsDirectly(), "keys 999 .. 600,998: 600,000 values");
            table.groupIds(new KeyColumn[] {TestColumns.ints(arena, new int[] {1000 + span - 1, 999}, null)}, 2, ids);
            assertEquals("[3, 2]", Arrays.toString(ids));
            assertFalse(table.mapsDirectly(), "keys 999 .. 600,999: 600,001 values, hashed from then on");
            table.groupIds(new KeyColumn[] {TestColumns.ints(arena, new int[] {1000 + span - 2, 1000 + span - 1}, null)}, 2,
                    ids);
            assertEquals("[1, 3]", Arrays.toString(ids));
        }
        try (Arena arena = Arena.ofConfined();
                GroupHashTable table = new GroupHashTable(null, true, 16, 150_000, KeyType.INT)) {
            int[] ids = new int[2];
            table.groupIds(new KeyColumn[] {TestColumns.ints(arena, new int[] {1, 4000}, null)}, 2, ids);
            table.groupIds(new KeyColumn[] {TestColumns.ints(arena, new int[] {70_000, 70_001}, null)}, 2, ids);
            assertEquals("[2, 3]", Arrays.toString(ids));
            assertFalse(table.mapsDirectly(), "keys that came close together first (ascending) keep the narrow span");
        }
    }

    @Test
    void keysOfShortStringsGetTheSameGroupsPackedAsHashed() {
        // two short-string columns pack into a word (at most 3 bytes each); NULL, '' and 2-byte
        // characters included; every fifth batch holds longer strings, and the first of those gives packing up
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String[] codes = {"", "A", "N", "R", "\u00e9", "xyz", "F", "O"};
        String[] longer = {"LONGER", "abcd"};
        try (Arena arena = Arena.ofConfined();
             GroupHashTable packed = new GroupHashTable(null, true, 16, KeyType.VARCHAR, KeyType.VARCHAR);
             GroupHashTable hashed = new GroupHashTable(null, false, 16, KeyType.VARCHAR, KeyType.VARCHAR)) {
            for (int b = 0; b < 30; b++) {
                int n = 1 + random.nextInt(3000);
                KeyColumn[] columns = new KeyColumn[2];
                for (int c = 0; c < 2; c++) {
                    String[] values = new String[n];
                    boolean[] nulls = new boolean[n];
                    for (int i = 0; i < n; i++) {
                        nulls[i] = random.nextInt(20) == 0;
                        values[i] = nulls[i] ? null : b % 5 == 4 && random.nextInt(50) == 0
                                ? longer[random.nextInt(longer.length)] : codes[random.nextInt(codes.length)];
                    }
                    columns[c] = TestColumns.strings(arena, values, nulls);
                }
                int[] fromPacked = new int[n];
                int[] fromHashed = new int[n];
                packed.groupIds(columns, n, fromPacked, true);
                hashed.groupIds(columns, n, fromHashed, true);
                assertEquals(Arrays.toString(fromHashed), Arrays.toString(fromPacked), "seed=" + seed + " batch=" + b);
            }
            assertEquals(hashed.groupCount(), packed.groupCount());
        }
        // more distinct keys than packing maps: it gives up in the middle of a batch, ids unchanged
        try (Arena arena = Arena.ofConfined();
             GroupHashTable packed = new GroupHashTable(null, true, 16, KeyType.VARCHAR);
             GroupHashTable hashed = new GroupHashTable(null, false, 16, KeyType.VARCHAR)) {
            for (int b = 0; b < 3; b++) {
                int n = 3000;
                String[] values = new String[n];
                for (int i = 0; i < n; i++) {
                    values[i] = "k" + random.nextInt(5000);
                }
                KeyColumn[] columns = {TestColumns.strings(arena, values, null)};
                int[] fromPacked = new int[n];
                int[] fromHashed = new int[n];
                packed.groupIds(columns, n, fromPacked, true);
                hashed.groupIds(columns, n, fromHashed, true);
                assertEquals(Arrays.toString(fromHashed), Arrays.toString(fromPacked), "seed=" + seed + " batch=" + b);
            }
        }
    }
    @Test
    void keysOfOneByteStringsGetTheSameGroupsByTheirBytesAsHashed() {
        // batches of one-byte flags without NULLs take the byte-indexed path; batches with a NULL,
        // an empty or a longer string take the packed one between them, and both give a key one id;
        // the last batches hold more distinct pairs than packing maps, so it gives up midway
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int columnCount = 1; columnCount <= 2; columnCount++) {
            KeyType[] types = columnCount == 1 ? new KeyType[] {KeyType.VARCHAR} : new KeyType[] {KeyType.VARCHAR, KeyType.VARCHAR};
            try (Arena arena = Arena.ofConfined();
                 GroupHashTable packed = new GroupHashTable(null, true, 16, types);
                 GroupHashTable hashed = new GroupHashTable(null, false, 16, types)) {
                for (int b = 0; b < 24; b++) {
                    int n = 1 + random.nextInt(3000);
                    boolean mixed = b % 3 == 1;
                    int alphabet = b >= 20 ? 64 : 4;
                    KeyColumn[] columns = new KeyColumn[columnCount];
                    for (int c = 0; c < columnCount; c++) {
                        String[] values = new String[n];
                        boolean[] nulls = mixed ? new boolean[n] : null;
                        for (int i = 0; i < n; i++) {
                            if (mixed && random.nextInt(10) == 0) {
                                nulls[i] = random.nextBoolean();
                                values[i] = nulls[i] ? null : random.nextBoolean() ? "" : "AB";
                            } else {
                                values[i] = String.valueOf((char) ('A' + random.nextInt(alphabet)));
                            }
                        }
                        columns[c] = TestColumns.strings(arena, values, nulls);
                    }
                    int[] fromPacked = new int[n];
                    int[] fromHashed = new int[n];
                    packed.groupIds(columns, n, fromPacked, true);
                    hashed.groupIds(columns, n, fromHashed, true);
                    assertEquals(Arrays.toString(fromHashed), Arrays.toString(fromPacked),
                            "seed=" + seed + " columns=" + columnCount + " batch=" + b);
                }
                assertEquals(hashed.groupCount(), packed.groupCount());
            }
        }
    }
}

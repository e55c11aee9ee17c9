package io.blueshift.storage.format;

import io.blueshift.columnar.ZoneMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.columnar.ArrowTypes;
import io.blueshift.columnar.Interval;
import io.blueshift.columnar.MemoryPool;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.TypeKind;
import io.blueshift.columnar.Values;
import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ColumnCodecTest {
    private MemoryPool pool;
    private BufferAllocator allocator;

    @BeforeEach
    void open() {
        pool = new MemoryPool();
        allocator = pool.root().newChildAllocator("test", 0, Long.MAX_VALUE);
    }

    @AfterEach
    void close() {
        assertEquals(0, allocator.getAllocatedMemory(), "off-heap memory left allocated");
        allocator.close();
        pool.close();
    }

    /** How the test values spread: each shape favours another encoding. */
    enum Shape { RANDOM, NARROW, SORTED, RUNS, FEW }

    private static long draw(Random r, Shape shape, int i, long bound) {
        return switch (shape) {
            case RANDOM -> bound == 0 ? r.nextLong() : r.nextLong(-bound, bound);
            case NARROW -> 1_000 + r.nextInt(100);
            case SORTED -> i * 3L + r.nextInt(3);
            case RUNS -> i / 100 * 7;
            case FEW -> r.nextInt(5) * 1_000_003L;
        };
    }

    private static Object value(SqlType type, long x, Random r) {
        return switch (type.kind()) {
            case BOOLEAN -> (x & 1) == 0;
            case SMALLINT -> (short) x;
            case INTEGER -> (int) x;
            case BIGINT -> x;
            case REAL -> (float) (x % 100_000) / 8;
            case DOUBLE -> (double) (x % 100_000) / 4;
            case DECIMAL -> BigDecimal.valueOf(x % 1_000_000_000_000L, type.scale());
            case CHAR, VARCHAR, TEXT -> x % 7 == 0 ? "" : "v" + x + "é".repeat((int) Math.floorMod(x, 3));
            case DATE -> LocalDate.ofEpochDay(Math.floorMod(x, 100_000));
            case TIME -> LocalTime.ofNanoOfDay(Math.floorMod(x, 86_400_000_000L) * 1000);
            case TIMESTAMP -> LocalDateTime.of(2000, 1, 1, 0, 0).plusSeconds(x % 1_000_000_000L);
            case TIMESTAMPTZ -> OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).plusSeconds(x % 1_000_000_000L);
            case INTERVAL -> new Interval((int) (x % 100), (int) (x % 30), x % 1_000_000);
        };
    }

    private FieldVector vector(SqlType type, int n, double nullFraction, Shape shape, Random r) {
        FieldVector v = ArrowTypes.field("c", type, true).createVector(allocator);
        v.setInitialCapacity(Math.max(n, 1));
        v.allocateNew();
        long bound = type.kind() == TypeKind.SMALLINT ? Short.MAX_VALUE
                : type.kind() == TypeKind.INTEGER ? Integer.MAX_VALUE : 0;
        for (int i = 0; i < n; i++) {
            Values.set(v, type, i, r.nextDouble() < nullFraction ? null : value(type, draw(r, shape, i, bound), r));
        }
        v.setValueCount(n);
        return v;
    }

    private static final List<SqlType> TYPES = List.of(SqlType.BOOLEAN, SqlType.SMALLINT, SqlType.INTEGER, SqlType.BIGINT,
            SqlType.REAL, SqlType.DOUBLE, SqlType.decimal(12, 2), SqlType.decimal(30, 4), SqlType.TEXT, SqlType.DATE,
            SqlType.TIME, SqlType.TIMESTAMP, SqlType.TIMESTAMPTZ, SqlType.INTERVAL);

    @Test
    void everyTypeRoundTripsThroughEveryEncodingThatApplies() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        List<Encoding> choices = new ArrayList<>(List.of(Encoding.values()));
        choices.add(null);
        for (SqlType type : TYPES) {
            for (int n : new int[] {0, 1, 2, 63, 64, 65, 1000, 5000}) {
                for (double nulls : new double[] {0, 0.3, 1}) {
                    for (Shape shape : Shape.values()) {
                        try (FieldVector v = vector(type, n, nulls, shape, r)) {
                            for (Encoding preferred : choices) {
                                String what = "seed=" + seed + " " + type + " n=" + n + " nulls=" + nulls + " " + shape + " " + preferred;
                                ColumnCodec.Encoded e = ColumnCodec.encode(v, type, n, preferred);
                                if (preferred != null && ColumnCodec.applies(preferred, type)) {
                                    assertEquals(preferred, e.encoding(), what);
                                }
                                try (FieldVector back = ColumnCodec.decode(MemorySegment.ofArray(e.bytes()),
                                        type, "c", n, allocator)) {
                                    assertEquals(n, back.getValueCount(), what);
                                    for (int i = 0; i < n; i++) {
                                        assertEquals(Values.get(v, type, i), Values.get(back, type, i), what + " row " + i);
                                    }
                                }
                                assertEquals(v.getNullCount(), e.zone().nullCount(), what);
                            }
                        }
                    }
                }
            }
        }
    }

    /** A vector of {@code values} (null entries are NULL). */
    private FieldVector vectorOf(SqlType type, List<?> values) {
        FieldVector v = ArrowTypes.field("c", type, true).createVector(allocator);
        v.setInitialCapacity(Math.max(values.size(), 1));
        v.allocateNew();
        for (int i = 0; i < values.size(); i++) {
            Values.set(v, type, i, values.get(i));
        }
        v.setValueCount(values.size());
        return v;
    }

    private void assertRoundTrips(SqlType type, List<?> values, Encoding preferred, String what) {
        try (FieldVector v = vectorOf(type, values)) {
            ColumnCodec.Encoded e = ColumnCodec.encode(v, type, values.size(), preferred);
            assertEquals(preferred, e.encoding(), what);
            try (FieldVector back = ColumnCodec.decode(MemorySegment.ofArray(e.bytes()), type, "c", values.size(), allocator)) {
                for (int i = 0; i < values.size(); i++) {
                    assertEquals(values.get(i), Values.get(back, type, i), what + " row " + i);
                }
            }
        }
    }

    @Test
    void everyPackedWidthRoundTrips() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        for (int bits = 0; bits <= 64; bits++) {
            for (int n : new int[] {1, 7, 64, 65, 1000, 65_536}) {
                // frames of reference spanning exactly 'bits' bits, from a negative base
                long span = bits == 64 ? -1L : (1L << bits) - 1;
                long base = bits == 64 ? Long.MIN_VALUE : -(span / 2) - 1;
                List<Long> longs = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    long offset = i == 0 ? 0 : i == 1 ? span : bits == 0 ? 0 : r.nextLong() >>> (64 - bits);
                    longs.add(base + offset);
                }
                assertRoundTrips(SqlType.BIGINT, longs, Encoding.FOR, "seed=" + seed + " BIGINT bits=" + bits + " n=" + n);
                assertRoundTrips(SqlType.BIGINT, longs, Encoding.DELTA, "seed=" + seed + " BIGINT DELTA bits=" + bits + " n=" + n);
                if (bits <= 32) {
                    List<Integer> ints = longs.stream().map(x -> (int) (x - base + Integer.MIN_VALUE)).toList();
                    assertRoundTrips(SqlType.INTEGER, ints, Encoding.FOR, "seed=" + seed + " INTEGER bits=" + bits + " n=" + n);
                }
                if (bits <= 16) {
                    List<Short> shorts = longs.stream().map(x -> (short) (x - base + Short.MIN_VALUE)).toList();
                    assertRoundTrips(SqlType.SMALLINT, shorts, Encoding.FOR, "seed=" + seed + " SMALLINT bits=" + bits + " n=" + n);
                }
            }
        }
    }

    @Test
    void dictionaryStringsOfOneLengthAndOfManyRoundTrip() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        for (int length : new int[] {0, 1, 2, 8, 9, 17}) {
            for (boolean mixed : new boolean[] {false, true}) {
                for (double nulls : new double[] {0, 0.3}) {
                    List<String> words = new ArrayList<>();
                    for (int w = 0; w < 5; w++) {
                        int l = mixed ? r.nextInt(length + 1) : length;
                        words.add(String.valueOf((char) ('a' + w)).repeat(l));
                    }
                    List<String> values = new ArrayList<>();
                    for (int i = 0; i < 3000; i++) {
                        values.add(r.nextDouble() < nulls ? null : words.get(r.nextInt(words.size())));
                    }
                    values.set(values.size() - 1, nulls > 0 ? null : values.get(values.size() - 1));
                    assertRoundTrips(SqlType.TEXT, values, Encoding.DICT,
                            "seed=" + seed + " length=" + length + " mixed=" + mixed + " nulls=" + nulls);
                }
            }
        }
    }

    @Test
    void compressedChunksRoundTripAndShrinkText() {
        Random r = new Random(7);
        for (SqlType type : TYPES) {
            for (Shape shape : Shape.values()) {
                try (FieldVector v = vector(type, 3000, 0.1, shape, r)) {
                    for (Compression c : Compression.values()) {
                        ColumnCodec.Encoded e = ColumnCodec.encode(v, type, 3000, null, c);
                        try (FieldVector back = ColumnCodec.decode(MemorySegment.ofArray(e.bytes()), type, "c", 3000,
                                allocator)) {
                            for (int i = 0; i < 3000; i++) {
                                assertEquals(Values.get(v, type, i), Values.get(back, type, i), type + " " + shape + " " + c + " row " + i);
                            }
                        }
                    }
                }
            }
        }
        // English-like text: ZSTD (what AUTO picks for strings) saves far more than the fifth it requires
        String[] words = {"carefully", "final", "deposits", "sleep", "quickly", "among", "the", "furiously", "ironic", "accounts"};
        try (FieldVector v = ArrowTypes.field("c", SqlType.TEXT, true).createVector(allocator)) {
            v.allocateNew();
            for (int i = 0; i < 5000; i++) {
                StringBuilder sb = new StringBuilder();
                for (int w = 0; w < 6; w++) {
                    sb.append(words[r.nextInt(words.length)]).append(' ');
                }
                Values.set(v, SqlType.TEXT, i, sb.toString() + i);
            }
            v.setValueCount(5000);
            ColumnCodec.Encoded plain = ColumnCodec.encode(v, SqlType.TEXT, 5000, null, Compression.NONE);
            ColumnCodec.Encoded auto = ColumnCodec.encode(v, SqlType.TEXT, 5000, null, Compression.AUTO);
            assertEquals(Compression.ZSTD, auto.compression());
            assertTrue(auto.bytes().length * 3 < plain.bytes().length, auto.bytes().length + " of " + plain.bytes().length);
        }
    }

    @Test
    void automaticChoiceFitsTheShapeOfTheData() {
        Random r = new Random(1);
        int n = 10_000;
        record Case(SqlType type, Shape shape, Encoding expected) {
        }
        for (Case c : List.of(new Case(SqlType.BIGINT, Shape.NARROW, Encoding.FOR),
                new Case(SqlType.BIGINT, Shape.SORTED, Encoding.DELTA),
                new Case(SqlType.INTEGER, Shape.RUNS, Encoding.RLE),
                new Case(SqlType.TEXT, Shape.FEW, Encoding.DICT),
                new Case(SqlType.DOUBLE, Shape.FEW, Encoding.DICT),
                new Case(SqlType.BIGINT, Shape.RANDOM, Encoding.PLAIN),
                new Case(SqlType.TEXT, Shape.RANDOM, Encoding.PLAIN))) {
            try (FieldVector v = vector(c.type(), n, 0, c.shape(), r)) {
                ColumnCodec.Encoded e = ColumnCodec.encode(v, c.type(), n, null);
                assertEquals(c.expected(), e.encoding(), c.toString());
                if (c.expected() != Encoding.PLAIN) {
                    assertTrue(e.bytes().length * 3 < c.type().physical().byteWidth() * (long) n
                            || c.type().equals(SqlType.TEXT), c + " took " + e.bytes().length + " bytes");
                }
            }
        }
    }

    @Test
    void zoneMapsHoldTheRangeOfNonNullValues() {
        try (FieldVector v = ArrowTypes.field("c", SqlType.INTEGER, true).createVector(allocator)) {
            v.allocateNew();
            Values.set(v, SqlType.INTEGER, 0, 5);
            Values.set(v, SqlType.INTEGER, 1, null);
            Values.set(v, SqlType.INTEGER, 2, -3);
            v.setValueCount(3);
            ZoneMap z = ColumnCodec.encode(v, SqlType.INTEGER, 3, null).zone();
            assertEquals(new ZoneMap(1, true, -3, 5), z);
            assertTrue(z.mayOverlap(5, 10));
            assertFalse(z.mayOverlap(6, 10));
            assertFalse(z.mayOverlap(-10, -4));
        }
    }
}

package io.blueshift.perf;

import io.blueshift.columnar.ArrowTypes;
import io.blueshift.columnar.MemoryPool;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.vector.Vectors;
import io.blueshift.storage.format.ColumnCodec;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Decoding one stored chunk of 65,536 values into an Arrow vector: what a scan pays for a column
 * the buffer pool does not hold. The columns are shaped like TPC-H lineitem's: {@code quantity}
 * (DECIMAL(15,2), 1-50: 13-bit frame of reference), {@code price} (DECIMAL(15,2), 21 bits),
 * {@code date} (DATE over seven years, 12 bits), {@code flag} (CHAR(1) of 3 values: a 2-bit
 * dictionary) and {@code mode} (VARCHAR of 7 words of 3-7 letters: a 3-bit dictionary).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class DecodeBenchmark {
    private static final int ROWS = 65_536;

    @Param({"quantity", "price", "date", "flag", "mode"})
    public String column;

    private MemoryPool pool;
    private BufferAllocator allocator;
    private SqlType type;
    private MemorySegment chunk;

    @Setup(Level.Trial)
    public void setUp() {
        // the engine's allocator, which reuses freed blocks as a query's vectors do
        pool = new MemoryPool();
        allocator = pool.root();
        SplittableRandom random = new SplittableRandom(42);
        type = switch (column) {
            case "quantity", "price" -> SqlType.decimal(15, 2);
            case "date" -> SqlType.DATE;
            case "flag" -> SqlType.character(1);
            default -> SqlType.varchar(10);
        };
        try (FieldVector v = ArrowTypes.field(column, type, true).createVector(allocator)) {
            if (v instanceof VarCharVector strings) {
                String[] words = column.equals("flag") ? new String[] {"A", "N", "R"}
                        : new String[] {"AIR", "FOB", "MAIL", "RAIL", "REG AIR", "SHIP", "TRUCK"};
                strings.allocateNew(ROWS);
                for (int i = 0; i < ROWS; i++) {
                    strings.setSafe(i, words[random.nextInt(words.length)].getBytes(StandardCharsets.UTF_8));
                }
            } else {
                v.setInitialCapacity(ROWS);
                v.allocateNew();
                MemorySegment data = QueryMemory.segment(v.getDataBuffer());
                for (int i = 0; i < ROWS; i++) {
                    switch (column) {
                        case "quantity" -> data.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, 100L * random.nextInt(1, 51));
                        case "price" -> data.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, random.nextLong(90_000, 10_500_000));
                        default -> data.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, 8_000 + random.nextInt(2_526));
                    }
                }
                Vectors.setValid(QueryMemory.segment(v.getValidityBuffer()), ROWS);
            }
            v.setValueCount(ROWS);
            chunk = MemorySegment.ofArray(ColumnCodec.encode(v, type, ROWS, null).bytes());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public int decode() {
        try (FieldVector v = ColumnCodec.decode(chunk, type, column, ROWS, allocator)) {
            return v.getValueCount();
        }
    }
}

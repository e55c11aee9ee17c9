package io.blueshift.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which columns the planner may treat as keys: those whose values never repeat, whether the
 * values lie in a range a bitmap covers or spread wider, and a repeat or a NULL in a later chunk
 * is found.
 */
class UniquenessTest {
    private final BufferAllocator allocator = new RootAllocator();
    private final List<MemTable> tables = new ArrayList<>();

    @AfterEach
    void close() {
        tables.forEach(MemTable::close);
        allocator.close(); // fails on a leak
    }

    /** A table of BIGINT columns, one chunk per array of rows (each row one value a column; null is NULL). */
    private MemTable table(int columns, Long[][]... chunks) {
        List<SqlType> types = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            types.add(SqlType.BIGINT);
        }
        BufferAllocator own = allocator.newChildAllocator("table", 0, Long.MAX_VALUE); // the table closes it
        MemTable table = new MemTable(own, types);
        tables.add(table);
        List<Batch> made = new ArrayList<>();
        for (Long[][] rows : chunks) {
            FieldVector[] vectors = new FieldVector[columns];
            List<String> names = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                BigIntVector v = new BigIntVector("c" + c, own);
                v.allocateNew(rows.length);
                for (int r = 0; r < rows.length; r++) {
                    if (rows[r][c] == null) {
                        v.setNull(r);
                    } else {
                        v.set(r, rows[r][c]);
                    }
                }
                v.setValueCount(rows.length);
                vectors[c] = v;
                names.add("c" + c);
            }
            made.add(new Batch(names, types.toArray(new SqlType[0]), vectors, rows.length));
        }
        table.append(made);
        return table;
    }

    /** Rows {@code from..to)}: column 0 the row number, 1 the number times 1,000 (a wide range), 2 the number halved. */
    private static Long[][] rows(long from, long to) {
        Long[][] out = new Long[(int) (to - from)][];
        for (long i = from; i < to; i++) {
            out[(int) (i - from)] = new Long[] {i, i * 1000, i / 2};
        }
        return out;
    }

    @Test
    void denseAndWideKeysAreUniqueAndRepeatsAreNot() {
        assertEquals(List.of(0, 1), table(3, rows(0, 5000), rows(5000, 9000)).uniqueColumns());
    }

    /** 17 again: in the dense column (a bitmap of its range) and the wide one (a hash set); 2 and 20 across chunks. */
    @Test
    void aRepeatInALaterChunkIsFound() {
        assertEquals(List.of(), table(3, rows(0, 5000), new Long[][] {{17L, 17_000L, 1_000_000L}}).uniqueColumns());
        assertEquals(List.of(), table(2, new Long[][] {{1L, 10L}, {2L, 20L}}, new Long[][] {{2L, 30_000_000L},
                {3L, 20L}}).uniqueColumns());
    }

    @Test
    void aNullIsNotAKey() {
        assertEquals(List.of(1), table(2, new Long[][] {{1L, 1L}, {null, 2L}}, new Long[][] {{3L, 3L}}).uniqueColumns());
    }
}

package io.blueshift.columnar.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.QueryMemoryFixture;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;

/**
 * {@link Batches#concat}: parts of every length (so that each starts at any bit of the result's
 * bitmaps), with and without NULLs, give the rows of the parts in order, NULLs and booleans
 * included.
 */
class BatchesConcatTest extends QueryMemoryFixture {
    private static final List<SqlType> TYPES = List.of(SqlType.INTEGER, SqlType.BOOLEAN, SqlType.TEXT);

    @Test
    void concatenatesPartsStartingAtAnyBit() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<Batch> parts = new ArrayList<>();
        List<List<Object>> want = new ArrayList<>();
        try {
            for (int p = 0; p < 40; p++) {
                int n = p < 20 ? p + 1 : random.nextInt(300);
                boolean nulls = p % 3 != 0; // every third part has no NULL: its bitmap is copied as all set
                List<FieldVector> vectors = new ArrayList<>();
                List<List<Object>> rows = new ArrayList<>();
                for (int r = 0; r < n; r++) {
                    rows.add(new ArrayList<>());
                }
                for (SqlType type : TYPES) {
                    FieldVector v = Vectors.allocate(memory, type, n);
                    for (int r = 0; r < n; r++) {
                        Object value = nulls && random.nextInt(4) == 0 ? null : switch (type.kind()) {
                            case INTEGER -> random.nextInt();
                            case BOOLEAN -> random.nextBoolean();
                            default -> "x".repeat(random.nextInt(5));
                        };
                        Values.set(v, type, r, value);
                        rows.get(r).add(value);
                    }
                    v.setValueCount(n);
                    vectors.add(v);
                }
                parts.add(Batches.of(TYPES, vectors, n));
                want.addAll(rows);
            }
            try (Batch all = Batches.concat(TYPES, parts, memory)) {
                assertEquals(want.size(), all.rowCount());
                for (int r = 0; r < want.size(); r++) {
                    for (int c = 0; c < TYPES.size(); c++) {
                        assertEquals(want.get(r).get(c), Values.get(all.vector(c), TYPES.get(c), r),
                                "seed=" + seed + " row " + r + " column " + c);
                    }
                }
            }
        } finally {
            parts.forEach(Batch::close);
        }
    }
}

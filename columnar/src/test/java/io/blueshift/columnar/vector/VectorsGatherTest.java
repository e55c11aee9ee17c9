package io.blueshift.columnar.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blueshift.columnar.QueryMemoryFixture;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.Values;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;

/**
 * {@link Vectors#gather} row by row and by runs of consecutive rows (what a filter that keeps most
 * rows leaves), with and without NULLs in the source and NULL rows (-1) in the positions: every
 * gathered value is the source value at its position.
 */
class VectorsGatherTest extends QueryMemoryFixture {
    private static final List<SqlType> TYPES = List.of(SqlType.INTEGER, SqlType.BIGINT, SqlType.BOOLEAN,
            SqlType.decimal(12, 2), SqlType.decimal(30, 4), SqlType.TEXT);

    private static Object value(SqlType type, Random random) {
        return switch (type.kind()) {
            case INTEGER -> random.nextInt();
            case BIGINT -> random.nextLong();
            case BOOLEAN -> random.nextBoolean();
            case DECIMAL -> BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, type.scale());
            default -> "s".repeat(random.nextInt(30)) + random.nextInt(100); // short and long strings
        };
    }

    @Test
    void gathersRowsAndRunsOfEveryType() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int n = 5000;
        for (SqlType type : TYPES) {
            for (boolean sourceNulls : new boolean[] {false, true}) {
                FieldVector source = Vectors.allocate(memory, type, n);
                try {
                    List<Object> values = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        Object v = sourceNulls && random.nextInt(10) == 0 ? null : value(type, random);
                        values.add(v);
                        Values.set(source, type, i, v);
                    }
                    source.setValueCount(n);
                    for (String shape : List.of("runs", "runs repeated", "mostly kept", "shuffled", "with null rows")) {
                        int[] positions = positions(shape, n, random);
                        int count = positions.length;
                        String message = "seed=" + seed + " " + type + " source nulls=" + sourceNulls + " " + shape;
                        try (FieldVector out = Vectors.gather(memory, type, source, positions, count)) {
                            assertEquals(count, out.getValueCount(), message);
                            for (int i = 0; i < count; i++) {
                                Object want = positions[i] < 0 ? null : values.get(positions[i]);
                                assertEquals(want, Values.get(out, type, i), message + " row " + i);
                            }
                        }
                    }
                } finally {
                    source.close();
                }
            }
        }
    }

    private static int[] positions(String shape, int n, Random random) {
        List<Integer> out = new ArrayList<>();
        switch (shape) {
            case "runs" -> {
                for (int i = 0; i < n; i += 1 + random.nextInt(3)) {
                    int length = 20 + random.nextInt(200);
                    for (int k = i; k < Math.min(n, i + length); k++) {
                        out.add(k);
                    }
                    i += length;
                }
            }
            case "runs repeated" -> { // a run followed by itself again (a join's build rows matched twice)
                for (int i = 0; i < n; i += 1 + random.nextInt(3)) {
                    int length = 20 + random.nextInt(200);
                    for (int twice = 0; twice < 2; twice++) {
                        for (int k = i; k < Math.min(n, i + length); k++) {
                            out.add(k);
                        }
                    }
                    i += length;
                }
            }
            case "mostly kept" -> {
                for (int i = 0; i < n; i++) {
                    if (random.nextInt(100) != 0) {
                        out.add(i);
                    }
                }
            }
            case "shuffled" -> {
                for (int i = 0; i < n; i++) {
                    out.add(random.nextInt(n));
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    out.add(random.nextInt(50) == 0 ? -1 : i);
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}

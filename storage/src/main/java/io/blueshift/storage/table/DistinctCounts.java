package io.blueshift.storage.table;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.kernels.Bitmaps;
import io.blueshift.kernels.hash.HashMix;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/**
 * The number of distinct non-null values of a column, estimated with a HyperLogLog sketch of
 * 2^14 one-byte registers (about 0.8% standard error, exact enough for small counts through
 * linear counting). Join ordering divides by these counts: a join of customer with supplier on
 * their 25 nation keys returns millions of rows, which only the distinct count tells apart from a
 * key join. One pass over the column, reading the Arrow buffers directly, hashed as the hash
 * tables hash keys ({@link HashMix}).
 */
public final class DistinctCounts {
    private static final int P = 14;
    private static final int M = 1 << P;

    private DistinctCounts() {
    }

    static long estimate(List<Batch> chunks, int column) {
        Sketch sketch = new Sketch();
        for (Batch b : chunks) {
            if (!sketch.add(b, column)) {
                return -1;
            }
        }
        return sketch.estimate();
    }

    /** One column's sketch: values added batch by batch (on one thread), sketches merged, then estimated. */
    public static final class Sketch {
        private final byte[] registers = new byte[M];
        private long nonNull;

        /** Adds a batch's values of a column; false for a type the sketch cannot hash (nothing added). */
        public boolean add(Batch b, int column) {
            // pinned, not held: a stored chunk's column may leave the buffer pool once counted
            b.pin();
            try {
                return add(b.pinnedVector(column), b.rowCount());
            } finally {
                b.unpin();
            }
        }

        private boolean add(FieldVector v, int n) {
            MemorySegment validity = v.getNullCount() == 0 ? null : QueryMemory.segment(v.getValidityBuffer());
            if (v instanceof BitVector) {
                MemorySegment bits = QueryMemory.segment(v.getDataBuffer());
                for (int i = 0; i < n; i++) {
                    if (Bitmaps.isValid(validity, i)) {
                        DistinctCounts.add(registers, HashMix.hashLong(Bitmaps.isValid(bits, i) ? 1 : 0));
                        nonNull++;
                    }
                }
            } else if (v instanceof BaseVariableWidthVector variable) {
                MemorySegment offsets = QueryMemory.segment(variable.getOffsetBuffer());
                MemorySegment data = QueryMemory.segment(v.getDataBuffer());
                for (int i = 0; i < n; i++) {
                    if (Bitmaps.isValid(validity, i)) {
                        int from = offsets.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i);
                        int to = offsets.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i + 1);
                        DistinctCounts.add(registers, HashMix.hashBytes(data, from, to - from));
                        nonNull++;
                    }
                }
            } else if (v instanceof BaseFixedWidthVector fixed) {
                int width = fixed.getTypeWidth();
                MemorySegment data = QueryMemory.segment(v.getDataBuffer());
                for (int i = 0; i < n; i++) {
                    if (Bitmaps.isValid(validity, i)) {
                        DistinctCounts.add(registers, hash(data, width, i));
                        nonNull++;
                    }
                }
            } else {
                return false;
            }
            return true;
        }

        /** Takes in another sketch of the same column (of other rows). */
        public void merge(Sketch other) {
            for (int i = 0; i < M; i++) {
                if (other.registers[i] > registers[i]) {
                    registers[i] = other.registers[i];
                }
            }
            nonNull += other.nonNull;
        }

        /** The estimated number of distinct non-null values. */
        public long estimate() {
            return Math.min(nonNull, Math.round(cardinality(registers)));
        }
    }

    /** The hash of a fixed-width value (a 16-byte decimal as the 128-bit value it is). */
    private static long hash(MemorySegment data, int width, int i) {
        return switch (width) {
            case 1 -> HashMix.hashLong(data.get(ValueLayout.JAVA_BYTE, i));
            case 2 -> HashMix.hashLong(data.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i));
            case 4 -> HashMix.hashLong(data.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i));
            case 8 -> HashMix.hashLong(data.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i));
            case 16 -> HashMix.hashDecimal128(data.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 2L * i),
                    data.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 2L * i + 1));
            default -> HashMix.hashBytes(data, (long) i * width, width);
        };
    }

    private static void add(byte[] registers, long hash) {
        int index = (int) (hash >>> (64 - P));
        int rank = Long.numberOfLeadingZeros((hash << P) | (1L << (P - 1))) + 1;
        if (rank > registers[index]) {
            registers[index] = (byte) rank;
        }
    }

    private static double cardinality(byte[] registers) {
        double sum = 0;
        int zeros = 0;
        for (byte r : registers) {
            sum += Math.scalb(1.0, -r);
            if (r == 0) {
                zeros++;
            }
        }
        double alpha = 0.7213 / (1 + 1.079 / M);
        double estimate = alpha * M * (double) M / sum;
        if (estimate <= 2.5 * M && zeros > 0) {
            return M * Math.log((double) M / zeros);
        }
        return estimate;
    }
}

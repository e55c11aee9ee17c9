package io.blueshift.executor.window;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.PhysicalType;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import io.blueshift.storage.format.SpillFile;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;

/**
 * The rows of one OVER clause in window order (sorted by its PARTITION BY and ORDER BY columns),
 * read by cursors that only move forward: the current row, a frame's start and end, a lead's row
 * all move forward as the current row does. So rows held in memory are read where they lie, and
 * rows spilled to disk are read in a few passes over the file, a batch per cursor in memory.
 */
interface WindowRows {
    /** The rows. */
    long size();

    /** The type of a column of the rows. */
    SqlType type(int column);

    /** A cursor reading {@code columns} (ascending) of the rows. */
    Cursor cursor(int[] columns);

    /**
     * Whether the values of a column of {@code type} are read unboxed by {@link Cursor#getLong}:
     * the integers, and the decimals held as a long of their unscaled value.
     */
    static boolean readsLong(SqlType type) {
        return switch (type.kind()) {
            case SMALLINT, INTEGER, BIGINT -> true;
            case DECIMAL -> type.physical() == PhysicalType.LONG;
            default -> false;
        };
    }

    /**
     * Reads rows in ascending order (a row may be read again, never one before it), each value
     * where it lies: in the batch that holds the row.
     */
    abstract class Cursor implements AutoCloseable {
        /** The batch that holds {@code row} (a cursor over disk reads on to it). */
        abstract Batch batch(long row);

        /** Where {@code row} is in the batch {@link #batch} last gave. */
        abstract int position(long row);

        /** Where {@code column} of the rows is in the batches. */
        abstract int place(int column);

        /** The value of {@code column} (one of the cursor's) in {@code row}. */
        final Object get(int column, long row) {
            return batch(row).get(place(column), position(row));
        }

        /**
         * The value of {@code column} in {@code row} unboxed, or {@code nullValue} where it is NULL:
         * an integer, or a decimal's unscaled value ({@link #readsLong}).
         */
        final long getLong(int column, long row, long nullValue) {
            FieldVector v = batch(row).vector(place(column));
            int at = position(row);
            if (v.isNull(at)) {
                return nullValue;
            }
            return switch (v) {
                case BigIntVector longs -> longs.get(at);
                case IntVector ints -> ints.get(at);
                case SmallIntVector shorts -> shorts.get(at);
                default -> throw new IllegalStateException("not a vector of integers: " + v.getClass().getSimpleName());
            };
        }

        /** Whether {@code column} is NULL in {@code row}. */
        final boolean isNull(int column, long row) {
            return batch(row).vector(place(column)).isNull(position(row));
        }

        @Override
        public void close() {
        }
    }

    /** The rows of {@code all} in the order {@code order} gives (positions in {@code all}). */
    static WindowRows inMemory(Batch all, int[] order) {
        return new WindowRows() {
            @Override
            public long size() {
                return order.length;
            }

            @Override
            public SqlType type(int column) {
                return all.type(column);
            }

            @Override
            public Cursor cursor(int[] columns) {
                return new Cursor() {
                    @Override
                    Batch batch(long row) {
                        return all;
                    }

                    @Override
                    int position(long row) {
                        return order[(int) row];
                    }

                    @Override
                    int place(int column) {
                        return column;
                    }
                };
            }
        };
    }

    /** The {@code size} rows of {@code types} of a finished spill file, in the order written. */
    static WindowRows spilled(SpillFile file, List<SqlType> types, long size, QueryMemory memory) {
        return new WindowRows() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public SqlType type(int column) {
                return types.get(column);
            }

            @Override
            public Cursor cursor(int[] columns) {
                return new SpilledCursor(file.reader(memory, columns), columns);
            }
        };
    }

    /** A pass over a spill file holding the batch of the row last read. */
    final class SpilledCursor extends Cursor {
        private final SpillFile.Reader reader;
        /** For each column of the rows, its place in the batches read, or -1. */
        private final int[] place;
        private Batch batch;
        /** The row of the batch's first row. */
        private long first;

        SpilledCursor(SpillFile.Reader reader, int[] columns) {
            this.reader = reader;
            this.place = new int[columns.length == 0 ? 0 : columns[columns.length - 1] + 1];
            Arrays.fill(place, -1);
            for (int i = 0; i < columns.length; i++) {
                place[columns[i]] = i;
            }
        }

        @Override
        int position(long row) {
            return (int) (row - first);
        }

        @Override
        int place(int column) {
            return place[column];
        }

        @Override
        Batch batch(long row) {
            if (batch != null && row < first) {
                throw new IllegalStateException("row " + row + " is before the cursor's batch at " + first);
            }
            while (batch == null || row >= first + batch.rowCount()) {
                if (batch != null) {
                    first += batch.rowCount();
                    batch.close();
                }
                batch = reader.next();
                if (batch == null) {
                    throw new IllegalStateException("row " + row + " is past the spilled rows");
                }
            }
            return batch;
        }

        @Override
        public void close() {
            if (batch != null) {
                batch.close();
                batch = null;
            }
        }
    }
}

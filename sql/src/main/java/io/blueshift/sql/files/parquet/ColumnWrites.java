package io.blueshift.sql.files.parquet;

import io.blueshift.columnar.Interval;
import io.blueshift.columnar.SqlType;
import io.blueshift.kernels.Selection;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;

/**
 * Writes a run of one column's live rows to its Parquet column writer, one loop per type so the
 * loop body is monomorphic. Definition level 1 is a value, 0 a NULL (every column is OPTIONAL,
 * top level, so the repetition level is always 0). Byte values go through one reused buffer:
 * Parquet's dictionary and statistics copy what they keep.
 */
final class ColumnWrites {
    private byte[] scratch = new byte[64];

    /** Writes live rows {@code from} (inclusive) to {@code to} (exclusive) of the batch's selection. */
    void write(ColumnWriter w, FieldVector vector, SqlType type, Selection selection, int from, int to) {
        int base = selection == null ? 0 : selection.isRange() ? selection.start() : -1;
        int[] positions = base < 0 ? selection.positions() : null;
        switch (type.kind()) {
            case BOOLEAN -> {
                BitVector v = (BitVector) vector;
                for (int k = from; k < to; k++) {
                    int r = positions == null ? base + k : positions[k];
                    if (v.isNull(r)) {
                        w.writeNull(0, 0);
                    } else {
                        w.write(v.get(r) != 0, 0, 1);
                    }
                }
            }
            case SMALLINT -> {
                SmallIntVector v = (SmallIntVector) vector;
                for (int k = from; k < to; k++) {
                    int r = positions == null ? base + k : positions[k];
                    if (v.isNull(r)) {
                        w.writeNull(0, 0);
                    } else {
                        w.write((int) v.get(r), 0, 1);
                    }
                }
            }
            case INTEGER, DATE -> {
                ArrowBuf data = vector.getDataBuffer();
                for (int k = from; k < to; k++) {
                    int r = positions == null ? base + k : positions[k];
                    if (vector.isNull(r)) {
                        w.writeNull(0, 0);
                    } else {
                        w.write(data.getInt((long) r * IntVector.TYPE_WIDTH), 0, 1);
                    }
                }
            }
            case BIGINT, TIME, TIMESTAMP, TIMESTAMPTZ -> writeLongs(w, vector, positions, base, from, to);
            case REAL -> {
                Float4Vector v = (Float4Vector) vector;
                for (int k = from; k < to; k++) {
                    int r = positions == null ? base + k : positions[k];
                    if (v.isNull(r)) {
                        w.writeNull(0, 0);
                    } else {
                        w.write(v.get(r), 0, 1);
                    }
                }
            }
            case DOUBLE -> {
                Float8Vector v = (Float8Vector) vector;
                for (int k = from; k < to; k++) {
                    int r = positions == null ? base + k : positions[k];
                    if (v.isNull(r)) {
                        w.writeNull(0, 0);
                    } else {
                        w.write(v.get(r), 0, 1);
                    }
                }
            }
            case DECIMAL -> {
                if (vector instanceof BigIntVector) {
                    writeLongs(w, vector, positions, base, from, to);
                } else {
                    writeDecimal128(w, (DecimalVector) vector, ParquetTypes.decimalBytes(type.precision()),
                            positions, base, from, to);
                }
            }
            case CHAR, VARCHAR, TEXT -> {
                VarCharVector v = (VarCharVector) vector;
                ArrowBuf offsets = v.getOffsetBuffer();
                ArrowBuf data = v.getDataBuffer();
                for (int k = from; k < to; k++) {
                    int r = positions == null ? base + k : positions[k];
                    if (v.isNull(r)) {
                        w.writeNull(0, 0);
                        continue;
                    }
                    int start = offsets.getInt((long) r * 4);
                    int length = offsets.getInt((long) r * 4 + 4) - start;
                    byte[] b = scratch(length);
                    data.getBytes(start, b, 0, length);
                    w.write(Binary.fromReusedByteArray(b, 0, length), 0, 1);
                }
            }
            case INTERVAL -> {
                IntervalMonthDayNanoVector v = (IntervalMonthDayNanoVector) vector;
                ArrowBuf data = v.getDataBuffer();
                for (int k = from; k < to; k++) {
                    int r = positions == null ? base + k : positions[k];
                    if (v.isNull(r)) {
                        w.writeNull(0, 0);
                        continue;
                    }
                    long at = (long) r * IntervalMonthDayNanoVector.TYPE_WIDTH;
                    String text = new Interval(data.getInt(at), data.getInt(at + 4), data.getLong(at + 8) / 1000).toString();
                    w.write(Binary.fromString(text), 0, 1);
                }
            }
        }
    }

    private static void writeLongs(ColumnWriter w, FieldVector vector, int[] positions, int base, int from, int to) {
        ArrowBuf data = vector.getDataBuffer();
        if (vector.getNullCount() == 0) {
            for (int k = from; k < to; k++) {
                int r = positions == null ? base + k : positions[k];
                w.write(data.getLong((long) r * 8), 0, 1);
            }
            return;
        }
        for (int k = from; k < to; k++) {
            int r = positions == null ? base + k : positions[k];
            if (vector.isNull(r)) {
                w.writeNull(0, 0);
            } else {
                w.write(data.getLong((long) r * 8), 0, 1);
            }
        }
    }

    /** Arrow keeps 16 little-endian bytes; Parquet wants the low {@code width} bytes big-endian. */
    private void writeDecimal128(ColumnWriter w, DecimalVector v, int width, int[] positions, int base, int from,
            int to) {
        ArrowBuf data = v.getDataBuffer();
        byte[] b = scratch(width);
        for (int k = from; k < to; k++) {
            int r = positions == null ? base + k : positions[k];
            if (v.isNull(r)) {
                w.writeNull(0, 0);
                continue;
            }
            long at = (long) r * DecimalVector.TYPE_WIDTH;
            for (int i = 0; i < width; i++) {
                b[width - 1 - i] = data.getByte(at + i);
            }
            w.write(Binary.fromReusedByteArray(b, 0, width), 0, 1);
        }
    }

    private byte[] scratch(int length) {
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        return scratch;
    }
}

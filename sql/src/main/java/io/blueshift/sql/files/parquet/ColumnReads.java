package io.blueshift.sql.files.parquet;

import io.blueshift.columnar.ArrowTypes;
import io.blueshift.columnar.Interval;
import io.blueshift.executor.expr.Intervals;
import io.blueshift.kernels.string.TextCheck;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;

/**
 * Reads the next rows of one column chunk from parquet-java's {@link ColumnReader} into a new
 * Arrow vector, one loop per decoding so the loop body stays monomorphic. A value is present
 * when its definition level is the column's maximum; anything lower is a NULL.
 */
final class ColumnReads {
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private ColumnReads() {
    }

    /** The next {@code n} values of {@code reader} as a vector of {@code column}'s type, owned by the caller. */
    static FieldVector read(ColumnReader reader, ParquetColumn column, int n, BufferAllocator allocator,
                            byte invalidTextReplacement) {
        FieldVector vector = ArrowTypes.field(column.name(), column.type(), true).createVector(allocator);
        try {
            if (vector instanceof VarCharVector v) {
                v.allocateNew(Math.max(1024L, n * 16L), n);
            } else {
                ((BaseFixedWidthVector) vector).allocateNew(n);
            }
            fill(reader, column, vector, n, reader.getDescriptor().getMaxDefinitionLevel(), invalidTextReplacement);
            vector.setValueCount(n);
            return vector;
        } catch (RuntimeException | Error e) {
            vector.close();
            throw e;
        }
    }

    private static void fill(ColumnReader reader, ParquetColumn column, FieldVector vector, int n, int maxDef,
                             byte invalidTextReplacement) {
        ArrowBuf validity = vector.getValidityBuffer();
        long multiplier = column.multiplier();
        switch (column.decode()) {
            case BOOLEAN -> {
                BitVector v = (BitVector) vector;
                for (int i = 0; i < n; i++) {
                    if (reader.getCurrentDefinitionLevel() == maxDef) {
                        v.set(i, reader.getBoolean() ? 1 : 0);
                    }
                    reader.consume();
                }
            }
            case SHORT -> {
                SmallIntVector v = (SmallIntVector) vector;
                for (int i = 0; i < n; i++) {
                    if (reader.getCurrentDefinitionLevel() == maxDef) {
                        v.set(i, (short) reader.getInteger());
                    }
                    reader.consume();
                }
            }
            case INT -> {
                ArrowBuf data = vector.getDataBuffer();
                for (int i = 0; i < n; i++) {
                    if (reader.getCurrentDefinitionLevel() == maxDef) {
                        data.setInt((long) i * 4, reader.getInteger());
                        BitVectorHelper.setBit(validity, i);
                    }
                    reader.consume();
                }
            }
            case INT_TO_LONG, UINT32, INT_DECIMAL -> {
                boolean unsigned = column.decode() == ParquetTypes.Decode.UINT32;
                if (vector instanceof DecimalVector d) {
                    for (int i = 0; i < n; i++) {
                        if (reader.getCurrentDefinitionLevel() == maxDef) {
                            d.set(i, reader.getInteger());
                        }
                        reader.consume();
                    }
                    return;
                }
                ArrowBuf data = vector.getDataBuffer();
                for (int i = 0; i < n; i++) {
                    if (reader.getCurrentDefinitionLevel() == maxDef) {
                        int x = reader.getInteger();
                        data.setLong((long) i * 8, (unsigned ? Integer.toUnsignedLong(x) : x) * multiplier);
                        BitVectorHelper.setBit(validity, i);
                    }
                    reader.consume();
                }
            }
            case LONG, LONG_DECIMAL -> {
                if (vector instanceof DecimalVector d) {
                    for (int i = 0; i < n; i++) {
                        if (reader.getCurrentDefinitionLevel() == maxDef) {
                            d.set(i, reader.getLong());
                        }
                        reader.consume();
                    }
                    return;
                }
                ArrowBuf data = vector.getDataBuffer();
                for (int i = 0; i < n; i++) {
                    if (reader.getCurrentDefinitionLevel() == maxDef) {
                        data.setLong((long) i * 8, reader.getLong() * multiplier);
                        BitVectorHelper.setBit(validity, i);
                    }
                    reader.consume();
                }
            }
            case LONG_NANOS -> {
                ArrowBuf data = vector.getDataBuffer();
                for (int i = 0; i < n; i++) {
                    if (reader.getCurrentDefinitionLevel() == maxDef) {
                        data.setLong((long) i * 8, Math.floorDiv(reader.getLong(), 1000L));
                        BitVectorHelper.setBit(validity, i);
                    }
                    reader.consume();
                }
            }
            case UINT64 -> {
                DecimalVector v = (DecimalVector) vector;
                for (int i = 0; i < n; i++) {
                    if (reader.getCurrentDefinitionLevel() == maxDef) {
                        long x = reader.getLong();
                        if (x >= 0) {
                            v.set(i, x);
                        } else {
                            v.set(i, new BigDecimal(new BigInteger(Long.toUnsignedString(x))));
                        }
                    }
                    reader.consume();
                }
            }
            case BINARY_DECIMAL -> {
                if (vector instanceof BigIntVector v) {
                    for (int i = 0; i < n; i++) {
                        if (reader.getCurrentDefinitionLevel() == maxDef) {
                            v.set(i, bigEndianLong(reader.getBinary()));
                        }
                        reader.consume();
                    }
                } else {
                    DecimalVector v = (DecimalVector) vector;
                    for (int i = 0; i < n; i++) {
                        if (reader.getCurrentDefinitionLevel() == maxDef) {
                            v.setBigEndian(i, reader.getBinary().getBytesUnsafe());
                        }
                        reader.consume();
                    }
                }
            }
            case FLOAT -> {
                Float4Vector v = (Float4Vector) vector;
                for (int i = 0; i < n; i++) {
                    if (reader.getCurrentDefinitionLevel() == maxDef) {
                        v.set(i, reader.getFloat());
                    }
                    reader.consume();
                }
            }
            case DOUBLE -> {
                Float8Vector v = (Float8Vector) vector;
                for (int i = 0; i < n; i++) {
                    if (reader.getCurrentDefinitionLevel() == maxDef) {
                        v.set(i, reader.getDouble());
                    }
                    reader.consume();
                }
            }
            case STRING -> fillStrings(reader, (VarCharVector) vector, n, maxDef, invalidTextReplacement);
            case INT96_TIMESTAMP -> {
                ArrowBuf data = vector.getDataBuffer();
                for (int i = 0; i < n; i++) {
                    if (reader.getCurrentDefinitionLevel() == maxDef) {
                        ByteBuffer b = reader.getBinary().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                        long nanos = b.getLong(b.position());
                        long day = b.getInt(b.position() + 8);
                        data.setLong((long) i * 8,
                                (day - ParquetTypes.JULIAN_EPOCH_DAY) * MICROS_PER_DAY + Math.floorDiv(nanos, 1000L));
                        BitVectorHelper.setBit(validity, i);
                    }
                    reader.consume();
                }
            }
            case INTERVAL -> {
                IntervalMonthDayNanoVector v = (IntervalMonthDayNanoVector) vector;
                for (int i = 0; i < n; i++) {
                    if (reader.getCurrentDefinitionLevel() == maxDef) {
                        ByteBuffer b = reader.getBinary().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                        int at = b.position();
                        v.set(i, b.getInt(at), b.getInt(at + 4), b.getInt(at + 8) * 1_000_000L);
                    }
                    reader.consume();
                }
            }
            case INTERVAL_TEXT -> fillIntervalText(reader, (IntervalMonthDayNanoVector) vector, n, maxDef);
        }
    }

    /**
     * Strings straight into the offsets and data buffers (no per-value bounds checks or hole
     * filling as in {@code setSafe}); the data buffer doubles when it fills. With a {@code
     * replacement} (ACCEPTINVCHARS) each invalid byte of a value is replaced in a copy of it.
     */
    private static void fillStrings(ColumnReader reader, VarCharVector v, int n, int maxDef, byte replacement) {
        ArrowBuf validity = v.getValidityBuffer();
        ArrowBuf offsets = v.getOffsetBuffer();
        ArrowBuf data = v.getDataBuffer();
        long capacity = data.capacity();
        int end = 0;
        offsets.setInt(0, 0);
        for (int i = 0; i < n; i++) {
            if (reader.getCurrentDefinitionLevel() == maxDef) {
                ByteBuffer b = reader.getBinary().toByteBuffer();
                int length = b.remaining();
                if (replacement == 0) {
                    checkText(b);
                } else if (!b.hasArray()
                        || TextCheck.firstInvalid(b.array(), b.arrayOffset() + b.position(), b.arrayOffset() + b.limit()) >= 0) {
                    byte[] copy = new byte[length];
                    b.duplicate().get(copy);
                    TextCheck.replaceInvalid(copy, 0, length, replacement);
                    b = ByteBuffer.wrap(copy);
                }
                while (end + (long) length > capacity) {
                    v.reallocDataBuffer();
                    data = v.getDataBuffer();
                    capacity = data.capacity();
                }
                data.setBytes(end, b);
                end += length;
                BitVectorHelper.setBit(validity, i);
            }
            offsets.setInt((long) (i + 1) * 4, end);
            reader.consume();
        }
        v.setLastSet(n - 1);
    }

    /** A string enters as any text does: valid UTF-8 without NUL ({@link TextCheck}). */
    private static void checkText(ByteBuffer b) {
        if (b.hasArray()) {
            TextCheck.check(b.array(), b.arrayOffset() + b.position(), b.arrayOffset() + b.limit());
        } else {
            byte[] copy = new byte[b.remaining()];
            b.duplicate().get(copy);
            TextCheck.check(copy, 0, copy.length);
        }
    }

    /** Interval text as Blueshift writes it (Postgres' output form). */
    private static void fillIntervalText(ColumnReader reader, IntervalMonthDayNanoVector v, int n, int maxDef) {
        for (int i = 0; i < n; i++) {
            if (reader.getCurrentDefinitionLevel() == maxDef) {
                Interval x = Intervals.parse(reader.getBinary().toStringUsingUTF8());
                v.set(i, x.months(), x.days(), Math.multiplyExact(x.micros(), 1000L));
            }
            reader.consume();
        }
    }

    /** A big-endian two's complement integer of at most 8 bytes. */
    static long bigEndianLong(Binary binary) {
        ByteBuffer b = binary.toByteBuffer();
        int from = b.position();
        int to = b.limit();
        if (to == from) {
            return 0;
        }
        long v = b.get(from);
        for (int i = from + 1; i < to; i++) {
            v = (v << 8) | (b.get(i) & 0xFF);
        }
        return v;
    }
}

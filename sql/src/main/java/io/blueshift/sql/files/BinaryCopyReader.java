package io.blueshift.sql.files;

import io.blueshift.columnar.ArrowTypes;
import io.blueshift.columnar.Batch;
import io.blueshift.columnar.Interval;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.Values;
import io.blueshift.executor.expr.Conversions;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.kernels.string.TextCheck;
import io.blueshift.storage.catalog.ColumnDef;
import io.blueshift.storage.catalog.TableDef;
import io.blueshift.sql.session.StatementContext;
import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Postgres' binary COPY format (what asyncpg's {@code copy_records_to_table} and psycopg's binary
 * copy send): a signature, flags and a header extension, then tuples of a field count and each
 * field's length (-1 for NULL) and bytes in its column type's binary form, then a count of -1.
 * Values become table chunks the way the text parser's do; the first bad one fails the COPY, as
 * in Postgres (a binary field has no text to keep in {@code stl_load_errors}).
 */
final class BinaryCopyReader {
    /** The signature; the header goes on with 32-bit flags and a header extension length. */
    static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
    private static final int PG_EPOCH_DAYS = 10_957;
    private static final LocalDateTime UNIX_EPOCH = LocalDateTime.ofEpochSecond(0, 0, ZoneOffset.UTC);

    private final StatementContext session;
    private final TableDef table;
    private final int[] target;
    private final Map<Integer, Object> defaults;
    private final BufferAllocator allocator;
    private final int chunkRows;
    /** ACCEPTINVCHARS' byte for each invalid byte of a string, or 0 to refuse such a string with 22021. */
    private final byte replacement;
    private FieldVector[] vectors;
    private int rows;

    BinaryCopyReader(StatementContext session, TableDef table, int[] target, Map<Integer, Object> defaults, int chunkRows,
                     byte replacement) {
        this.replacement = replacement;
        this.session = session;
        this.table = table;
        this.target = target;
        this.defaults = defaults;
        this.allocator = table.data().allocator();
        this.chunkRows = chunkRows;
    }

    /** Reads one file's tuples into chunks handed to {@code out} as each fills; on failure the chunk being filled is freed. */
    void read(String file, MemorySegment data, Consumer<Batch> out) {
        ByteBuffer b = data.byteSize() == 0 ? ByteBuffer.allocate(0) : data.asByteBuffer();
        long line = 0;
        try {
            header(b, file);
            newChunk();
            while (b.hasRemaining()) {
                line++;
                short count = b.getShort();
                if (count == -1) {
                    break;
                }
                if (count != target.length) {
                    throw badFile("row field count is " + count + ", expected " + target.length, file, line);
                }
                for (int f = 0; f < count; f++) {
                    int length = b.getInt();
                    ColumnDef column = table.columns().get(target[f]);
                    if (length < -1 || length > b.remaining()) {
                        throw badFile("unexpected EOF in COPY data", file, line);
                    }
                    Object value = null;
                    if (length >= 0) {
                        ByteBuffer field = b.slice(b.position(), length);
                        b.position(b.position() + length);
                        value = Conversions.convert(decode(field, column.type(), replacement), column.type());
                    }
                    if (value == null && !column.nullable()) {
                        throw new BlueshiftException(ErrorCode.NOT_NULL_VIOLATION, column.name(), table.name());
                    }
                    Values.set(vectors[target[f]], column.type(), rows, value);
                }
                for (Map.Entry<Integer, Object> d : defaults.entrySet()) {
                    ColumnDef column = table.columns().get(d.getKey());
                    if (d.getValue() == null && !column.nullable()) {
                        throw new BlueshiftException(ErrorCode.NOT_NULL_VIOLATION, column.name(), table.name());
                    }
                    Values.set(vectors[d.getKey()], column.type(), rows, d.getValue() == null ? null
                            : Conversions.convert(d.getValue(), column.type()));
                }
                if (++rows == chunkRows) {
                    seal(out);
                    if (session.cancelRequested()) {
                        throw session.cancellation();
                    }
                    newChunk();
                }
            }
            seal(out);
        } catch (BufferUnderflowException e) {
            fail();
            throw badFile("unexpected EOF in COPY data", file, line);
        } catch (RuntimeException e) {
            fail();
            throw e;
        }
    }

    private static void header(ByteBuffer b, String file) {
        if (b.remaining() < SIGNATURE.length + 8) {
            throw badFile("COPY file signature not recognized", file, 0);
        }
        for (byte expected : SIGNATURE) {
            if (b.get() != expected) {
                throw badFile("COPY file signature not recognized", file, 0);
            }
        }
        if ((b.getInt() & 0x10000) != 0) {
            throw badFile("invalid COPY file header (WITH OIDS)", file, 0);
        }
        int extension = b.getInt();
        if (extension < 0 || b.remaining() < extension) {
            throw badFile("invalid COPY file header (missing extension)", file, 0);
        }
        b.position(b.position() + extension);
    }

    /** One field in its column type's binary form, as the Java value the type's conversion takes. */
    private static Object decode(ByteBuffer b, SqlType type, byte replacement) {
        Object v;
        try {
            v = switch (type.kind()) {
                case BOOLEAN -> b.get() != 0;
                case SMALLINT -> b.getShort();
                case INTEGER -> b.getInt();
                case BIGINT -> b.getLong();
                case REAL -> b.getFloat();
                case DOUBLE -> b.getDouble();
                case DECIMAL -> numeric(b);
                case CHAR, VARCHAR, TEXT -> {
                    byte[] text = new byte[b.remaining()];
                    b.get(text);
                    if (replacement != 0) {
                        TextCheck.replaceInvalid(text, 0, text.length, replacement);
                    }
                    yield TextCheck.decode(text);
                }
                case DATE -> LocalDate.ofEpochDay(b.getInt() + (long) PG_EPOCH_DAYS);
                case TIME -> LocalTime.ofNanoOfDay(b.getLong() * 1000);
                case TIMESTAMP -> timestamp(b.getLong());
                case TIMESTAMPTZ -> {
                    yield OffsetDateTime.of(timestamp(b.getLong()), ZoneOffset.UTC);
                }
                case INTERVAL -> {
                    long micros = b.getLong();
                    int days = b.getInt();
                    yield new Interval(b.getInt(), days, micros);
                }
            };
        } catch (BufferUnderflowException | DateTimeException e) {
            throw new BlueshiftException(ErrorCode.INVALID_BINARY_REPRESENTATION, type.name());
        }
        if (b.hasRemaining()) {
            throw new BlueshiftException(ErrorCode.INVALID_BINARY_REPRESENTATION, type.name());
        }
        return v;
    }

    /** Microseconds since 2000-01-01, Postgres' epoch. */
    private static LocalDateTime timestamp(long pgMicros) {
        long micros = pgMicros + PG_EPOCH_MICROS;
        return UNIX_EPOCH.plusSeconds(Math.floorDiv(micros, 1_000_000L)).plusNanos(Math.floorMod(micros, 1_000_000L) * 1000);
    }

    /** A numeric: base-10000 digits with a weight, a sign and a display scale. */
    private static BigDecimal numeric(ByteBuffer b) {
        int digits = b.getShort();
        int weight = b.getShort();
        int sign = b.getShort() & 0xFFFF;
        int scale = b.getShort();
        if (sign == 0xC000) {
            throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "NaN in numeric");
        }
        BigInteger unscaled = BigInteger.ZERO;
        for (int i = 0; i < digits; i++) {
            unscaled = unscaled.multiply(BigInteger.valueOf(10_000)).add(BigInteger.valueOf(b.getShort()));
        }
        // the digits are unscaled * 10000^(weight - digits + 1)
        BigDecimal v = new BigDecimal(unscaled, -4 * (weight - digits + 1)).setScale(scale, RoundingMode.UNNECESSARY);
        return sign == 0x4000 ? v.negate() : v;
    }

    private static BlueshiftException badFile(String what, String file, long tuple) {
        return new BlueshiftException(ErrorCode.BAD_COPY_FILE_FORMAT, what + (tuple > 0 ? " (row " + tuple + ")" : ""));
    }

    private void newChunk() {
        vectors = new FieldVector[table.columns().size()];
        for (int c = 0; c < vectors.length; c++) {
            ColumnDef column = table.columns().get(c);
            vectors[c] = ArrowTypes.field(column.name(), column.type(), true).createVector(allocator);
            vectors[c].setInitialCapacity(Math.min(chunkRows, 4096));
            vectors[c].allocateNew();
        }
        rows = 0;
    }

    private void seal(Consumer<Batch> out) {
        if (vectors == null) {
            return;
        }
        FieldVector[] v = vectors;
        vectors = null;
        if (rows == 0) {
            for (FieldVector x : v) {
                x.close();
            }
            return;
        }
        String[] names = new String[v.length];
        SqlType[] types = new SqlType[v.length];
        for (int c = 0; c < v.length; c++) {
            v[c].setValueCount(rows);
            names[c] = table.columns().get(c).name();
            types[c] = table.columns().get(c).type();
        }
        out.accept(new Batch(List.of(names), types, v, rows));
    }

    private void fail() {
        if (vectors != null) {
            for (FieldVector v : vectors) {
                v.close();
            }
            vectors = null;
        }
    }
}

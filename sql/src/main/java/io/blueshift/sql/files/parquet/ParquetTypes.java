package io.blueshift.sql.files.parquet;

import io.blueshift.columnar.PhysicalType;
import io.blueshift.columnar.SqlType;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The mapping between Blueshift's SQL types and Parquet's physical and logical types, chosen so
 * that DuckDB and Spark read the files back as the same SQL types: SMALLINT as INT32 with
 * INT(16), DECIMAL(p <= 18) on INT64 and wider ones on a FIXED_LEN_BYTE_ARRAY of the fewest
 * bytes that hold the precision (Spark's rule), strings as STRING on BINARY, TIME and TIMESTAMP
 * in microseconds (TIMESTAMPTZ adjusted to UTC), INTERVAL as Postgres' text (see {@link
 * #parquetType}). Every column is OPTIONAL. Reading also takes Parquet's own INTERVAL.
 */
final class ParquetTypes {
    /** The Julian day of 1970-01-01, INT96 timestamps count days from the Julian epoch. */
    static final long JULIAN_EPOCH_DAY = 2_440_588L;

    private ParquetTypes() {
    }

    /** The Parquet schema of a file written from columns of these names and types. */
    static MessageType schema(List<String> names, List<SqlType> types) {
        List<Type> fields = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            fields.add(parquetType(names.get(i), types.get(i)));
        }
        return new MessageType("blueshift", fields);
    }

    static PrimitiveType parquetType(String name, SqlType type) {
        return switch (type.kind()) {
            case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
            case SMALLINT -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(16, true)).named(name);
            case INTEGER -> Types.optional(PrimitiveTypeName.INT32).named(name);
            case BIGINT -> Types.optional(PrimitiveTypeName.INT64).named(name);
            case REAL -> Types.optional(PrimitiveTypeName.FLOAT).named(name);
            case DOUBLE -> Types.optional(PrimitiveTypeName.DOUBLE).named(name);
            case DECIMAL -> type.physical() == PhysicalType.LONG
                    ? Types.optional(PrimitiveTypeName.INT64)
                            .as(LogicalTypeAnnotation.decimalType(type.scale(), type.precision())).named(name)
                    : Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(decimalBytes(type.precision()))
                            .as(LogicalTypeAnnotation.decimalType(type.scale(), type.precision())).named(name);
            case CHAR, VARCHAR, TEXT -> Types.optional(PrimitiveTypeName.BINARY)
                    .as(LogicalTypeAnnotation.stringType()).named(name);
            case DATE -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(name);
            case TIME -> Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timeType(false, TimeUnit.MICROS)).named(name);
            case TIMESTAMP -> Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(false, TimeUnit.MICROS)).named(name);
            case TIMESTAMPTZ -> Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS)).named(name);
            // Parquet's INTERVAL keeps milliseconds and no sign, and parquet-java annotates it with
            // the UNKNOWN logical type, which DuckDB reads as a column of NULLs. Postgres' text
            // keeps every interval; DuckDB casts it to INTERVAL, Blueshift restores the type.
            case INTERVAL -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
        };
    }

    /** The fewest bytes whose two's complement holds every DECIMAL of this precision. */
    static int decimalBytes(int precision) {
        int bytes = 1;
        while (Math.pow(2, 8 * bytes - 1) < Math.pow(10, precision)) {
            bytes++;
        }
        return bytes;
    }

    /**
     * The SQL type of a Parquet column and how its values become that type's vector. Nested and
     * repeated columns and physical types without a SQL counterpart fail with 0A000.
     */
    static ParquetColumn column(int index, Type field) {
        String name = field.getName();
        if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
            throw unsupported(name, field.toString());
        }
        PrimitiveType p = field.asPrimitiveType();
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        return switch (p.getPrimitiveTypeName()) {
            case BOOLEAN -> new ParquetColumn(index, name, SqlType.BOOLEAN, Decode.BOOLEAN, 1);
            case INT32 -> int32(index, name, p, logical);
            case INT64 -> int64(index, name, p, logical);
            case INT96 -> new ParquetColumn(index, name, SqlType.TIMESTAMP, Decode.INT96_TIMESTAMP, 1);
            case FLOAT -> new ParquetColumn(index, name, SqlType.REAL, Decode.FLOAT, 1);
            case DOUBLE -> new ParquetColumn(index, name, SqlType.DOUBLE, Decode.DOUBLE, 1);
            case BINARY, FIXED_LEN_BYTE_ARRAY -> binary(index, name, p, logical);
        };
    }

    private static ParquetColumn int32(int index, String name, PrimitiveType p, LogicalTypeAnnotation logical) {
        return switch (logical) {
            case null -> new ParquetColumn(index, name, SqlType.INTEGER, Decode.INT, 1);
            // INT(8) and INT(16) signed and UINT(8) fit SMALLINT, UINT(16) and INT(32) INTEGER, UINT(32) BIGINT.
            case IntLogicalTypeAnnotation i when i.getBitWidth() <= (i.isSigned() ? 16 : 8) ->
                    new ParquetColumn(index, name, SqlType.SMALLINT, Decode.SHORT, 1);
            case IntLogicalTypeAnnotation i when i.isSigned() || i.getBitWidth() == 16 ->
                    new ParquetColumn(index, name, SqlType.INTEGER, Decode.INT, 1);
            case IntLogicalTypeAnnotation i -> new ParquetColumn(index, name, SqlType.BIGINT, Decode.UINT32, 1);
            case DecimalLogicalTypeAnnotation d -> decimal(index, name, d, Decode.INT_DECIMAL);
            case LogicalTypeAnnotation.DateLogicalTypeAnnotation d ->
                    new ParquetColumn(index, name, SqlType.DATE, Decode.INT, 1);
            case TimeLogicalTypeAnnotation t -> new ParquetColumn(index, name, SqlType.TIME, Decode.INT_TO_LONG, 1000);
            default -> new ParquetColumn(index, name, SqlType.INTEGER, Decode.INT, 1);
        };
    }

    private static ParquetColumn int64(int index, String name, PrimitiveType p, LogicalTypeAnnotation logical) {
        return switch (logical) {
            case null -> new ParquetColumn(index, name, SqlType.BIGINT, Decode.LONG, 1);
            case IntLogicalTypeAnnotation i when !i.isSigned() ->
                    new ParquetColumn(index, name, SqlType.decimal(20, 0), Decode.UINT64, 1);
            case DecimalLogicalTypeAnnotation d -> decimal(index, name, d, Decode.LONG_DECIMAL);
            case TimeLogicalTypeAnnotation t -> timeUnit(index, name, SqlType.TIME, t.getUnit());
            case TimestampLogicalTypeAnnotation t ->
                    timeUnit(index, name, t.isAdjustedToUTC() ? SqlType.TIMESTAMPTZ : SqlType.TIMESTAMP, t.getUnit());
            default -> new ParquetColumn(index, name, SqlType.BIGINT, Decode.LONG, 1);
        };
    }

    private static ParquetColumn timeUnit(int index, String name, SqlType type, TimeUnit unit) {
        return switch (unit) {
            case MILLIS -> new ParquetColumn(index, name, type, Decode.LONG, 1000);
            case MICROS -> new ParquetColumn(index, name, type, Decode.LONG, 1);
            case NANOS -> new ParquetColumn(index, name, type, Decode.LONG_NANOS, 1);
        };
    }

    private static ParquetColumn binary(int index, String name, PrimitiveType p, LogicalTypeAnnotation logical) {
        return switch (logical) {
            case DecimalLogicalTypeAnnotation d -> decimal(index, name, d, Decode.BINARY_DECIMAL);
            case LogicalTypeAnnotation.IntervalLogicalTypeAnnotation i when p.getTypeLength() == 12 ->
                    new ParquetColumn(index, name, SqlType.INTERVAL, Decode.INTERVAL, 1);
            case LogicalTypeAnnotation.UUIDLogicalTypeAnnotation u -> throw unsupported(name, p.toString());
            case null, default -> {
                if (p.getPrimitiveTypeName() == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY) {
                    throw unsupported(name, p.toString());
                }
                // STRING, ENUM, JSON and un-annotated BINARY (Blueshift has no bytea): bytes as text.
                yield new ParquetColumn(index, name, SqlType.TEXT, Decode.STRING, 1);
            }
        };
    }

    private static ParquetColumn decimal(int index, String name, DecimalLogicalTypeAnnotation d, Decode decode) {
        if (d.getPrecision() > SqlType.MAX_DECIMAL_PRECISION) {
            throw unsupported(name, "DECIMAL(" + d.getPrecision() + "," + d.getScale() + ")");
        }
        return new ParquetColumn(index, name, SqlType.decimal(d.getPrecision(), d.getScale()), decode, 1);
    }

    private static BlueshiftException unsupported(String name, String type) {
        return new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "Parquet column " + name + " of type " + type);
    }

    /** How a column chunk's values turn into the values of its SQL type's vector. */
    enum Decode {
        BOOLEAN,
        /** INT32 into a SMALLINT vector. */
        SHORT,
        /** INT32 into an INTEGER or DATE vector. */
        INT,
        /** INT32 times {@link ParquetColumn#multiplier} into a 64-bit vector (TIME(MILLIS)). */
        INT_TO_LONG,
        /** INT32 read as unsigned into a BIGINT vector. */
        UINT32,
        /** INT64 times {@link ParquetColumn#multiplier} into a 64-bit vector. */
        LONG,
        /** INT64 nanoseconds into microseconds, rounded down. */
        LONG_NANOS,
        /** INT64 read as unsigned into DECIMAL(20,0). */
        UINT64,
        /** An unscaled INT32 into a DECIMAL vector. */
        INT_DECIMAL,
        /** An unscaled INT64 into a DECIMAL vector. */
        LONG_DECIMAL,
        /** Big-endian two's complement bytes into a DECIMAL vector. */
        BINARY_DECIMAL,
        FLOAT,
        DOUBLE,
        STRING,
        /** Nanoseconds of the day and a Julian day (Impala's and old Spark's timestamps). */
        INT96_TIMESTAMP,
        /** Parquet's INTERVAL: little-endian months, days and milliseconds. */
        INTERVAL,
        /** Postgres' interval text, as Blueshift writes INTERVAL. */
        INTERVAL_TEXT
    }
}

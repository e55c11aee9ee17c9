package io.blueshift.columnar;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.util.Map;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The mapping of SQL types onto Arrow. Where Arrow's type does not say all of the SQL type
 * (DECIMAL(p <= 18) is stored as a scaled Int64, VARCHAR(n) and CHAR(n) as Utf8), the field's
 * metadata keeps the SQL type name under {@link #SQL_TYPE_KEY} so that it round-trips.
 */
public final class ArrowTypes {
    /** Field metadata key holding the SQL type name. */
    public static final String SQL_TYPE_KEY = "blueshift.sql_type";

    /** Time zone of TIMESTAMPTZ vectors: instants are stored in UTC, as Postgres does. */
    public static final String UTC = "UTC";

    private ArrowTypes() {
    }

    public static ArrowType arrowType(SqlType type) {
        return switch (type.kind()) {
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case SMALLINT -> new ArrowType.Int(16, true);
            case INTEGER -> new ArrowType.Int(32, true);
            case BIGINT -> new ArrowType.Int(64, true);
            case REAL -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case DECIMAL -> type.physical() == PhysicalType.LONG
                    ? new ArrowType.Int(64, true)
                    : new ArrowType.Decimal(type.precision(), type.scale(), 128);
            case CHAR, VARCHAR, TEXT -> ArrowType.Utf8.INSTANCE;
            case DATE -> new ArrowType.Date(DateUnit.DAY);
            case TIME -> new ArrowType.Time(TimeUnit.MICROSECOND, 64);
            case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
            case TIMESTAMPTZ -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, UTC);
            case INTERVAL -> new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO);
        };
    }

    /** An Arrow field for a column of this type, carrying the SQL type in its metadata. */
    public static Field field(String name, SqlType type, boolean nullable) {
        FieldType fieldType = new FieldType(nullable, arrowType(type), null, Map.of(SQL_TYPE_KEY, type.name()));
        return new Field(name, fieldType, null);
    }

    /**
     * The SQL type of an Arrow field: from its metadata when present, else inferred from the
     * Arrow type (for data that Blueshift did not write).
     */
    public static SqlType sqlType(Field field) {
        Map<String, String> metadata = field.getMetadata();
        String name = metadata == null ? null : metadata.get(SQL_TYPE_KEY);
        if (name != null) {
            return SqlType.parse(name);
        }
        return fromArrow(field.getType());
    }

    private static SqlType fromArrow(ArrowType type) {
        return switch (type) {
            case ArrowType.Bool b -> SqlType.BOOLEAN;
            case ArrowType.Int i when i.getIsSigned() && i.getBitWidth() <= 16 -> SqlType.SMALLINT;
            case ArrowType.Int i when i.getIsSigned() && i.getBitWidth() == 32 -> SqlType.INTEGER;
            case ArrowType.Int i when i.getIsSigned() && i.getBitWidth() == 64 -> SqlType.BIGINT;
            case ArrowType.FloatingPoint f when f.getPrecision() == FloatingPointPrecision.DOUBLE -> SqlType.DOUBLE;
            case ArrowType.FloatingPoint f -> SqlType.REAL;
            case ArrowType.Decimal d -> SqlType.decimal(d.getPrecision(), d.getScale());
            case ArrowType.Utf8 u -> SqlType.TEXT;
            case ArrowType.Date d when d.getUnit() == DateUnit.DAY -> SqlType.DATE;
            case ArrowType.Time t when t.getUnit() == TimeUnit.MICROSECOND -> SqlType.TIME;
            case ArrowType.Timestamp t when t.getUnit() == TimeUnit.MICROSECOND ->
                    t.getTimezone() == null ? SqlType.TIMESTAMP : SqlType.TIMESTAMPTZ;
            case ArrowType.Interval i when i.getUnit() == IntervalUnit.MONTH_DAY_NANO -> SqlType.INTERVAL;
            default -> throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "Arrow type " + type);
        };
    }
}

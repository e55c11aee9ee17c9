package io.blueshift.sql.physical;

import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.TypeKind;
import io.blueshift.sql.catalog.TypeMapping;
import org.apache.calcite.rel.type.RelDataType;

/** Type helpers of the physical planner: Calcite types to Blueshift types, and common types of two operands. */
final class Types {
    private Types() {
    }

    static SqlType of(RelDataType t) {
        return TypeMapping.toSqlType(t);
    }

    /** The type both operands of a comparison or set operation are cast to. */
    static SqlType common(SqlType a, SqlType b) {
        if (a.equals(b)) {
            return a;
        }
        if (a.isString() && b.isString()) {
            return SqlType.TEXT;
        }
        if (a.isString()) {
            return b;
        }
        if (b.isString()) {
            return a;
        }
        if (a.isNumeric() && b.isNumeric()) {
            if (isFloat(a) || isFloat(b)) {
                return SqlType.DOUBLE;
            }
            if (a.isDecimal() || b.isDecimal()) {
                int scale = Math.max(scale(a), scale(b));
                int integer = Math.max(integerDigits(a), integerDigits(b));
                return SqlType.decimal(Math.min(SqlType.MAX_DECIMAL_PRECISION, integer + scale), scale);
            }
            return rank(a) >= rank(b) ? a : b;
        }
        if (isDateTime(a) && isDateTime(b)) {
            if (a.kind() == TypeKind.TIMESTAMPTZ || b.kind() == TypeKind.TIMESTAMPTZ) {
                return SqlType.TIMESTAMPTZ;
            }
            return SqlType.TIMESTAMP;
        }
        return a;
    }

    private static boolean isFloat(SqlType t) {
        return t.kind() == TypeKind.REAL || t.kind() == TypeKind.DOUBLE;
    }

    private static boolean isDateTime(SqlType t) {
        return t.kind() == TypeKind.DATE || t.kind() == TypeKind.TIMESTAMP || t.kind() == TypeKind.TIMESTAMPTZ;
    }

    private static int scale(SqlType t) {
        return t.isDecimal() ? t.scale() : 0;
    }

    private static int integerDigits(SqlType t) {
        return switch (t.kind()) {
            case SMALLINT -> 5;
            case INTEGER -> 10;
            case BIGINT -> 19;
            case DECIMAL -> t.precision() - t.scale();
            default -> 19;
        };
    }

    private static int rank(SqlType t) {
        return switch (t.kind()) {
            case SMALLINT -> 1;
            case INTEGER -> 2;
            default -> 3;
        };
    }
}

package io.blueshift.executor.expr;

import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import io.blueshift.kernels.compare.CompareType;
import io.blueshift.kernels.hash.KeyType;
import io.blueshift.kernels.sort.SortKeyType;
import java.lang.foreign.MemorySegment;
import org.apache.arrow.vector.FieldVector;

/** Kernel views of a vector's buffers, and the kernel type of each SQL type. */
public final class Segs {
    private Segs() {
    }

    public static MemorySegment values(FieldVector v) {
        return QueryMemory.segment(v.getDataBuffer());
    }

    /** The validity bitmap, or null when no row is NULL (the kernels' fast path). */
    public static MemorySegment validity(FieldVector v) {
        return v.getNullCount() == 0 ? null : QueryMemory.segment(v.getValidityBuffer());
    }

    public static MemorySegment offsets(FieldVector v) {
        return QueryMemory.segment(v.getOffsetBuffer());
    }

    /** The comparison kernel type of a SQL type, or null when comparisons go another way (strings, booleans, intervals). */
    public static CompareType compareType(SqlType t) {
        return switch (t.kind()) {
            case SMALLINT -> CompareType.SHORT;
            case INTEGER, DATE -> CompareType.INT;
            case BIGINT, TIME, TIMESTAMP, TIMESTAMPTZ -> CompareType.LONG;
            case DECIMAL -> t.precision() <= SqlType.MAX_LONG_DECIMAL_PRECISION ? CompareType.LONG : CompareType.DECIMAL128;
            case REAL -> CompareType.FLOAT;
            case DOUBLE -> CompareType.DOUBLE;
            case BOOLEAN, CHAR, VARCHAR, TEXT, INTERVAL -> null;
        };
    }

    /** The hash-key type of a SQL type (booleans and intervals are not hashable keys here: null). */
    public static KeyType keyType(SqlType t) {
        return switch (t.kind()) {
            case SMALLINT -> KeyType.SHORT;
            case INTEGER, DATE -> KeyType.INT;
            case BIGINT, TIME, TIMESTAMP, TIMESTAMPTZ -> KeyType.LONG;
            case DECIMAL -> t.precision() <= SqlType.MAX_LONG_DECIMAL_PRECISION ? KeyType.LONG : KeyType.DECIMAL128;
            case REAL -> KeyType.FLOAT;
            case DOUBLE -> KeyType.DOUBLE;
            case CHAR, VARCHAR, TEXT -> KeyType.VARCHAR;
            case BOOLEAN, INTERVAL -> null;
        };
    }

    public static SortKeyType sortType(SqlType t) {
        return switch (t.kind()) {
            case SMALLINT -> SortKeyType.SHORT;
            case INTEGER, DATE -> SortKeyType.INT;
            case BIGINT, TIME, TIMESTAMP, TIMESTAMPTZ -> SortKeyType.LONG;
            case DECIMAL -> t.precision() <= SqlType.MAX_LONG_DECIMAL_PRECISION ? SortKeyType.LONG : SortKeyType.DECIMAL128;
            case REAL -> SortKeyType.FLOAT;
            case DOUBLE -> SortKeyType.DOUBLE;
            case CHAR, VARCHAR, TEXT -> SortKeyType.STRING;
            case BOOLEAN -> SortKeyType.BOOLEAN;
            case INTERVAL -> null;
        };
    }
}

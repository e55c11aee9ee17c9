package io.blueshift.storage.catalog;

import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.TypeKind;
import io.blueshift.storage.format.ColumnCodec;
import io.blueshift.storage.format.Compression;
import io.blueshift.storage.format.Encoding;
import io.blueshift.storage.format.StoredColumn;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Redshift's column ENCODE keywords: which types each accepts (as Redshift documents them) and
 * the storage encoding each asks for. AZ64, LZO, ZSTD and AUTO leave the choice to the data.
 */
public final class ColumnEncodings {
    private static final Set<TypeKind> INTEGERS = EnumSet.of(TypeKind.SMALLINT, TypeKind.INTEGER, TypeKind.BIGINT, TypeKind.DECIMAL);
    private static final Set<TypeKind> DATES = EnumSet.of(TypeKind.DATE, TypeKind.TIMESTAMP, TypeKind.TIMESTAMPTZ, TypeKind.TIME);
    private static final Set<TypeKind> ALL = EnumSet.allOf(TypeKind.class);

    private static final Map<String, Set<TypeKind>> ACCEPTS = Map.ofEntries(
            Map.entry("RAW", ALL),
            Map.entry("AUTO", ALL),
            Map.entry("ZSTD", ALL),
            Map.entry("RUNLENGTH", ALL),
            Map.entry("AZ64", union(INTEGERS, DATES)),
            Map.entry("BYTEDICT", except(ALL, TypeKind.BOOLEAN)),
            Map.entry("LZO", except(ALL, TypeKind.BOOLEAN, TypeKind.REAL, TypeKind.DOUBLE)),
            Map.entry("DELTA", union(INTEGERS, DATES)),
            Map.entry("DELTA32K", union(except(INTEGERS, TypeKind.SMALLINT), DATES)),
            Map.entry("MOSTLY8", INTEGERS),
            Map.entry("MOSTLY16", except(INTEGERS, TypeKind.SMALLINT)),
            Map.entry("MOSTLY32", EnumSet.of(TypeKind.BIGINT, TypeKind.DECIMAL)),
            Map.entry("TEXT255", EnumSet.of(TypeKind.VARCHAR, TypeKind.TEXT)),
            Map.entry("TEXT32K", EnumSet.of(TypeKind.VARCHAR, TypeKind.TEXT)));

    private ColumnEncodings() {
    }

    private static Set<TypeKind> union(Set<TypeKind> a, Set<TypeKind> b) {
        Set<TypeKind> s = EnumSet.copyOf(a);
        s.addAll(b);
        return s;
    }

    private static Set<TypeKind> except(Set<TypeKind> a, TypeKind... minus) {
        Set<TypeKind> s = EnumSet.copyOf(a);
        for (TypeKind k : minus) {
            s.remove(k);
        }
        return s;
    }

    /** The keyword in upper case, checked against the column's type (22023 when it does not apply). */
    public static String check(String keyword, String column, SqlType type) {
        String k = keyword.toUpperCase(Locale.ROOT);
        Set<TypeKind> accepts = ACCEPTS.get(k);
        if (accepts == null) {
            throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "unknown encoding \"" + keyword + "\"");
        }
        if (!accepts.contains(type.kind()) || type.kind() == TypeKind.DECIMAL && type.precision() > SqlType.MAX_LONG_DECIMAL_PRECISION
                && !k.equals("RAW") && !k.equals("AUTO") && !k.equals("ZSTD") && !k.equals("LZO") && !k.equals("BYTEDICT")
                && !k.equals("RUNLENGTH")) {
            throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE,
                    "invalid encoding type \"" + k.toLowerCase(Locale.ROOT) + "\" for column \"" + column + "\" of type " + type.name());
        }
        return k;
    }

    /**
     * How a column with this keyword (null: AUTO) is stored: LZO as LZ4, ZSTD as ZSTD, AUTO as the
     * data asks; the other keywords name one encoding, with nothing on top (as in Redshift).
     */
    public static StoredColumn.Choice choice(String keyword, SqlType type) {
        Compression compression = keyword == null ? Compression.AUTO
                : switch (keyword) {
                    case "LZO" -> Compression.LZ4;
                    case "ZSTD" -> Compression.ZSTD;
                    case "AUTO" -> Compression.AUTO;
                    default -> Compression.NONE;
                };
        return new StoredColumn.Choice(storage(keyword, type), compression);
    }

    /** The storage encoding a keyword asks for (null: chosen from the data). */
    public static Encoding storage(String keyword, SqlType type) {
        if (keyword == null) {
            return null;
        }
        Encoding e = switch (keyword) {
            case "RAW" -> Encoding.PLAIN;
            case "DELTA", "DELTA32K" -> Encoding.DELTA;
            case "MOSTLY8", "MOSTLY16", "MOSTLY32" -> Encoding.FOR;
            case "RUNLENGTH" -> Encoding.RLE;
            case "BYTEDICT", "TEXT255", "TEXT32K" -> Encoding.DICT;
            default -> null;
        };
        return e != null && ColumnCodec.applies(e, type) ? e : null;
    }
}

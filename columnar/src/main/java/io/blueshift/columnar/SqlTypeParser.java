package io.blueshift.columnar;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.util.Locale;

/** Reads type names as DDL writes them; see {@link SqlType#parse}. */
final class SqlTypeParser {
    private SqlTypeParser() {
    }

    static SqlType parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        String base = s;
        int[] mods = new int[0];
        int open = s.indexOf('(');
        String suffix = "";
        if (open >= 0) {
            int close = s.indexOf(')', open);
            if (close < 0) {
                throw unknown(text);
            }
            base = s.substring(0, open).trim();
            suffix = s.substring(close + 1).trim();
            mods = modifiers(s.substring(open + 1, close), text);
        }
        if (!suffix.isEmpty()) {
            // "timestamp(6) with time zone", "time(3) without time zone"
            base = base + " " + suffix;
        }
        return switch (base) {
            case "bool", "boolean" -> noMods(SqlType.BOOLEAN, mods, text);
            case "int2", "smallint" -> noMods(SqlType.SMALLINT, mods, text);
            case "int", "int4", "integer" -> noMods(SqlType.INTEGER, mods, text);
            case "int8", "bigint" -> noMods(SqlType.BIGINT, mods, text);
            case "float4", "real" -> noMods(SqlType.REAL, mods, text);
            case "float8", "double precision" -> noMods(SqlType.DOUBLE, mods, text);
            case "float" -> mods.length == 1 && mods[0] <= 24 ? SqlType.REAL : noModsOrOne(SqlType.DOUBLE, mods, text);
            case "numeric", "decimal" -> switch (mods.length) {
                case 0 -> SqlType.decimal(18, 0);
                case 1 -> SqlType.decimal(mods[0], 0);
                case 2 -> SqlType.decimal(mods[0], mods[1]);
                default -> throw unknown(text);
            };
            case "char", "character", "bpchar", "nchar" -> mods.length == 0 ? SqlType.character(1)
                    : mods.length == 1 ? SqlType.character(mods[0]) : unknownType(text);
            case "varchar", "character varying", "nvarchar" -> mods.length == 0
                    ? SqlType.varchar(SqlType.DEFAULT_VARCHAR_LENGTH)
                    : mods.length == 1 ? SqlType.varchar(mods[0]) : unknownType(text);
            case "text" -> noMods(SqlType.TEXT, mods, text);
            case "date" -> noMods(SqlType.DATE, mods, text);
            case "time", "time without time zone" -> noModsOrOne(SqlType.TIME, mods, text);
            case "timestamp", "timestamp without time zone" -> noModsOrOne(SqlType.TIMESTAMP, mods, text);
            case "timestamptz", "timestamp with time zone" -> noModsOrOne(SqlType.TIMESTAMPTZ, mods, text);
            case "interval" -> noMods(SqlType.INTERVAL, mods, text);
            default -> throw unknown(text);
        };
    }

    private static int[] modifiers(String inside, String text) {
        String[] parts = inside.split(",");
        int[] mods = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                mods[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw unknown(text);
            }
        }
        return mods;
    }

    private static SqlType noMods(SqlType type, int[] mods, String text) {
        return mods.length == 0 ? type : unknownType(text);
    }

    /** Types whose one modifier (fractional seconds, float bits) is accepted and not kept. */
    private static SqlType noModsOrOne(SqlType type, int[] mods, String text) {
        return mods.length <= 1 ? type : unknownType(text);
    }

    private static SqlType unknownType(String text) {
        throw unknown(text);
    }

    private static BlueshiftException unknown(String text) {
        return new BlueshiftException(ErrorCode.UNDEFINED_OBJECT, "type \"" + text.trim() + "\" does not exist");
    }
}

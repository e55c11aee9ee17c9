package io.blueshift.sql.catalog;

import io.blueshift.columnar.SqlType;
import io.blueshift.storage.catalog.TableDef;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The object identifiers Blueshift shows Postgres clients, and the type facts that go with them,
 * in one place: the catalog relations ({@code pg_class}, {@code pg_attribute}, {@code pg_type} ...)
 * and the wire protocol's RowDescription must agree on them.
 *
 * <p>Built-in types have PostgreSQL's own OIDs (int4 is 23 everywhere). Schemas, tables, indexes,
 * constraints, roles and the database get an OID computed from their names (16384 plus a hash),
 * so that they are the same after a restart and in every process, without being stored.
 * Renaming an object changes its OID, which Postgres would not do; clients only keep OIDs for the
 * length of a metadata conversation.
 */
public final class PgOids {
    private PgOids() {
    }

    /** The first OID Postgres gives user objects; OIDs below are built-in. */
    public static final int FIRST_NORMAL_OID = 16384;

    public static final int PG_CATALOG_NAMESPACE = 11;
    public static final int PUBLIC_NAMESPACE = 2200;
    public static final int INFORMATION_SCHEMA_NAMESPACE = 13000;
    public static final int BOOTSTRAP_SUPERUSER = 10;
    public static final int HEAP_AM = 2;
    public static final int BTREE_AM = 403;
    public static final int DEFAULT_COLLATION = 100;
    /** {@code pg_class}'s own OID, which {@code pg_description.classoid} holds for relations. */
    public static final int PG_CLASS_RELATION = 1259;
    public static final int PG_NAMESPACE_RELATION = 2615;
    public static final int PG_CONSTRAINT_RELATION = 2606;
    public static final int PG_DATABASE_RELATION = 1262;

    public static final int BOOL = 16;
    public static final int BYTEA = 17;
    public static final int CHAR = 18;
    public static final int NAME = 19;
    public static final int INT8 = 20;
    public static final int INT2 = 21;
    public static final int INT2VECTOR = 22;
    public static final int INT4 = 23;
    public static final int REGPROC = 24;
    public static final int TEXT = 25;
    public static final int OID = 26;
    public static final int OIDVECTOR = 30;
    public static final int FLOAT4 = 700;
    public static final int FLOAT8 = 701;
    public static final int UNKNOWN = 705;
    public static final int BPCHAR = 1042;
    public static final int VARCHAR = 1043;
    public static final int DATE = 1082;
    public static final int TIME = 1083;
    public static final int TIMESTAMP = 1114;
    public static final int TIMESTAMPTZ = 1184;
    public static final int INTERVAL = 1186;
    public static final int NUMERIC = 1700;
    public static final int REGCLASS = 2205;
    public static final int REGTYPE = 2206;
    public static final int UUID = 2950;
    public static final int JSON = 114;
    public static final int JSONB = 3802;

    /** PostgreSQL's type OID of a Blueshift type. */
    public static int typeOid(SqlType type) {
        return switch (type.kind()) {
            case BOOLEAN -> BOOL;
            case SMALLINT -> INT2;
            case INTEGER -> INT4;
            case BIGINT -> INT8;
            case REAL -> FLOAT4;
            case DOUBLE -> FLOAT8;
            case DECIMAL -> NUMERIC;
            case CHAR -> BPCHAR;
            case VARCHAR -> VARCHAR;
            case TEXT -> TEXT;
            case DATE -> DATE;
            case TIME -> TIME;
            case TIMESTAMP -> TIMESTAMP;
            case TIMESTAMPTZ -> TIMESTAMPTZ;
            case INTERVAL -> INTERVAL;
        };
    }

    /** The type's size in bytes as {@code pg_type.typlen} (and RowDescription) give it; -1 for variable length. */
    public static int typeLength(SqlType type) {
        return switch (type.kind()) {
            case BOOLEAN -> 1;
            case SMALLINT -> 2;
            case INTEGER, REAL, DATE -> 4;
            case BIGINT, DOUBLE, TIME, TIMESTAMP, TIMESTAMPTZ -> 8;
            case INTERVAL -> 16;
            case DECIMAL, CHAR, VARCHAR, TEXT -> -1;
        };
    }

    /**
     * The type modifier as Postgres computes {@code atttypmod}: the length plus 4 for
     * {@code character(n)} and {@code varchar(n)}, {@code ((precision << 16) | scale) + 4} for
     * {@code numeric(p, s)}, -1 otherwise.
     */
    public static int typeModifier(SqlType type) {
        return switch (type.kind()) {
            case CHAR, VARCHAR -> type.length() + 4;
            case DECIMAL -> ((type.precision() << 16) | type.scale()) + 4;
            case BOOLEAN, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, TEXT, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> -1;
        };
    }

    /** A schema's OID: fixed for pg_catalog, public and information_schema, from its name otherwise. */
    public static int namespaceOid(String schema) {
        return switch (schema) {
            case "pg_catalog" -> PG_CATALOG_NAMESPACE;
            case "public" -> PUBLIC_NAMESPACE;
            case "information_schema" -> INFORMATION_SCHEMA_NAMESPACE;
            default -> hashed("namespace", schema);
        };
    }

    /** A table's or view's OID (pg_class.oid; RowDescription's table OID). */
    public static int tableOid(String schema, String table) {
        return hashed("relation", schema + "." + table);
    }

    /** The OID of a table's primary key index ({@code <table>_pkey}, a relation in pg_class too). */
    public static int primaryKeyIndexOid(String schema, TableDef table) {
        return tableOid(schema, table.primaryKeyName());
    }

    /** The OID of a table's primary key constraint (pg_constraint.oid). */
    public static int primaryKeyConstraintOid(String schema, TableDef table) {
        return hashed("constraint", schema + "." + table.primaryKeyName());
    }

    /** The OID of a foreign key constraint (pg_constraint.oid). */
    public static int foreignKeyOid(String schema, String name) {
        return hashed("constraint", schema + "." + name);
    }


    /** A column default's OID (pg_attrdef.oid). */
    public static int attrdefOid(String schema, String table, int attnum) {
        return hashed("attrdef", schema + "." + table + "." + attnum);
    }

    /** A role's OID. */
    public static int roleOid(String name) {
        return hashed("role", name);
    }

    /** The database's OID. */
    public static int databaseOid(String name) {
        return hashed("database", name);
    }

    /**
     * 16384 plus 30 bits of an FNV-1a hash of the kind and name: stable across runs and JVMs
     * ({@code String.hashCode} is too, but clusters similar names), and never a built-in OID.
     */
    private static int hashed(String kind, String name) {
        int h = 0x811c9dc5;
        for (byte b : (kind + ":" + name).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x01000193;
        }
        return FIRST_NORMAL_OID + (h & 0x3fff_ffff);
    }

    /** A built-in type known to the catalog: its OID, name, length and category. */
    public record PgType(int oid, String name, int length, boolean byValue, String category, int element, int array,
                         String align, String storage) {
    }

    /** The built-in types pg_type lists: the ones Blueshift columns have, and those catalog columns use. */
    public static final List<PgType> TYPES = List.of(
            new PgType(BOOL, "bool", 1, true, "B", 0, 1000, "c", "p"),
            new PgType(BYTEA, "bytea", -1, false, "U", 0, 1001, "i", "x"),
            new PgType(CHAR, "char", 1, true, "Z", 0, 1002, "c", "p"),
            new PgType(NAME, "name", 64, false, "S", CHAR, 1003, "c", "p"),
            new PgType(INT8, "int8", 8, true, "N", 0, 1016, "d", "p"),
            new PgType(INT2, "int2", 2, true, "N", 0, 1005, "s", "p"),
            new PgType(INT2VECTOR, "int2vector", -1, false, "A", INT2, 1006, "i", "p"),
            new PgType(INT4, "int4", 4, true, "N", 0, 1007, "i", "p"),
            new PgType(REGPROC, "regproc", 4, true, "N", 0, 1008, "i", "p"),
            new PgType(TEXT, "text", -1, false, "S", 0, 1009, "i", "x"),
            new PgType(OID, "oid", 4, true, "N", 0, 1028, "i", "p"),
            new PgType(OIDVECTOR, "oidvector", -1, false, "A", OID, 1013, "i", "p"),
            new PgType(JSON, "json", -1, false, "U", 0, 199, "i", "x"),
            new PgType(FLOAT4, "float4", 4, true, "N", 0, 1021, "i", "p"),
            new PgType(FLOAT8, "float8", 8, true, "N", 0, 1022, "d", "p"),
            new PgType(UNKNOWN, "unknown", -2, false, "X", 0, 0, "c", "p"),
            new PgType(1000, "_bool", -1, false, "A", BOOL, 0, "i", "x"),
            new PgType(1005, "_int2", -1, false, "A", INT2, 0, "i", "x"),
            new PgType(1007, "_int4", -1, false, "A", INT4, 0, "i", "x"),
            new PgType(1009, "_text", -1, false, "A", TEXT, 0, "i", "x"),
            new PgType(1016, "_int8", -1, false, "A", INT8, 0, "d", "x"),
            new PgType(1028, "_oid", -1, false, "A", OID, 0, "i", "x"),
            new PgType(1015, "_varchar", -1, false, "A", VARCHAR, 0, "i", "x"),
            new PgType(BPCHAR, "bpchar", -1, false, "S", 0, 1014, "i", "x"),
            new PgType(VARCHAR, "varchar", -1, false, "S", 0, 1015, "i", "x"),
            new PgType(DATE, "date", 4, true, "D", 0, 1182, "i", "p"),
            new PgType(TIME, "time", 8, true, "D", 0, 1183, "d", "p"),
            new PgType(TIMESTAMP, "timestamp", 8, true, "D", 0, 1115, "d", "p"),
            new PgType(TIMESTAMPTZ, "timestamptz", 8, true, "D", 0, 1185, "d", "p"),
            new PgType(INTERVAL, "interval", 16, false, "T", 0, 1187, "d", "p"),
            new PgType(NUMERIC, "numeric", -1, false, "N", 0, 1231, "i", "m"),
            new PgType(REGCLASS, "regclass", 4, true, "N", 0, 2210, "i", "p"),
            new PgType(REGTYPE, "regtype", 4, true, "N", 0, 2211, "i", "p"),
            new PgType(UUID, "uuid", 16, false, "U", 0, 2951, "c", "p"),
            new PgType(JSONB, "jsonb", -1, false, "U", 0, 3807, "i", "x"));

    /** The built-in type of that OID, or null. */
    public static PgType type(int oid) {
        for (PgType t : TYPES) {
            if (t.oid() == oid) {
                return t;
            }
        }
        return null;
    }

    /** The built-in type of that name (pg_type.typname, or an alias such as {@code integer}), or null. */
    public static PgType type(String name) {
        String n = switch (name.toLowerCase(Locale.ROOT).strip()) {
            case "boolean" -> "bool";
            case "smallint" -> "int2";
            case "integer", "int" -> "int4";
            case "bigint" -> "int8";
            case "real" -> "float4";
            case "double precision" -> "float8";
            case "character varying" -> "varchar";
            case "character" -> "bpchar";
            case "decimal" -> "numeric";
            case "timestamp without time zone" -> "timestamp";
            case "timestamp with time zone" -> "timestamptz";
            case "time without time zone" -> "time";
            case "\"char\"" -> "char";
            case String other -> other;
        };
        for (PgType t : TYPES) {
            if (t.name().equals(n)) {
                return t;
            }
        }
        return null;
    }

    /**
     * {@code format_type(oid, typmod)}: the SQL name of a type as psql and pg_dump show it
     * ({@code character varying(20)}, {@code numeric(10,2)}, {@code timestamp without time zone}).
     * Null for an OID no type has.
     */
    public static String formatType(int oid, int typmod) {
        return switch (oid) {
            case BOOL -> "boolean";
            case INT2 -> "smallint";
            case INT4 -> "integer";
            case INT8 -> "bigint";
            case FLOAT4 -> "real";
            case FLOAT8 -> "double precision";
            case NUMERIC -> typmod >= 4 ? "numeric(" + ((typmod - 4) >> 16) + "," + ((typmod - 4) & 0xffff) + ")" : "numeric";
            case BPCHAR -> typmod >= 4 ? "character(" + (typmod - 4) + ")" : "bpchar";
            case VARCHAR -> typmod >= 4 ? "character varying(" + (typmod - 4) + ")" : "character varying";
            case TIME -> "time without time zone";
            case TIMESTAMP -> "timestamp without time zone";
            case TIMESTAMPTZ -> "timestamp with time zone";
            case CHAR -> "\"char\"";
            default -> {
                PgType t = type(oid);
                if (t == null) {
                    yield null;
                }
                yield t.name().startsWith("_") ? formatType(t.element(), -1) + "[]" : t.name();
            }
        };
    }

    /** The SQL name of a Blueshift type as {@code format_type} prints it. */
    public static String formatType(SqlType type) {
        return formatType(typeOid(type), typeModifier(type));
    }
}

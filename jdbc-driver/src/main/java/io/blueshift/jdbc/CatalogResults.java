package io.blueshift.jdbc;

import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.TypeKind;
import io.blueshift.storage.catalog.Catalog;
import io.blueshift.storage.catalog.ColumnDef;
import io.blueshift.storage.catalog.SchemaDef;
import io.blueshift.storage.catalog.TableDef;
import java.sql.DatabaseMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The answers of the {@link DatabaseMetaData} calls that describe the catalog (tables, columns,
 * keys, schemas, types), built in memory from the engine's {@link Catalog} with the columns and
 * ordering JDBC specifies for each.
 */
final class CatalogResults {
    static final String TABLE = "TABLE";
    static final String VIEW = "VIEW";

    private final Catalog catalog;
    private final Statement statement;

    CatalogResults(Catalog catalog, Statement statement) {
        this.catalog = catalog;
        this.statement = statement;
    }

    /** A catalog argument narrows to nothing unless it is null, empty or this database's. */
    private static boolean catalogMatches(String cat) {
        return cat == null || cat.isEmpty() || cat.equals(BlueshiftDriver.CATALOG);
    }

    private record Table(SchemaDef schema, TableDef table) {
        String type() {
            return table.isView() ? VIEW : TABLE;
        }
    }

    private List<Table> tables(String cat, String schemaPattern, String tablePattern) {
        List<Table> out = new ArrayList<>();
        if (!catalogMatches(cat)) {
            return out;
        }
        NamePattern schemas = NamePattern.of(schemaPattern);
        NamePattern names = NamePattern.of(tablePattern);
        for (SchemaDef schema : catalog.schemas()) {
            if (schemas.matches(schema.name())) {
                for (TableDef table : schema.tables().values()) {
                    if (names.matches(table.name())) {
                        out.add(new Table(schema, table));
                    }
                }
            }
        }
        out.sort(Comparator.comparing((Table t) -> t.schema().name()).thenComparing(t -> t.table().name()));
        return out;
    }

    MemoryResultSet tables(String cat, String schemaPattern, String tablePattern, String[] types) {
        List<String> wanted = types == null ? null : Arrays.stream(types).map(t -> t.toUpperCase(Locale.ROOT)).toList();
        var rs = new MemoryResultSet.Builder()
                .text("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS", "TYPE_CAT", "TYPE_SCHEM",
                        "TYPE_NAME", "SELF_REFERENCING_COL_NAME", "REF_GENERATION");
        List<Table> found = new ArrayList<>(tables(cat, schemaPattern, tablePattern));
        found.sort(Comparator.comparing(Table::type));
        for (Table t : found) {
            if (wanted == null || wanted.contains(t.type())) {
                rs.row(BlueshiftDriver.CATALOG, t.schema().name(), t.table().name(), t.type(), null, null, null, null,
                        null, null);
            }
        }
        return rs.build(statement);
    }

    MemoryResultSet columns(String cat, String schemaPattern, String tablePattern, String columnPattern) {
        var rs = new MemoryResultSet.Builder()
                .text("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME")
                .integer("DATA_TYPE")
                .text("TYPE_NAME")
                .integer("COLUMN_SIZE", "BUFFER_LENGTH", "DECIMAL_DIGITS", "NUM_PREC_RADIX", "NULLABLE")
                .text("REMARKS", "COLUMN_DEF")
                .integer("SQL_DATA_TYPE", "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION")
                .text("IS_NULLABLE", "SCOPE_CATALOG", "SCOPE_SCHEMA", "SCOPE_TABLE")
                .smallint("SOURCE_DATA_TYPE")
                .text("IS_AUTOINCREMENT", "IS_GENERATEDCOLUMN");
        NamePattern names = NamePattern.of(columnPattern);
        for (Table t : tables(cat, schemaPattern, tablePattern)) {
            List<ColumnDef> columns = t.table().columns();
            for (int i = 0; i < columns.size(); i++) {
                ColumnDef c = columns.get(i);
                if (!names.matches(c.name())) {
                    continue;
                }
                SqlType type = c.type();
                rs.row(BlueshiftDriver.CATALOG, t.schema().name(), t.table().name(), c.name(),
                        JdbcTypes.jdbcType(type), JdbcTypes.typeName(type), JdbcTypes.precision(type), null,
                        decimalDigits(type), 10,
                        c.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
                        null, c.defaultSql(), null, null, type.isString() ? JdbcTypes.precision(type) : null, i + 1,
                        c.nullable() ? "YES" : "NO", null, null, null, null, "NO", "NO");
            }
        }
        return rs.build(statement);
    }

    /** Fractional digits where the type has them, null where they do not apply. */
    private static Integer decimalDigits(SqlType type) {
        return switch (type.kind()) {
            case SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE, TIME, TIMESTAMP, TIMESTAMPTZ -> JdbcTypes.scale(type);
            case BOOLEAN, CHAR, VARCHAR, TEXT, DATE, INTERVAL -> null;
        };
    }

    MemoryResultSet primaryKeys(String cat, String schema, String table) {
        var rs = new MemoryResultSet.Builder()
                .text("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME").smallint("KEY_SEQ").text("PK_NAME");
        for (Table t : tables(cat, schema, table)) {
            List<String> key = t.table().primaryKey();
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < key.size(); i++) {
                rows.add(new Object[] {BlueshiftDriver.CATALOG, t.schema().name(), t.table().name(), key.get(i),
                    (short) (i + 1), t.table().primaryKeyName()});
            }
            rows.sort(Comparator.comparing(r -> (String) r[3]));
            rows.forEach(rs::row);
        }
        return rs.build(statement);
    }

    /** The primary key identifies a row best; tables without one have no answer. */
    MemoryResultSet bestRowIdentifier(String cat, String schema, String table) {
        var rs = new MemoryResultSet.Builder()
                .smallint("SCOPE").text("COLUMN_NAME").integer("DATA_TYPE").text("TYPE_NAME")
                .integer("COLUMN_SIZE", "BUFFER_LENGTH").smallint("DECIMAL_DIGITS", "PSEUDO_COLUMN");
        for (Table t : tables(cat, schema, table)) {
            for (String column : t.table().primaryKey()) {
                SqlType type = t.table().columns().get(t.table().columnIndex(column)).type();
                Integer digits = decimalDigits(type);
                rs.row((short) DatabaseMetaData.bestRowSession, column, JdbcTypes.jdbcType(type),
                        JdbcTypes.typeName(type), JdbcTypes.precision(type), null,
                        digits == null ? null : digits.shortValue(), (short) DatabaseMetaData.bestRowNotPseudo);
            }
        }
        return rs.build(statement);
    }

    MemoryResultSet schemas(String cat, String schemaPattern) {
        var rs = new MemoryResultSet.Builder().text("TABLE_SCHEM", "TABLE_CATALOG");
        if (catalogMatches(cat)) {
            NamePattern names = NamePattern.of(schemaPattern);
            catalog.schemas().stream().map(SchemaDef::name).filter(names::matches).sorted()
                    .forEach(name -> rs.row(name, BlueshiftDriver.CATALOG));
        }
        return rs.build(statement);
    }

    MemoryResultSet catalogs() {
        return new MemoryResultSet.Builder().text("TABLE_CAT").row(BlueshiftDriver.CATALOG).build(statement);
    }

    MemoryResultSet tableTypes() {
        return new MemoryResultSet.Builder().text("TABLE_TYPE").row(TABLE).row(VIEW).build(statement);
    }

    /** One row per type family, with the largest precision a column of it can declare. */
    MemoryResultSet typeInfo() {
        var rs = new MemoryResultSet.Builder()
                .text("TYPE_NAME").integer("DATA_TYPE", "PRECISION").text("LITERAL_PREFIX", "LITERAL_SUFFIX", "CREATE_PARAMS")
                .smallint("NULLABLE").bool("CASE_SENSITIVE").smallint("SEARCHABLE")
                .bool("UNSIGNED_ATTRIBUTE", "FIXED_PREC_SCALE", "AUTO_INCREMENT").text("LOCAL_TYPE_NAME")
                .smallint("MINIMUM_SCALE", "MAXIMUM_SCALE").integer("SQL_DATA_TYPE", "SQL_DATETIME_SUB", "NUM_PREC_RADIX");
        List<SqlType> types = new ArrayList<>();
        for (TypeKind kind : TypeKind.values()) {
            types.add(widest(kind));
        }
        types.sort(Comparator.comparingInt(JdbcTypes::jdbcType));
        for (SqlType t : types) {
            boolean quoted = !t.isNumeric() && t.kind() != TypeKind.BOOLEAN;
            String params = switch (t.kind()) {
                case DECIMAL -> "precision,scale";
                case CHAR, VARCHAR -> "length";
                default -> null;
            };
            rs.row(JdbcTypes.typeName(t), JdbcTypes.jdbcType(t), JdbcTypes.precision(t), quoted ? "'" : null,
                    quoted ? "'" : null, params, (short) DatabaseMetaData.typeNullable, t.isString(),
                    (short) DatabaseMetaData.typeSearchable, !t.isNumeric(), false, false, null, (short) 0,
                    (short) (t.isDecimal() ? SqlType.MAX_DECIMAL_PRECISION : JdbcTypes.scale(t)), null, null, 10);
        }
        return rs.build(statement);
    }

    private static SqlType widest(TypeKind kind) {
        return switch (kind) {
            case BOOLEAN -> SqlType.BOOLEAN;
            case SMALLINT -> SqlType.SMALLINT;
            case INTEGER -> SqlType.INTEGER;
            case BIGINT -> SqlType.BIGINT;
            case REAL -> SqlType.REAL;
            case DOUBLE -> SqlType.DOUBLE;
            case DECIMAL -> SqlType.decimal(SqlType.MAX_DECIMAL_PRECISION, 0);
            case CHAR -> SqlType.character(SqlType.MAX_CHAR_LENGTH);
            case VARCHAR -> SqlType.varchar(SqlType.MAX_CHAR_LENGTH);
            case TEXT -> SqlType.TEXT;
            case DATE -> SqlType.DATE;
            case TIME -> SqlType.TIME;
            case TIMESTAMP -> SqlType.TIMESTAMP;
            case TIMESTAMPTZ -> SqlType.TIMESTAMPTZ;
            case INTERVAL -> SqlType.INTERVAL;
        };
    }

    /** An answer Blueshift has no rows for (no foreign keys, indexes, procedures, ...). */
    MemoryResultSet empty(String... columns) {
        return new MemoryResultSet.Builder().text(columns).build(statement);
    }

    static final String[] KEY_COLUMNS = {"PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_CAT",
        "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE", "DELETE_RULE", "FK_NAME", "PK_NAME",
        "DEFERRABILITY"};
}

package io.blueshift.sql.catalog;

import io.blueshift.storage.catalog.ColumnDef;
import io.blueshift.columnar.SqlType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A relation of {@code pg_catalog} or {@code information_schema}, made from the catalog when a
 * query plans it. Columns are declared with PostgreSQL's type names, as {@code \d pg_class}
 * lists them, and stored in Blueshift types: {@code oid} and {@code xid} are integers;
 * {@code name}, {@code "char"}, {@code regproc}, {@code pg_node_tree} and arrays are text, arrays
 * written as Postgres prints them ({@code {1,2}}, and {@code 1 2} for {@code int2vector}), which the
 * array functions ({@code = ANY}, {@code unnest}, {@code array_to_string}, subscripts) read.
 */
public record PgRelation(String schema, String name, List<ColumnDef> columns, Function<PgCatalog.Context, List<Object[]>> rows) {

    /** Declares a relation by its columns as {@code "oid oid, relname name, ..."}. */
    static PgRelation of(String schema, String name, String columns, Function<PgCatalog.Context, List<Object[]>> rows) {
        List<ColumnDef> defs = new ArrayList<>();
        for (String column : columns.split(",\\s*")) {
            int space = column.indexOf(' ');
            defs.add(new ColumnDef(column.substring(0, space), type(column.substring(space + 1).strip()), true));
        }
        return new PgRelation(schema, name, defs, rows);
    }

    /** An empty relation. */
    static PgRelation empty(String schema, String name, String columns) {
        return of(schema, name, columns, c -> List.of());
    }

    private static SqlType type(String pgType) {
        String t = pgType.toLowerCase(Locale.ROOT);
        if (t.endsWith("[]")) {
            return SqlType.TEXT;
        }
        return switch (t) {
            case "oid", "xid", "information_schema.cardinal_number" -> SqlType.INTEGER;
            case "boolean" -> SqlType.BOOLEAN;
            case "smallint" -> SqlType.SMALLINT;
            case "integer" -> SqlType.INTEGER;
            case "bigint" -> SqlType.BIGINT;
            case "real" -> SqlType.REAL;
            case "double precision" -> SqlType.DOUBLE;
            case "timestamp with time zone" -> SqlType.TIMESTAMPTZ;
            default -> SqlType.TEXT;
        };
    }

    /** Rows built by column name; unset columns are NULL, or false and 0 for booleans and numbers as most catalog columns are. */
    static final class Rows {
        private final List<ColumnDef> columns;
        private final Map<String, Integer> index = new HashMap<>();
        private final List<Object[]> rows = new ArrayList<>();
        /** information_schema's columns are NULL where they do not apply, pg_catalog's mostly false or 0. */
        private final boolean nullDefaults;

        Rows(PgRelation relation) {
            this.columns = relation.columns();
            this.nullDefaults = relation.schema().equals("information_schema");
            for (int i = 0; i < columns.size(); i++) {
                index.put(columns.get(i).name(), i);
            }
        }

        /** A new row with defaults; set its columns with {@code set(row, name, value)}. */
        Object[] add() {
            Object[] row = new Object[columns.size()];
            for (int i = 0; i < row.length && !nullDefaults; i++) {
                row[i] = switch (columns.get(i).type().kind()) {
                    case BOOLEAN -> Boolean.FALSE;
                    case SMALLINT, INTEGER, BIGINT -> 0;
                    case REAL -> 0f;
                    default -> null;
                };
            }
            rows.add(row);
            return row;
        }

        Rows set(Object[] row, String column, Object value) {
            Integer i = index.get(column);
            if (i == null) {
                throw new IllegalArgumentException("no column " + column);
            }
            row[i] = value;
            return this;
        }

        /** Adds a row of the named values: {@code row("oid", 1, "relname", "t")}. */
        Rows row(Object... namesAndValues) {
            Object[] row = add();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                set(row, (String) namesAndValues[i], namesAndValues[i + 1]);
            }
            return this;
        }

        List<Object[]> list() {
            return rows;
        }

        @Override
        public String toString() {
            return rows.stream().map(Arrays::toString).toList().toString();
        }
    }
}

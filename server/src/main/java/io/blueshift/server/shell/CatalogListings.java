package io.blueshift.server.shell;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The listings behind {@code \d}, {@code \dt}, {@code \dv}, {@code \dn}, {@code \l} and
 * {@code \d name}, read through {@link DatabaseMetaData} so that they work on any engine. The
 * engine's own schemas ({@code information_schema}, {@code pg_catalog}) and system tables are left
 * out, as psql leaves them out.
 */
final class CatalogListings {
    private static final List<Column> RELATION_COLUMNS = List.of(
            new Column("Schema", false), new Column("Name", false), new Column("Type", false));
    private static final List<Column> TABLE_COLUMNS = List.of(new Column("Column", false),
            new Column("Type", false), new Column("Nullable", false), new Column("Default", false));
    private static final List<Column> NAME_COLUMN = List.of(new Column("Name", false));

    private final Connection connection;

    CatalogListings(Connection connection) {
        this.connection = connection;
    }

    /** A relation found in the metadata: its catalog, schema, name, and "table" or "view". */
    record Relation(String catalog, String schema, String name, String type) {
        String qualifiedName() {
            return schema == null || schema.isEmpty() ? name : schema + "." + name;
        }
    }

    /** The user's tables and views whose type passes the filter, ordered by schema and name. */
    List<Relation> relations(Predicate<String> typeFilter) throws SQLException {
        List<Relation> relations = new ArrayList<>();
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet tables = meta.getTables(currentCatalog(), null, "%", null)) {
            while (tables.next()) {
                String schema = tables.getString("TABLE_SCHEM");
                String type = typeName(tables.getString("TABLE_TYPE"));
                if (!isSystemSchema(schema) && type != null && typeFilter.test(type)) {
                    relations.add(new Relation(tables.getString("TABLE_CAT"), schema,
                            tables.getString("TABLE_NAME"), type));
                }
            }
        }
        relations.sort(Comparator.comparing((Relation r) -> r.schema() == null ? "" : r.schema())
                .thenComparing(Relation::name));
        return relations;
    }

    RowSource relationRows(List<Relation> relations) {
        List<String[]> rows = new ArrayList<>();
        for (Relation relation : relations) {
            rows.add(new String[] {relation.schema(), relation.name(), relation.type()});
        }
        return RowSource.of(RELATION_COLUMNS, rows);
    }

    /**
     * The relations a name given to {@code \d} denotes: {@code name} or {@code schema.name},
     * matched exactly first and then ignoring case, since engines fold unquoted names differently.
     * {@code *} and {@code ?} match any text and any one character, as in psql's patterns.
     */
    List<Relation> find(String name, Predicate<String> typeFilter) throws SQLException {
        int dot = name.lastIndexOf('.');
        Pattern schema = dot < 0 ? null : pattern(unquote(name.substring(0, dot)), Pattern.CASE_INSENSITIVE);
        Pattern table = pattern(unquote(name.substring(dot + 1)), 0);
        Pattern tableIgnoringCase = pattern(unquote(name.substring(dot + 1)), Pattern.CASE_INSENSITIVE);
        List<Relation> exact = new ArrayList<>();
        List<Relation> folded = new ArrayList<>();
        for (Relation relation : relations(typeFilter)) {
            if (schema != null && !schema.matcher(relation.schema() == null ? "" : relation.schema()).matches()) {
                continue;
            }
            if (table.matcher(relation.name()).matches()) {
                exact.add(relation);
            } else if (tableIgnoringCase.matcher(relation.name()).matches()) {
                folded.add(relation);
            }
        }
        return exact.isEmpty() ? folded : exact;
    }

    /** A psql name pattern as a regular expression: {@code *} and {@code ?} are wildcards. */
    private static Pattern pattern(String name, int flags) {
        StringBuilder regex = new StringBuilder();
        for (String part : name.split("(?=[*?])|(?<=[*?])")) {
            regex.append(switch (part) {
                case "*" -> ".*";
                case "?" -> ".";
                default -> Pattern.quote(part);
            });
        }
        return Pattern.compile(regex.toString(), flags == 0 ? 0 : flags | Pattern.UNICODE_CASE);
    }

    /** The columns of one relation: name, type, "not null" where declared so, and default. */
    RowSource columnRows(Relation relation) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (ResultSet columns = connection.getMetaData().getColumns(relation.catalog(), escape(relation.schema()),
                escape(relation.name()), "%")) {
            while (columns.next()) {
                if (!relation.name().equals(columns.getString("TABLE_NAME"))) {
                    continue; // an escaped pattern may still match more on drivers that ignore the escape
                }
                boolean notNull = "NO".equals(columns.getString("IS_NULLABLE"));
                rows.add(new String[] {columns.getString("COLUMN_NAME"), columns.getString("TYPE_NAME"),
                        notNull ? "not null" : "", columns.getString("COLUMN_DEF")});
            }
        }
        return RowSource.of(TABLE_COLUMNS, rows);
    }

    RowSource schemaRows() throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet schemas = connection.getMetaData().getSchemas()) {
            while (schemas.next()) {
                String catalog = schemas.getString("TABLE_CATALOG");
                String schema = schemas.getString("TABLE_SCHEM");
                boolean current = catalog == null || currentCatalog() == null || catalog.equals(currentCatalog());
                if (current && !isSystemSchema(schema) && !names.contains(schema)) {
                    names.add(schema);
                }
            }
        }
        return nameRows(names);
    }

    RowSource catalogRows() throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet catalogs = connection.getMetaData().getCatalogs()) {
            while (catalogs.next()) {
                names.add(catalogs.getString("TABLE_CAT"));
            }
        }
        return nameRows(names);
    }

    private static RowSource nameRows(List<String> names) {
        names.sort(null);
        List<String[]> rows = new ArrayList<>();
        for (String name : names) {
            rows.add(new String[] {name});
        }
        return RowSource.of(NAME_COLUMN, rows);
    }

    /** "table" or "view" for the user's relations, null for system tables and other kinds. */
    private static String typeName(String tableType) {
        String type = tableType == null ? "" : tableType.toUpperCase(Locale.ROOT);
        if (type.contains("SYSTEM")) {
            return null;
        }
        if (type.contains("VIEW")) {
            return "view";
        }
        return type.contains("TABLE") ? "table" : null;
    }

    private static boolean isSystemSchema(String schema) {
        return schema != null && (schema.equalsIgnoreCase("information_schema")
                || schema.toLowerCase(Locale.ROOT).startsWith("pg_"));
    }

    /** The connection's catalog, or null (all catalogs) for a driver that does not say. */
    private String currentCatalog() {
        try {
            return connection.getCatalog();
        } catch (SQLException unsupported) {
            return null;
        }
    }

    /** Escapes the pattern characters in a name, for a driver that says how. */
    private String escape(String name) {
        String escape;
        try {
            escape = connection.getMetaData().getSearchStringEscape();
        } catch (SQLException unsupported) {
            return name;
        }
        if (name == null || escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    private static String unquote(String name) {
        return name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")
                ? name.substring(1, name.length() - 1).replace("\"\"", "\"") : name;
    }
}

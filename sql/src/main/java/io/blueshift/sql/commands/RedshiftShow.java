package io.blueshift.sql.commands;

import io.blueshift.sql.session.TextResult;
import io.blueshift.sql.session.StatementContext;
import io.blueshift.columnar.SqlType;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.api.Result;
import io.blueshift.storage.catalog.ColumnDef;
import io.blueshift.sql.catalog.PgOids;
import io.blueshift.storage.catalog.SchemaDef;
import io.blueshift.storage.catalog.TableDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redshift's {@code SHOW SCHEMAS FROM DATABASE db}, {@code SHOW TABLES FROM SCHEMA db.schema} and
 * {@code SHOW COLUMNS FROM TABLE db.schema.table}, each with {@code [LIKE 'pattern'] [LIMIT n]},
 * answered from the catalog with Redshift's result columns (what its JDBC driver reads).
 */
public final class RedshiftShow {
    private static final String NAME = "(\"(?:[^\"]|\"\")*\"|[\\p{L}_][\\p{L}\\p{N}_$]*)";
    private static final Pattern SHOW = Pattern.compile("(?is)show\\s+(schemas|tables|columns)\\s+from\\s+(database|schema|table)\\s+"
            + "(" + NAME + "(?:\\s*\\.\\s*" + NAME + ")*)"
            + "(?:\\s+like\\s+'((?:[^']|'')*)')?(?:\\s+limit\\s+(\\d+))?\\s*");
    private static final Pattern PART = Pattern.compile(NAME);

    private RedshiftShow() {
    }

    /** The rows of a Redshift SHOW, or null when the statement is not one (a setting's SHOW). */
    public static Result execute(StatementContext session, String text) {
        Matcher m = SHOW.matcher(text);
        if (!m.matches()) {
            return null;
        }
        String what = m.group(1).toLowerCase(Locale.ROOT);
        String from = m.group(2).toLowerCase(Locale.ROOT);
        List<String> parts = new ArrayList<>();
        Matcher p = PART.matcher(m.group(3));
        while (p.find()) {
            String w = p.group(1);
            parts.add(w.startsWith("\"") ? w.substring(1, w.length() - 1).replace("\"\"", "\"") : w.toLowerCase(Locale.ROOT));
        }
        Pattern like = m.group(m.groupCount() - 1) == null ? null : likePattern(m.group(m.groupCount() - 1).replace("''", "'"));
        long limit = m.group(m.groupCount()) == null ? 10_000 : Long.parseLong(m.group(m.groupCount()));
        int expected = switch (what) {
            case "schemas" -> 1;
            case "tables" -> 2;
            default -> 3;
        };
        String expectedFrom = switch (what) {
            case "schemas" -> "database";
            case "tables" -> "schema";
            default -> "table";
        };
        if (!from.equals(expectedFrom) || parts.size() != expected) {
            throw new BlueshiftException(ErrorCode.SYNTAX_ERROR, "SHOW " + what.toUpperCase(Locale.ROOT) + " FROM "
                    + expectedFrom.toUpperCase(Locale.ROOT) + " needs a " + String.join(".", switch (what) {
                        case "schemas" -> List.of("database_name");
                        case "tables" -> List.of("database_name", "schema_name");
                        default -> List.of("database_name", "schema_name", "table_name");
                    }));
        }
        String db = session.databaseName();
        if (!parts.getFirst().equals(db)) {
            throw new BlueshiftException(ErrorCode.INVALID_CATALOG_NAME, parts.getFirst());
        }
        List<Object[]> rows = new ArrayList<>();
        switch (what) {
            case "schemas" -> {
                List<String> names = new ArrayList<>();
                for (SchemaDef s : session.catalog().schemas()) {
                    names.add(s.name());
                }
                names.add("pg_catalog");
                names.add("information_schema");
                names.sort(null);
                for (String name : names) {
                    if (matches(like, name) && rows.size() < limit) {
                        rows.add(new Object[] {db, name, 1, "local", null, null, null});
                    }
                }
                return TextResult.table(List.of("database_name", "schema_name", "schema_owner", "schema_type", "schema_acl",
                        "source_database", "schema_option"), List.of(SqlType.TEXT, SqlType.TEXT, SqlType.INTEGER,
                        SqlType.TEXT, SqlType.TEXT, SqlType.TEXT, SqlType.TEXT), rows);
            }
            case "tables" -> {
                SchemaDef schema = schema(session, parts.get(1));
                for (TableDef t : new TreeMap<>(schema.tables()).values()) {
                    if (matches(like, t.name()) && rows.size() < limit) {
                        rows.add(new Object[] {db, schema.name(), t.name(), t.isView() ? "VIEW" : "TABLE", null, null});
                    }
                }
                return TextResult.table(List.of("database_name", "schema_name", "table_name", "table_type", "table_acl", "remarks"),
                        List.of(SqlType.TEXT, SqlType.TEXT, SqlType.TEXT, SqlType.TEXT, SqlType.TEXT, SqlType.TEXT), rows);
            }
            default -> {
                SchemaDef schema = schema(session, parts.get(1));
                TableDef t = schema.table(parts.get(2));
                if (t == null) {
                    throw new BlueshiftException(ErrorCode.UNDEFINED_TABLE, parts.get(1) + "." + parts.get(2));
                }
                int position = 0;
                for (ColumnDef c : t.columns()) {
                    position++;
                    if (!matches(like, c.name()) || rows.size() >= limit) {
                        continue;
                    }
                    SqlType type = c.type();
                    String dataType = PgOids.formatType(type).replaceAll("\\(.*\\)", "");
                    Integer length = switch (type.kind()) {
                        case CHAR, VARCHAR -> type.length() > 0 ? type.length() : null;
                        default -> null;
                    };
                    Integer precision = switch (type.kind()) {
                        case SMALLINT -> 16;
                        case INTEGER -> 32;
                        case BIGINT -> 64;
                        case REAL -> 24;
                        case DOUBLE -> 53;
                        case DECIMAL -> type.precision();
                        default -> null;
                    };
                    Integer scale = switch (type.kind()) {
                        case SMALLINT, INTEGER, BIGINT -> 0;
                        case DECIMAL -> type.scale();
                        default -> null;
                    };
                    rows.add(new Object[] {db, schema.name(), t.name(), c.name(), position, c.defaultSql(),
                            c.nullable() ? "YES" : "NO", dataType, length, precision, scale, null});
                }
                return TextResult.table(List.of("database_name", "schema_name", "table_name", "column_name", "ordinal_position",
                        "column_default", "is_nullable", "data_type", "character_maximum_length", "numeric_precision",
                        "numeric_scale", "remarks"), List.of(SqlType.TEXT, SqlType.TEXT, SqlType.TEXT, SqlType.TEXT,
                        SqlType.INTEGER, SqlType.TEXT, SqlType.TEXT, SqlType.TEXT, SqlType.INTEGER, SqlType.INTEGER,
                        SqlType.INTEGER, SqlType.TEXT), rows);
            }
        }
    }

    private static SchemaDef schema(StatementContext session, String name) {
        SchemaDef schema = session.catalog().findSchema(name);
        if (schema == null) {
            throw new BlueshiftException(ErrorCode.INVALID_SCHEMA_NAME, name);
        }
        return schema;
    }

    private static boolean matches(Pattern like, String name) {
        return like == null || like.matcher(name).matches();
    }

    /** A LIKE pattern (case-sensitive, % and _) as a regular expression. */
    private static Pattern likePattern(String like) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}

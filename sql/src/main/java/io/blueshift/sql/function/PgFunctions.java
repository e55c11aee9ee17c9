package io.blueshift.sql.function;

import io.blueshift.sql.catalog.PgKeywords;
import io.blueshift.executor.expr.Conversions;
import io.blueshift.executor.expr.RowExpr;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.storage.catalog.ForeignKey;
import io.blueshift.sql.catalog.PgCatalog;
import io.blueshift.sql.catalog.PgOids;
import io.blueshift.sql.catalog.PgRelation;
import io.blueshift.sql.catalog.PgSession;
import io.blueshift.sql.catalog.PgSettings;
import io.blueshift.storage.catalog.SchemaDef;
import io.blueshift.storage.catalog.TableDef;
import io.blueshift.storage.catalog.UserDef;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Postgres system functions of catalog queries: session facts ({@code version()},
 * {@code current_schemas}), catalog lookups by OID ({@code format_type}, {@code pg_get_indexdef},
 * {@code pg_table_is_visible}, casts to {@code regclass}), and the array functions over arrays
 * kept as text ({@code {1,2}}, or {@code 1 2} for int2vector, whose subscripts start at 0 as in
 * Postgres). Each function reads the session that planned it ({@link PgSession#current()} when
 * the expression is made), not the thread that happens to evaluate it.
 */
final class PgFunctions {
    private PgFunctions() {
    }

    /** What version() returns; SQLAlchemy and others parse "PostgreSQL X.Y" out of it. */
    static final String VERSION = "PostgreSQL " + PgSettings.SERVER_VERSION + " (Blueshift) on x86_64-pc-linux-gnu, compiled by javac, 64-bit";

    /**
     * What {@code txid_current()} hands out: a new number each time a statement calling it is
     * planned (Blueshift has no transaction ids, so two statements of one transaction get two).
     */
    private static final AtomicLong NEXT_XID = new AtomicLong(1000);

    /** {@code pg_postmaster_start_time()}: when this process started. */
    private static final OffsetDateTime START_TIME = Instant.ofEpochMilli(
            ManagementFactory.getRuntimeMXBean().getStartTime()).atOffset(ZoneOffset.UTC);

    /** A function of that (lower-case) name, or null when it is not one of these. */
    static RowExpr.Fn create(String name, int arity, PgSession session) {
        return switch (name) {
            case "version" -> v -> VERSION;
            case "current_database", "current_catalog" -> v -> session.database();
            case "current_schema" -> v -> session.currentSchema();
            case "current_schemas" -> v -> currentSchemas(session, v.length > 0 && Boolean.TRUE.equals(v[0]));
            case "current_user", "user", "session_user", "current_role" -> v -> session.user();
            case "pg_backend_pid" -> v -> session.backendPid();
            case "pg_cancel_backend" -> v -> v[0] == null ? null : session.backends().cancel(((Number) v[0]).intValue(), session.principal());
            case "pg_terminate_backend" -> v -> v[0] == null ? null
                    : session.backends().terminate(((Number) v[0]).intValue(), session.principal());
            case "format_type" -> v -> v[0] == null ? null
                    : PgOids.formatType(((Number) v[0]).intValue(), v.length > 1 && v[1] != null ? ((Number) v[1]).intValue() : -1);
            case "pg_get_expr" -> v -> v[0] == null ? null : v[0].toString();
            case "pg_get_userbyid" -> v -> v[0] == null ? null : userName(session, ((Number) v[0]).intValue());
            case "pg_table_is_visible" -> v -> v[0] == null ? null : tableVisible(session, ((Number) v[0]).intValue());
            case "pg_type_is_visible", "pg_function_is_visible", "has_table_privilege", "has_schema_privilege",
                 "has_database_privilege", "has_any_column_privilege", "has_column_privilege", "has_function_privilege",
                 "has_sequence_privilege", "pg_has_role" -> v -> true;
            case "pg_relation_is_publishable", "pg_is_in_recovery" -> v -> false;
            case "pg_get_indexdef" -> v -> v[0] == null ? null : indexDef(session, ((Number) v[0]).intValue(),
                    v.length > 1 && v[1] != null ? ((Number) v[1]).intValue() : 0);
            case "pg_get_constraintdef" -> v -> v[0] == null ? null : constraintDef(session, ((Number) v[0]).intValue());
            case "pg_get_viewdef" -> v -> viewDef(session, v[0]);
            case "pg_encoding_to_char" -> v -> v[0] == null ? null : switch (((Number) v[0]).intValue()) {
                case 0 -> "SQL_ASCII";
                case 6 -> "UTF8";
                default -> "";
            };
            case "obj_description", "col_description", "shobj_description", "pg_get_serial_sequence",
                 "pg_get_statisticsobjdef_columns", "pg_get_ruledef", "pg_get_triggerdef", "pg_get_partkeydef",
                 "inet_server_addr", "inet_server_port", "inet_client_addr", "inet_client_port" -> v -> null;
            case "format" -> v -> v[0] == null ? null : format(v);
            case "quote_literal" -> v -> v[0] == null ? null : quoteLiteral(Conversions.toText(v[0]));
            case "quote_nullable" -> v -> v[0] == null ? "NULL" : quoteLiteral(Conversions.toText(v[0]));
            case "to_regclass" -> v -> {
                try {
                    return v[0] == null ? null : regclass(session, v[0].toString());
                } catch (BlueshiftException e) {
                    return null;
                }
            };
            case "string_to_array" -> v -> v[0] == null ? null : stringToArray(v[0].toString(), (String) v[1],
                    v.length > 2 ? (String) v[2] : null);
            case "pg_array_dim_length" -> v -> {
                if (v[0] == null || v[1] == null || ((Number) v[1]).intValue() != 1) {
                    return null;
                }
                int n = elements(v[0].toString()).size();
                return n == 0 ? null : n;
            };
            case "txid_current", "txid_current_if_assigned", "pg_current_xact_id" -> {
                long xid = NEXT_XID.incrementAndGet();
                yield v -> xid;
            }
            case "pg_postmaster_start_time", "pg_conf_load_time" -> v -> START_TIME;
            case "pg_get_function_result" -> v -> v[0] == null ? null : procResult(((Number) v[0]).intValue());
            case "pg_get_function_arguments", "pg_get_function_identity_arguments" -> v -> "";
            case "pg_relation_size", "pg_total_relation_size", "pg_table_size" -> v -> {
                if (v[0] == null) {
                    return null;
                }
                Relation r = relation(session, v[0] instanceof Number n ? n.intValue() : regclass(session, v[0].toString()));
                return r == null || r.table() == null ? 0L : session.tableBytes(r.table());
            };
            case "pg_database_size" -> v -> {
                long bytes = 0;
                for (PgCatalog.UserRelation r : PgCatalog.userRelations(session.catalog())) {
                    bytes += session.tableBytes(r.table());
                }
                return bytes;
            };
            case "pg_indexes_size", "pg_stat_get_numscans", "pg_stat_get_tuples_returned", "pg_stat_get_tuples_fetched" -> v -> 0L;
            case "array_position" -> v -> {
                if (v[0] == null) {
                    return null;
                }
                List<String> e = elements(v[0].toString());
                String wanted = v[1] == null ? null : Conversions.toText(v[1]);
                int from = v.length > 2 && v[2] != null ? Math.max(0, ((Number) v[2]).intValue() - 1) : 0;
                for (int i = from; i < e.size(); i++) {
                    if (wanted == null ? e.get(i) == null : wanted.equals(e.get(i))) {
                        return i + 1;
                    }
                }
                return null;
            };
            case "pg_stat_get_live_tuples" -> v -> {
                Relation r = v[0] == null ? null : relation(session, ((Number) v[0]).intValue());
                return r == null || r.table() == null || r.table().isView() ? 0L : r.table().data().rowCount();
            };
            case "pg_size_pretty" -> v -> v[0] == null ? null : sizePretty(((Number) v[0]).longValue());
            case "array_to_string" -> v -> {
                if (v[0] == null || v[1] == null) {
                    return null;
                }
                StringBuilder sb = new StringBuilder();
                for (String e : elements(v[0].toString())) {
                    String s = e == null ? (v.length > 2 ? (String) v[2] : null) : e;
                    if (s != null) {
                        sb.append(sb.isEmpty() ? "" : v[1].toString()).append(s);
                    }
                }
                return sb.toString();
            };
            case "array_upper", "pg_array_length", "cardinality_text" -> v -> {
                if (v[0] == null) {
                    return null;
                }
                int n = elements(v[0].toString()).size();
                boolean vector = !v[0].toString().startsWith("{");
                return n == 0 && !name.equals("cardinality_text") ? null
                        : name.equals("array_upper") && vector ? n - 1 : n;
            };
            case "array_lower" -> v -> v[0] == null || elements(v[0].toString()).isEmpty() ? null
                    : v[0].toString().startsWith("{") ? 1 : 0;
            case "pg_array_element" -> v -> {
                if (v[0] == null || v[1] == null) {
                    return null;
                }
                List<String> e = elements(v[0].toString());
                int i = ((Number) v[1]).intValue() - (v[0].toString().startsWith("{") ? 1 : 0);
                return i >= 0 && i < e.size() ? e.get(i) : null;
            };
            case "pg_array_nth" -> v -> {
                if (v[0] == null || v[1] == null) {
                    return null;
                }
                List<String> e = elements(v[0].toString());
                int i = ((Number) v[1]).intValue();
                return i >= 0 && i < e.size() && e.get(i) != null ? Integer.parseInt(e.get(i)) : null;
            };
            case "pg_array_nth_text" -> v -> {
                if (v[0] == null || v[1] == null) {
                    return null;
                }
                List<String> e = elements(v[0].toString());
                int i = ((Number) v[1]).intValue();
                return i >= 0 && i < e.size() ? e.get(i) : null;
            };
            case "pg_array_contains" -> v -> {
                if (v[0] == null || v[1] == null) {
                    return null;
                }
                return elements(v[0].toString()).contains(Conversions.toText(v[1]));
            };
            case "pg_array_of" -> v -> {
                StringBuilder sb = new StringBuilder("{");
                for (Object o : v) {
                    sb.append(sb.length() == 1 ? "" : ",").append(o == null ? "NULL" : quoteElement(Conversions.toText(o)));
                }
                return sb.append('}').toString();
            };
            case "pg_array_concat" -> v -> {
                List<String> all = new ArrayList<>();
                for (Object o : v) {
                    if (o != null) {
                        all.addAll(elements(o.toString()));
                    }
                }
                return "{" + String.join(",", all.stream().map(e -> e == null ? "NULL" : quoteElement(e)).toList()) + "}";
            };
            case "quote_ident" -> v -> v[0] == null ? null : quoteIdent(v[0].toString());
            case "current_setting" -> v -> {
                String value = PgCatalog.settings(session).get(v[0].toString().toLowerCase(Locale.ROOT));
                if (value == null && !(v.length > 1 && Boolean.TRUE.equals(v[1]))) {
                    throw new BlueshiftException(ErrorCode.UNDEFINED_OBJECT,
                            "unrecognized configuration parameter \"" + v[0] + "\"");
                }
                return value;
            };
            case "json_build_object" -> v -> {
                StringBuilder sb = new StringBuilder("{");
                for (int i = 0; i + 1 < v.length; i += 2) {
                    sb.append(i == 0 ? "" : ", ").append(jsonString(String.valueOf(v[i]))).append(" : ")
                            .append(v[i + 1] == null ? "null" : v[i + 1] instanceof Number || v[i + 1] instanceof Boolean
                                    ? v[i + 1].toString() : jsonString(Conversions.toText(v[i + 1])));
                }
                return sb.append('}').toString();
            };
            case "pg_regclass" -> v -> v[0] == null ? null : v[0] instanceof Number n ? relationName(session, n.intValue())
                    : (Object) regclass(session, v[0].toString());
            case "pg_regtype" -> v -> v[0] == null ? null : v[0] instanceof Number n ? typeName(n.intValue()) : (Object) regtype(v[0].toString());
            case "pg_regproc", "pg_regprocedure" -> v -> v[0] == null ? null : v[0] instanceof Number n ? procName(n.intValue())
                    : (Object) PgCatalog.procOid(unquote(v[0].toString())[1]);
            case "pg_regnamespace" -> v -> v[0] == null ? null : v[0] instanceof Number n ? namespaceName(session, n.intValue())
                    : (Object) PgOids.namespaceOid(unquote(v[0].toString())[1]);
            case "pg_regrole" -> v -> v[0] == null ? null : v[0] instanceof Number n ? userName(session, n.intValue())
                    : (Object) PgOids.roleOid(unquote(v[0].toString())[1]);
            default -> null;
        };
    }

    /** Whether the function of that name is strict (NULL in, NULL out without being called). */
    static boolean strict(String name) {
        return switch (name) {
            case "version", "current_database", "current_catalog", "current_schema", "current_schemas", "current_user", "user",
                 "session_user", "current_role", "pg_backend_pid", "pg_cancel_backend", "pg_terminate_backend", "pg_array_of", "pg_array_concat", "json_build_object",
                 "array_to_string", "format_type", "obj_description", "col_description", "shobj_description", "format",
                 "quote_nullable", "string_to_array", "array_position" -> false;
            default -> true;
        };
    }

    private static String currentSchemas(PgSession session, boolean implicit) {
        List<String> out = new ArrayList<>();
        if (implicit) {
            out.add("pg_catalog");
        }
        for (String s : session.searchPath()) {
            String name = s.equals("$user") ? session.user() : s;
            if (session.catalog().findSchema(name) != null && !out.contains(name)) {
                out.add(name);
            }
        }
        return "{" + String.join(",", out.stream().map(PgFunctions::quoteElement).toList()) + "}";
    }

    /** The elements of an array as text: {@code {a,"b c",NULL}} or an int2vector's {@code 1 2}. */
    static List<String> elements(String array) {
        List<String> out = new ArrayList<>();
        String s = array.strip();
        if (!s.startsWith("{")) {
            for (String part : s.split("\\s+")) {
                if (!part.isEmpty()) {
                    out.add(part);
                }
            }
            return out;
        }
        int i = 1;
        int end = s.lastIndexOf('}');
        while (i < end) {
            StringBuilder e = new StringBuilder();
            boolean quoted = false;
            if (s.charAt(i) == '"') {
                quoted = true;
                i++;
                while (i < end && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < end) {
                        i++;
                    }
                    e.append(s.charAt(i++));
                }
                i++;
            } else {
                while (i < end && s.charAt(i) != ',') {
                    e.append(s.charAt(i++));
                }
            }
            String value = quoted ? e.toString() : e.toString().strip();
            out.add(!quoted && value.equalsIgnoreCase("NULL") ? null : value);
            i++;
        }
        return out;
    }

    private static String quoteElement(String e) {
        if (!e.isEmpty() && e.chars().noneMatch(c -> c == ',' || c == '"' || c == '{' || c == '}' || c == '\\'
                || Character.isWhitespace(c)) && !e.equalsIgnoreCase("NULL")) {
            return e;
        }
        return "\"" + e.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /**
     * Postgres' {@code format(fmt, args...)}: {@code %s} the value as text (NULL as nothing),
     * {@code %I} a quoted identifier, {@code %L} a quoted literal (NULL as {@code NULL}),
     * {@code %%} a percent sign, each with an optional argument position {@code n$}, a {@code -}
     * flag and a width.
     */
    static String format(Object[] v) {
        String fmt = v[0].toString();
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (++i >= fmt.length()) {
                throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "unterminated format() type specifier");
            }
            if (fmt.charAt(i) == '%') {
                out.append('%');
                continue;
            }
            int start = i;
            while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
                i++;
            }
            int argument = next;
            if (i < fmt.length() && fmt.charAt(i) == '$' && i > start) {
                argument = Integer.parseInt(fmt.substring(start, i));
                i++;
                start = i;
            } else {
                i = start;
            }
            boolean left = i < fmt.length() && fmt.charAt(i) == '-';
            if (left) {
                i++;
            }
            int widthStart = i;
            while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
                i++;
            }
            int width = i > widthStart ? Integer.parseInt(fmt.substring(widthStart, i)) : 0;
            if (i >= fmt.length()) {
                throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "unterminated format() type specifier");
            }
            char type = fmt.charAt(i);
            if (type != 's' && type != 'I' && type != 'L') {
                throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE,
                        "unrecognized format() type specifier \"" + type + "\"");
            }
            if (argument < 1 || argument >= v.length) {
                throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "too few arguments for format()");
            }
            next = argument + 1;
            Object value = v[argument];
            String text = switch (type) {
                case 's' -> value == null ? "" : Conversions.toText(value);
                case 'I' -> {
                    if (value == null) {
                        throw new BlueshiftException(ErrorCode.NULL_VALUE_NOT_ALLOWED,
                                "null values cannot be formatted as an SQL identifier");
                    }
                    yield quoteIdent(Conversions.toText(value));
                }
                default -> value == null ? "NULL" : quoteLiteral(Conversions.toText(value));
            };
            String pad = " ".repeat(Math.max(0, width - text.length()));
            out.append(left ? "" : pad).append(text).append(left ? pad : "");
        }
        return out.toString();
    }

    /** Postgres' {@code quote_literal}: quotes doubled, and a string with backslashes as {@code E'...'}. */
    static String quoteLiteral(String s) {
        String quoted = "'" + s.replace("'", "''").replace("\\", "\\\\") + "'";
        return s.indexOf('\\') >= 0 ? "E" + quoted : quoted;
    }

    /** {@code string_to_array(s, delimiter[, null_string])} as a text array; a NULL delimiter splits into characters. */
    private static String stringToArray(String s, String delimiter, String nullString) {
        if (s.isEmpty()) {
            return "{}";
        }
        List<String> parts = new ArrayList<>();
        if (delimiter == null) {
            s.codePoints().forEach(cp -> parts.add(new String(Character.toChars(cp))));
        } else if (delimiter.isEmpty()) {
            parts.add(s);
        } else {
            int from = 0;
            for (int at = s.indexOf(delimiter); at >= 0; at = s.indexOf(delimiter, from)) {
                parts.add(s.substring(from, at));
                from = at + delimiter.length();
            }
            parts.add(s.substring(from));
        }
        StringBuilder sb = new StringBuilder("{");
        for (String part : parts) {
            sb.append(sb.length() == 1 ? "" : ",").append(part.equals(nullString) ? "NULL" : quoteElement(part));
        }
        return sb.append('}').toString();
    }

    static String quoteIdent(String s) {
        boolean plain = !s.isEmpty() && (Character.isLowerCase(s.charAt(0)) || s.charAt(0) == '_')
                && s.chars().allMatch(c -> Character.isLowerCase(c) || Character.isDigit(c) || c == '_' || c == '$');
        return plain && !PgKeywords.reserved(s) ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }

    /** A possibly qualified, possibly quoted name as {schema or null, name}. */
    private static String[] unquote(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        String s = text.strip();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == '.' && !quoted) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(quoted ? c : Character.toLowerCase(c));
            }
        }
        parts.add(cur.toString());
        return parts.size() == 1 ? new String[] {null, parts.get(0)} : new String[] {parts.get(parts.size() - 2), parts.getLast()};
    }

    /** A relation of any schema: a user's table or view, or a catalog relation. */
    private record Relation(String schema, String name, TableDef table) {
    }

    private static List<Relation> relations(PgSession session) {
        List<Relation> out = new ArrayList<>();
        for (PgCatalog.UserRelation r : PgCatalog.userRelations(session.catalog())) {
            out.add(new Relation(r.schema(), r.table().name(), r.table()));
        }
        for (PgRelation r : PgCatalog.relations()) {
            out.add(new Relation(r.schema(), r.name(), null));
        }
        for (var v : session.systemViews()) {
            out.add(new Relation("pg_catalog", v.name(), null));
        }
        return out;
    }

    private static Relation relation(PgSession session, int oid) {
        for (Relation r : relations(session)) {
            if (PgOids.tableOid(r.schema(), r.name()) == oid) {
                return r;
            }
        }
        return null;
    }

    /** The schemas unqualified names are looked up in, in order: pg_catalog first, then the search path. */
    private static List<String> lookupPath(PgSession session) {
        List<String> out = new ArrayList<>();
        out.add("pg_catalog");
        for (String s : session.searchPath()) {
            out.add(s.equals("$user") ? session.user() : s);
        }
        return out;
    }

    private static boolean tableVisible(PgSession session, int oid) {
        Relation r = relation(session, oid);
        if (r == null) {
            Map<Integer, String[]> indexes = indexes(session);
            String[] index = indexes.get(oid);
            return index != null && session.searchPath().contains(index[0]);
        }
        for (String schema : lookupPath(session)) {
            if (exists(session, schema, r.name())) {
                return schema.equals(r.schema());
            }
        }
        return false;
    }

    private static boolean exists(PgSession session, String schema, String name) {
        if (schema.equals("pg_catalog")) {
            return PgCatalog.relation("pg_catalog", name) != null
                    || session.systemViews().stream().anyMatch(v -> v.name().equals(name));
        }
        SchemaDef s = session.catalog().findSchema(schema);
        return s != null && s.table(name) != null;
    }

    private static String relationName(PgSession session, int oid) {
        Relation r = relation(session, oid);
        if (r == null) {
            String[] index = indexes(session).get(oid);
            return index == null ? String.valueOf(oid) : quoteIdent(index[1]);
        }
        boolean visible = tableVisible(session, oid);
        return visible ? quoteIdent(r.name()) : quoteIdent(r.schema()) + "." + quoteIdent(r.name());
    }

    private static int regclass(PgSession session, String text) {
        String trimmed = text.strip();
        if (!trimmed.isEmpty() && trimmed.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(trimmed);
        }
        String[] name = unquote(text);
        for (String schema : name[0] != null ? List.of(name[0]) : lookupPath(session)) {
            if (exists(session, schema, name[1])) {
                return PgOids.tableOid(schema, name[1]);
            }
            SchemaDef s = session.catalog().findSchema(schema);
            if (s != null) {
                for (TableDef t : s.tables().values()) {
                    for (PgCatalog.UserIndex i : PgCatalog.indexesOf(schema, t)) {
                        if (i.name().equals(name[1])) {
                            return i.oid();
                        }
                    }
                }
            }
        }
        throw new BlueshiftException(ErrorCode.UNDEFINED_TABLE, "relation \"" + text + "\" does not exist");
    }

    private static Object regtype(String text) {
        String trimmed = text.strip();
        if (!trimmed.isEmpty() && trimmed.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(trimmed);
        }
        String name = trimmed.toLowerCase(Locale.ROOT).replaceFirst("^pg_catalog\\.", "").replaceAll("\\(.*\\)", "").strip();
        PgOids.PgType t = PgOids.type(name);
        if (t == null) {
            throw new BlueshiftException(ErrorCode.UNDEFINED_OBJECT, "type \"" + text + "\" does not exist");
        }
        return t.oid();
    }

    private static String typeName(int oid) {
        String name = PgOids.formatType(oid, -1);
        return name == null ? String.valueOf(oid) : name;
    }

    private static String procName(int oid) {
        for (String n : List.of("version", "format_type", "pg_get_expr", "pg_table_is_visible", "array_to_string")) {
            if (PgCatalog.procOid(n) == oid) {
                return n;
            }
        }
        return oid == 0 ? "-" : String.valueOf(oid);
    }

    private static String procResult(int oid) {
        return null;
    }

    private static String namespaceName(PgSession session, int oid) {
        for (String s : List.of("pg_catalog", "information_schema")) {
            if (PgOids.namespaceOid(s) == oid) {
                return s;
            }
        }
        for (SchemaDef s : session.catalog().schemas()) {
            if (PgOids.namespaceOid(s.name()) == oid) {
                return quoteIdent(s.name());
            }
        }
        return String.valueOf(oid);
    }

    private static String userName(PgSession session, int oid) {
        for (UserDef u : session.catalog().users()) {
            if (PgOids.roleOid(u.name()) == oid) {
                return u.name();
            }
        }
        if (PgOids.roleOid(session.user()) == oid) {
            return session.user();
        }
        return oid == PgOids.BOOTSTRAP_SUPERUSER ? session.user() : "unknown (OID=" + oid + ")";
    }

    /** Primary key indexes and constraints by OID: {schema, index name, table name}. */
    /** Index and constraint OIDs: {schema, index or constraint name, table name}. */
    private static Map<Integer, String[]> indexes(PgSession session) {
        Map<Integer, String[]> out = new HashMap<>();
        for (PgCatalog.UserIndex i : PgCatalog.userIndexes(session.catalog())) {
            String[] entry = {i.schema(), i.name(), i.table().name()};
            out.put(i.oid(), entry);
            if (i.primary()) {
                out.put(PgOids.primaryKeyConstraintOid(i.schema(), i.table()), entry);
            }
        }
        for (PgCatalog.UserRelation r : PgCatalog.userRelations(session.catalog())) {
            for (ForeignKey k : r.table().design().foreignKeys()) {
                out.put(PgOids.foreignKeyOid(r.schema(), k.name()), new String[] {r.schema(), k.name(), r.table().name()});
            }
        }
        return out;
    }

    private static PgCatalog.UserIndex index(PgSession session, int oid) {
        for (PgCatalog.UserIndex i : PgCatalog.userIndexes(session.catalog())) {
            if (i.oid() == oid || i.primary() && PgOids.primaryKeyConstraintOid(i.schema(), i.table()) == oid
                    || i.constraint() && !i.primary() && PgOids.foreignKeyOid(i.schema(), i.name()) == oid) {
                return i;
            }
        }
        return null;
    }

    private static String indexDef(PgSession session, int oid, int column) {
        PgCatalog.UserIndex index = index(session, oid);
        if (index == null) {
            return null;
        }
        if (column > 0) {
            return column <= index.columns().size() ? quoteIdent(index.columns().get(column - 1)) : "";
        }
        return index.definition();
    }

    private static String constraintDef(PgSession session, int oid) {
        PgCatalog.UserIndex index = index(session, oid);
        if (index != null) {
            return (index.primary() ? "PRIMARY KEY (" : "UNIQUE (") + String.join(", ", index.columns().stream().map(PgFunctions::quoteIdent).toList()) + ")";
        }
        for (PgCatalog.UserRelation r : PgCatalog.userRelations(session.catalog())) {
            for (ForeignKey k : r.table().design().foreignKeys()) {
                if (PgOids.foreignKeyOid(r.schema(), k.name()) == oid) {
                    return "FOREIGN KEY (" + String.join(", ", k.columns().stream().map(PgFunctions::quoteIdent).toList())
                            + ") REFERENCES " + quoteIdent(k.refTable())
                            + (k.refColumns().isEmpty() ? "" : "(" + String.join(", ",
                            k.refColumns().stream().map(PgFunctions::quoteIdent).toList()) + ")");
                }
            }
        }
        return null;
    }

    private static String viewDef(PgSession session, Object view) {
        if (view == null) {
            return null;
        }
        int oid = view instanceof Number n ? n.intValue() : regclass(session, view.toString());
        Relation r = relation(session, oid);
        return r == null || r.table() == null || !r.table().isView() ? null : r.table().viewSql();
    }

    /** pg_size_pretty as Postgres rounds it: bytes below 10 kB, then kB, MB, GB, TB, each below 20480 of its unit. */
    static String sizePretty(long size) {
        long limit = 10 * 1024;
        long limit2 = limit * 2 - 1;
        if (Math.abs(size) < limit) {
            return size + " bytes";
        }
        size >>= 9;
        for (String unit : List.of("kB", "MB", "GB", "TB")) {
            if (Math.abs(size) < limit2 || unit.equals("TB")) {
                return (size + (size < 0 ? -1 : 1)) / 2 + " " + unit;
            }
            size >>= 10;
        }
        return size + " PB";
    }
}

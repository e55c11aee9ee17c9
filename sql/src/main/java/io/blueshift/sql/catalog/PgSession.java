package io.blueshift.sql.catalog;

import io.blueshift.storage.catalog.Catalog;
import io.blueshift.storage.catalog.TableDef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * What the Postgres catalog relations and functions need to know about the session planning and
 * running a statement: its user ({@code current_user}, the owner shown for objects when the
 * catalog has no users), its database name, its {@code search_path} (which tables
 * {@code pg_table_is_visible}), its settings ({@code pg_settings}), its backend id, the database's
 * system views, the server's connections (pg_cancel_backend) and the tables' sizes. The session
 * hands it to the planners of each statement, which give it to the catalog relations and functions
 * they make: nothing reads it from the thread.
 */
public record PgSession(Catalog catalog, Principal principal, String database, List<String> searchPath,
                        Map<String, String> settings, int backendPid, Supplier<List<SystemViews.SystemView>> systemViewList,
                        Backends backends, ToLongFunction<TableDef> tableSizes) {
    /** What an embedded session without a name reports. */
    public static final String DEFAULT_DATABASE = "blueshift";

    /** A statement planned outside any session (tests, tools): the public schema, and no one, who is denied every privilege. */
    public static PgSession nobody(Catalog catalog) {
        return new PgSession(catalog, Principal.NOBODY, DEFAULT_DATABASE, List.of("public"), Map.of(), 0, List::of,
                Backends.NONE, t -> 0);
    }

    /** The system views (svv_table_info ...), views whose SQL is made when a query plans them. */
    public List<SystemViews.SystemView> systemViews() {
        return systemViewList.get();
    }

    /** The bytes a table's rows take (pg_relation_size, psql's \\dt+): on disk, or in memory for an in-memory database. */
    public long tableBytes(TableDef table) {
        return table.isView() || table.data() == null ? 0 : tableSizes.applyAsLong(table);
    }

    /** The name current_user returns. */
    public String user() {
        return principal.name();
    }

    /** The database name of a location: {@code mem:name} is name, a directory its last part, {@code mem:} the default. */
    public static String databaseName(String location) {
        if (location == null || location.equals("mem:") || location.isEmpty()) {
            return DEFAULT_DATABASE;
        }
        if (location.startsWith("mem:")) {
            return location.substring(4);
        }
        Path name = Path.of(location).getFileName();
        return name == null ? DEFAULT_DATABASE : name.toString();
    }

    /** The first schema of the search path that exists: current_schema(), where unqualified names resolve. */
    public String currentSchema() {
        for (String s : searchPath) {
            if (catalog.findSchema(s.equals("$user") ? user() : s) != null) {
                return s.equals("$user") ? user() : s;
            }
        }
        return Catalog.DEFAULT_SCHEMA;
    }

    /** The schemas of the search path, unquoted ({@code "$user"} stands for the user's name). */
    public static List<String> parseSearchPath(String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return List.of("public");
        }
        for (String part : value.split(",")) {
            String name = part.strip();
            if (name.startsWith("\"") && name.endsWith("\"") && name.length() > 1) {
                name = name.substring(1, name.length() - 1);
            } else {
                name = name.toLowerCase(Locale.ROOT);
            }
            if (!name.isEmpty()) {
                out.add(name);
            }
        }
        return out;
    }
}

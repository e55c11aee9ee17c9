package io.blueshift.sql.catalog;

import io.blueshift.columnar.BufferPool;
import io.blueshift.executor.ExecContext;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The configuration parameters a session has, as PostgreSQL 15 names and describes them: what
 * {@code SHOW}, {@code SET}, {@code pg_settings} and {@code current_setting()} agree on. A value is
 * checked and put in the form Postgres shows it when it is set ({@link #normalize}); settings
 * Blueshift does not honour are accepted only with the values that describe what it does
 * ({@code DateStyle} ISO, {@code IntervalStyle} postgres, {@code standard_conforming_strings} on,
 * encoding UTF8), so that a client never reads back a promise the engine does not keep.
 */
public final class PgSettings {
    /** Blueshift's setting of the memory one query may use. */
    public static final String QUERY_MEMORY_LIMIT = "query_memory_limit";

    /**
     * Memory one query may use unless the session says otherwise, as pg_settings lists it: half of
     * a database's default memory_limit (a quarter of the machine's memory), 256 MB at least. A
     * session's default is half of its own database's memory_limit.
     */
    public static final long DEFAULT_QUERY_MEMORY = Math.max(256L << 20, BufferPool.physicalMemory() / 4);

    /** The Postgres release clients are told (server_version, version()); the catalog has its columns. */
    public static final String SERVER_VERSION = "15.0";
    /** {@link #SERVER_VERSION} as server_version_num. */
    public static final String SERVER_VERSION_NUM = "150000";

    /**
     * The isolation Blueshift gives every transaction: snapshot isolation, which Postgres calls
     * repeatable read. A client asking for read committed gets it (a stronger level is allowed),
     * one asking for serializable is told what it gets.
     */
    public static final String ISOLATION = "repeatable read";

    /** How a parameter's values are checked. */
    public enum Kind { STRING, BOOL, INTEGER, ENUM, TIMEZONE, DATESTYLE, SEARCH_PATH, ENCODING, READ_ONLY }

    /**
     * One parameter: its name as Postgres spells it, the value a session starts with, Postgres's
     * short description, how values are checked, and for enums the accepted values (for integers
     * the range as "min..max"). {@code READ_ONLY} parameters describe the server.
     */
    public record Setting(String name, String defaultValue, String description, Kind kind, String unit, List<String> values) {
        public String vartype() {
            return switch (kind) {
                case BOOL -> "bool";
                case INTEGER -> "integer";
                case ENUM -> "enum";
                case STRING, TIMEZONE, DATESTYLE, SEARCH_PATH, ENCODING -> "string";
                case READ_ONLY -> defaultValue.matches("-?\\d+") ? "integer" : "string";
            };
        }

        public boolean readOnly() {
            return kind == Kind.READ_ONLY;
        }
    }

    private static final Map<String, Setting> SETTINGS = new LinkedHashMap<>();

    private static void add(String name, String value, Kind kind, String description, String... values) {
        SETTINGS.put(name.toLowerCase(Locale.ROOT), new Setting(name, value, description, kind, null, List.of(values)));
    }

    static {
        add("application_name", "", Kind.STRING, "Sets the application name to be reported in statistics and logs.");
        add("block_size", "8192", Kind.READ_ONLY, "Shows the size of a disk block.");
        add("bytea_output", "hex", Kind.ENUM, "Sets the output format for bytea.", "hex");
        add("client_encoding", "UTF8", Kind.ENCODING, "Sets the client's character set encoding.");
        add("client_min_messages", "notice", Kind.ENUM, "Sets the message levels that are sent to the client.",
                "debug5", "debug4", "debug3", "debug2", "debug1", "log", "notice", "warning", "error");
        add("DateStyle", "ISO, MDY", Kind.DATESTYLE, "Sets the display format for date and time values.");
        add("default_transaction_isolation", ISOLATION, Kind.ENUM,
                "Sets the transaction isolation level of each new transaction.",
                "serializable", "repeatable read", "read committed", "read uncommitted");
        add("default_transaction_read_only", "off", Kind.BOOL, "Sets the default read-only status of new transactions.");
        add("default_transaction_deferrable", "off", Kind.BOOL, "Sets the default deferrable status of new transactions.");
        add("enable_case_sensitive_identifier", "off", Kind.ENUM,
                "Redshift: whether quoted identifiers keep their case (Blueshift: always).", "off");
        add("enable_result_cache_for_session", "on", Kind.BOOL, "Redshift: whether query results are cached.");
        add("escape_string_warning", "on", Kind.BOOL, "Warn about backslash escapes in ordinary string literals.");
        add("extra_float_digits", "1", Kind.INTEGER, "Sets the number of digits displayed for floating-point values.", "-15..3");
        add("history_retention", "7 days", Kind.STRING, "Blueshift: how long VACUUM keeps table versions for time travel.");
        add("idle_in_transaction_session_timeout", "0", Kind.STRING,
                "Sets the maximum allowed idle time between queries, when in a transaction.");
        add("in_hot_standby", "off", Kind.READ_ONLY, "Shows whether hot standby is currently active.");
        add("integer_datetimes", "on", Kind.READ_ONLY, "Shows whether datetimes are integer based.");
        add("IntervalStyle", "postgres", Kind.ENUM, "Sets the display format for interval values.", "postgres");
        add("is_superuser", "on", Kind.READ_ONLY, "Shows whether the current user is a superuser.");
        add("jit", "off", Kind.BOOL, "Allow JIT compilation.");
        add("lc_collate", "C.UTF-8", Kind.READ_ONLY, "Shows the collation order locale.");
        add("lc_ctype", "C.UTF-8", Kind.READ_ONLY, "Shows the character classification and case conversion locale.");
        add("lc_messages", "C.UTF-8", Kind.STRING, "Sets the language in which messages are displayed.");
        add("lc_monetary", "C.UTF-8", Kind.STRING, "Sets the locale for formatting monetary amounts.");
        add("lc_numeric", "C.UTF-8", Kind.STRING, "Sets the locale for formatting numbers.");
        add("lc_time", "C.UTF-8", Kind.STRING, "Sets the locale for formatting date and time values.");
        add("lock_timeout", "0", Kind.STRING, "Sets the maximum allowed duration of any wait for a lock.");
        add("max_parallel_workers_per_gather", Integer.toString(ExecContext.WORKERS - 1), Kind.INTEGER,
                "Sets the maximum number of parallel processes per executor node (Blueshift: threads besides one).", "0..1024");
        add("max_connections", "500", Kind.READ_ONLY, "Sets the maximum number of concurrent connections.");
        add("max_identifier_length", "63", Kind.READ_ONLY, "Shows the maximum identifier length.");
        add("max_index_keys", "32", Kind.READ_ONLY, "Shows the maximum number of index keys.");
        add("query_group", "default", Kind.STRING, "Redshift: the label of the queue queries run in.");
        add(QUERY_MEMORY_LIMIT, (DEFAULT_QUERY_MEMORY >> 20) + "MB", Kind.STRING,
                "Blueshift: the memory one query may use (such as 2GB; by default half the database's memory_limit); past shares of it sorts, GROUP BYs, hash joins and windows spill to disk, past all of it the query fails with 53200.");
        add("search_path", "\"$user\", public", Kind.SEARCH_PATH,
                "Sets the schema search order for names that are not schema-qualified.");
        add("server_encoding", "UTF8", Kind.READ_ONLY, "Shows the server (database) character set encoding.");
        add("server_version", SERVER_VERSION, Kind.READ_ONLY, "Shows the server version.");
        add("server_version_num", SERVER_VERSION_NUM, Kind.READ_ONLY, "Shows the server version as an integer.");
        add("standard_conforming_strings", "on", Kind.ENUM, "Causes '...' strings to treat backslashes literally.", "on");
        add("statement_timeout", "0", Kind.STRING, "Sets the maximum allowed duration of any statement.");
        add("TimeZone", "UTC", Kind.TIMEZONE, "Sets the time zone for displaying and interpreting time stamps.");
        add("transaction_deferrable", "off", Kind.BOOL,
                "Whether to defer a read-only serializable transaction until it can be executed with no possible serialization failures.");
        add("transaction_isolation", ISOLATION, Kind.ENUM, "Sets the current transaction's isolation level.",
                "serializable", "repeatable read", "read committed", "read uncommitted");
        add("transaction_read_only", "off", Kind.BOOL, "Sets the current transaction's read-only status.");
        add("wlm_query_slot_count", "1", Kind.INTEGER, "Redshift: the number of query slots a query uses.", "1..50");
        add("work_mem", "4MB", Kind.STRING, "Sets the maximum memory to be used for query workspaces.");
    }

    private PgSettings() {
    }

    /** The parameter of that name (any case), or null. */
    public static Setting find(String name) {
        return SETTINGS.get(name.toLowerCase(Locale.ROOT));
    }

    /** Every parameter, sorted by name as SHOW ALL and pg_settings list them. */
    public static List<Setting> all() {
        List<Setting> out = new ArrayList<>(SETTINGS.values());
        out.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
        return out;
    }

    /**
     * A parameter's value for the session whose own values (lower-case names) are given: the
     * session's, else the default. transaction_isolation is what Blueshift gives, whatever was
     * asked.
     */
    public static String value(Setting s, Map<String, String> session) {
        if (s.name().equals("transaction_isolation")) {
            return ISOLATION;
        }
        String v = session.get(s.name().toLowerCase(Locale.ROOT));
        return v != null ? v : s.defaultValue();
    }

    /** 42704 for a name no parameter has. */
    public static BlueshiftException unrecognized(String name) {
        return new BlueshiftException(ErrorCode.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
    }

    /**
     * Checks a value given to SET (already unquoted; list values joined by ", ") and returns it in
     * the form SHOW prints: 22023 for a value Postgres rejects, 0A000 for one Blueshift cannot honour.
     */
    public static String normalize(Setting s, String value) {
        if (s.readOnly()) {
            throw new BlueshiftException(ErrorCode.CANT_CHANGE_RUNTIME_PARAM, "parameter \"" + s.name() + "\" cannot be changed");
        }
        String lower = value.strip().toLowerCase(Locale.ROOT);
        return switch (s.kind()) {
            case STRING -> value;
            case BOOL -> switch (lower) {
                case "on", "true", "yes", "1", "t", "y" -> "on";
                case "off", "false", "no", "0", "f", "n" -> "off";
                default -> throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE,
                        "parameter \"" + s.name() + "\" requires a Boolean value");
            };
            case INTEGER -> integer(s, lower);
            case ENUM -> enumValue(s, lower);
            case TIMEZONE -> timeZone(value);
            case DATESTYLE -> dateStyle(s, lower);
            case SEARCH_PATH -> searchPath(value);
            case ENCODING -> switch (lower.replace("-", "").replace("_", "")) {
                case "utf8", "unicode" -> "UTF8";
                case "sqlascii", "latin1", "win1252", "latin9", "euc_jp", "sjis" ->
                        throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "client_encoding " + value.strip());
                default -> throw invalid(s, value);
            };
            case READ_ONLY -> throw new AssertionError(s.name());
        };
    }

    private static BlueshiftException invalid(Setting s, String value) {
        return new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE,
                "invalid value for parameter \"" + s.name() + "\": \"" + value + "\"");
    }

    private static String integer(Setting s, String value) {
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid(s, value);
        }
        String[] range = s.values().getFirst().split("\\.\\.");
        if (n < Long.parseLong(range[0]) || n > Long.parseLong(range[1])) {
            throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, n + " is outside the valid range for parameter \""
                    + s.name() + "\" (" + range[0] + " .. " + range[1] + ")");
        }
        return Long.toString(n);
    }

    private static String enumValue(Setting s, String value) {
        String v = value.replaceAll("\\s+", " ");
        if (s.values().contains(v)) {
            return v;
        }
        if (s.name().equals("IntervalStyle") && List.of("sql_standard", "postgres_verbose", "iso_8601").contains(v)
                || s.name().equals("standard_conforming_strings") && List.of("off", "false", "no", "0").contains(v)
                || s.name().equals("enable_case_sensitive_identifier") && List.of("on", "true", "yes", "1").contains(v)
                || s.name().equals("bytea_output") && v.equals("escape")) {
            throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, s.name() + " = " + v);
        }
        if (s.name().equals("standard_conforming_strings") || s.name().equals("enable_case_sensitive_identifier")) {
            if (List.of("on", "true", "yes", "1", "off", "false", "no", "0").contains(v)) {
                return s.values().getFirst();
            }
            throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE,
                    "parameter \"" + s.name() + "\" requires a Boolean value");
        }
        throw invalid(s, value);
    }

    /**
     * A time zone name Java knows ({@code UTC}, {@code Europe/Paris}) as written, or an hour offset
     * ({@code -5}) in the form Postgres shows ({@code <-05>+05}).
     */
    private static String timeZone(String value) {
        String v = value.strip();
        if (v.matches("[+-]?\\d+(\\.\\d+)?")) {
            double hours = Double.parseDouble(v);
            long minutes = Math.round(hours * 60);
            if (Math.abs(minutes) > 15 * 60) {
                throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "invalid value for parameter \"TimeZone\": \"" + v + "\"");
            }
            String hh = String.format(Locale.ROOT, "%02d", Math.abs(minutes) / 60)
                    + (minutes % 60 == 0 ? "" : String.format(Locale.ROOT, ":%02d", Math.abs(minutes) % 60));
            return "<" + (minutes < 0 ? "-" : "+") + hh + ">" + (minutes < 0 ? "+" : "-") + hh;
        }
        try {
            ZoneId.of(v, ZoneId.SHORT_IDS);
            return v;
        } catch (DateTimeException e) {
            throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "invalid value for parameter \"TimeZone\": \"" + v + "\"");
        }
    }

    /** DateStyle: an output style (only ISO is produced) and a field order, shown as "ISO, MDY". */
    private static String dateStyle(Setting s, String value) {
        String order = "MDY";
        for (String part : value.split("\\s*,\\s*")) {
            switch (part.strip()) {
                case "iso" -> {
                }
                case "mdy", "us", "noneuropean", "non-european" -> order = "MDY";
                case "dmy", "euro", "european" -> order = "DMY";
                case "ymd" -> order = "YMD";
                case "sql", "postgres", "german" -> throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED,
                        "DateStyle " + part.strip().toUpperCase(Locale.ROOT) + " (only ISO)");
                default -> throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE,
                        "invalid value for parameter \"DateStyle\": \"" + value + "\"");
            }
        }
        return "ISO, " + order;
    }

    /**
     * search_path as Postgres shows it: names separated by ", ", unquoted names lower-cased,
     * quoted where they need it. One quoted string holding commas is taken as a list (what a
     * startup packet's {@code search_path=a,b} becomes).
     */
    private static String searchPath(String value) {
        StringBuilder out = new StringBuilder();
        for (String name : PgSession.parseSearchPath(value)) {
            out.append(out.isEmpty() ? "" : ", ").append(quoteIdent(name));
        }
        return out.toString();
    }

    /** An identifier as Postgres prints it: bare when it is lower-case letters, digits, _ and $. */
    public static String quoteIdent(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}

package io.blueshift.sql.session;

import io.blueshift.columnar.BufferPool;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.api.Result;
import io.blueshift.sql.api.StatusResult;
import io.blueshift.sql.catalog.PgSettings;
import io.blueshift.sql.parser.SqlScanner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A session's configuration parameters and the SET, SHOW and RESET statements over them, as
 * PostgreSQL 15 has them. Values are transactional as in Postgres: a SET inside a transaction
 * block is undone by ROLLBACK, and SET LOCAL (or SET TRANSACTION) lasts until the block ends.
 * Names are case-insensitive and kept lower-case; {@link PgSettings} knows the parameters.
 */
public final class SessionSettings {
    /** Values set for the session (lower-case names); a parameter not here has its default. */
    private final Map<String, String> values = new LinkedHashMap<>();
    /** SET LOCAL values, until the transaction block ends. */
    private final Map<String, String> local = new HashMap<>();
    /** {@link #values} as the block began, restored by ROLLBACK; null outside a block. */
    private Map<String, String> atBegin;
    /** Defaults of this session's database that differ from {@link PgSettings}' (lower-case names). */
    private final Map<String, String> defaults;

    /** Settings with {@link PgSettings}' defaults. */
    public SessionSettings() {
        this(Map.of());
    }

    /** Settings whose defaults are {@code defaults} (lower-case names) where given, else {@link PgSettings}'. */
    public SessionSettings(Map<String, String> defaults) {
        this.defaults = Map.copyOf(defaults);
    }

    /** The parameter's value as SHOW prints it, or null for an unknown name never set. */
    public String get(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        String v = local.get(key);
        if (v == null) {
            v = values.get(key);
        }
        PgSettings.Setting s = PgSettings.find(key);
        if (s == null) {
            return v;
        }
        if (v == null && (key.equals("transaction_read_only") || key.equals("transaction_deferrable"))) {
            return get("default_" + key);
        }
        if (v != null && !key.equals("transaction_isolation")) {
            return v;
        }
        return defaults.containsKey(key) ? defaults.get(key) : PgSettings.value(s, Map.of());
    }

    /** Every parameter's value (lower-case names): what pg_settings and current_setting() see. */
    public Map<String, String> effective() {
        Map<String, String> out = new LinkedHashMap<>();
        for (PgSettings.Setting s : PgSettings.all()) {
            out.put(s.name().toLowerCase(Locale.ROOT), get(s.name()));
        }
        values.forEach(out::putIfAbsent);
        local.forEach(out::putIfAbsent);
        return out;
    }

    public void begin() {
        atBegin = new LinkedHashMap<>(values);
    }

    /** The modes a block just begun was given (BEGIN READ ONLY ...): they last until it ends. */
    public void beginModes(Map<String, String> modes) {
        local.putAll(modes);
    }

    /** The modes of the open block, which COMMIT AND CHAIN gives the block that follows. */
    public Map<String, String> transactionModes() {
        Map<String, String> modes = new LinkedHashMap<>();
        for (String name : List.of("transaction_isolation", "transaction_read_only", "transaction_deferrable")) {
            String v = local.get(name);
            if (v != null) {
                modes.put(name, v);
            }
        }
        return modes;
    }

    /**
     * Whether the statement about to run is in a read-only transaction: the block's mode (BEGIN
     * READ ONLY, SET TRANSACTION READ ONLY) or, as every statement outside a block is a
     * transaction of its own, default_transaction_read_only.
     */
    public boolean readOnly() {
        return "on".equals(get("transaction_read_only"));
    }

    /** The block ended: SET LOCAL values go, and after a rollback the block's SETs too. */
    public void end(boolean committed) {
        if (!committed && atBegin != null) {
            values.clear();
            values.putAll(atBegin);
        }
        atBegin = null;
        local.clear();
    }

    // ---- SET --------------------------------------------------------------------------------

    /**
     * {@code SET [SESSION | LOCAL] name {TO | =} {value [, ...] | DEFAULT}}, {@code SET TIME ZONE},
     * {@code SET SCHEMA}, {@code SET NAMES}, {@code SET SESSION CHARACTERISTICS AS TRANSACTION ...}
     * and {@code SET TRANSACTION ...}. {@code inBlock}: whether a transaction block is open (SET
     * LOCAL outside one has no effect, as in Postgres).
     */
    public Result set(String text, boolean inBlock) {
        Tokens t = new Tokens(text);
        t.expect("set");
        boolean isLocal = false;
        if (t.accept("local")) {
            isLocal = true;
        } else if (t.peekIs("session") && !t.peekIs(1, "to") && !t.peekIs(1, "=")) {
            t.next();
            if (t.accept("characteristics")) {
                t.expect("as");
                t.expect("transaction");
                transactionModes(t, false, true);
                return new StatusResult("SET", -1);
            }
            if (t.accept("authorization")) {
                return new StatusResult("SET", -1);
            }
        }
        if (t.peekIs("transaction") && !t.peekIs(1, "to") && !t.peekIs(1, "=")) {
            t.next();
            if (t.accept("snapshot")) {
                throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "SET TRANSACTION SNAPSHOT");
            }
            transactionModes(t, inBlock, false);
            return new StatusResult("SET", -1);
        }
        String name;
        List<Item> items;
        if (t.peekIs("time") && t.peekIs(1, "zone")) {
            t.next();
            t.next();
            name = "timezone";
            items = t.accept("local") ? null : timeZoneValue(t);
        } else {
            if (t.peekIs("schema")) {
                t.next();
                name = "search_path";
            } else if (t.peekIs("names")) {
                t.next();
                name = "client_encoding";
            } else if (t.peekIs("role")) {
                t.next();
                name = "role";
            } else {
                name = t.name();
                if (!t.accept("to") && !t.accept("=")) {
                    throw t.syntaxError();
                }
            }
            items = t.accept("default") ? null : t.values();
        }
        t.end();
        assign(name, items, isLocal, inBlock);
        return new StatusResult("SET", -1);
    }

    /** A value as written: a single-quoted string, or a word or quoted identifier. */
    private record Item(String text, boolean string) {
    }

    private void assign(String name, List<Item> items, boolean isLocal, boolean inBlock) {
        if (name.equals("role")) {
            return;
        }
        PgSettings.Setting s = PgSettings.find(name);
        if (s == null && name.indexOf('.') < 0) {
            throw PgSettings.unrecognized(name);
        }
        String value = null;
        if (items != null) {
            if (s != null && s.kind() == PgSettings.Kind.SEARCH_PATH) {
                List<String> names = new ArrayList<>();
                for (Item item : items) {
                    // a string naming several schemas is a list: what a startup packet's search_path=a,b becomes
                    names.add(!item.string() || item.text().contains(",") ? item.text() : PgSettings.quoteIdent(item.text()));
                }
                value = PgSettings.normalize(s, String.join(", ", names));
            } else {
                List<String> plain = new ArrayList<>();
                for (Item item : items) {
                    plain.add(item.string() ? item.text() : unquoteIdentifier(item.text()));
                }
                String joined = String.join(", ", plain);
                value = s == null ? joined : PgSettings.normalize(s, joined);
            }
        } else if (s != null && s.readOnly()) {
            PgSettings.normalize(s, "");
        }
        if (value != null && name.equals("statement_timeout")) {
            StatementTimeout.millis(value);
        }
        if (value != null && name.equals(PgSettings.QUERY_MEMORY_LIMIT)) {
            memoryLimit(value);
        }
        if (isLocal) {
            if (inBlock) {
                local.put(name, value != null ? value : s != null ? s.defaultValue() : "");
            }
            return;
        }
        local.remove(name);
        if (value == null) {
            values.remove(name);
        } else {
            values.put(name, value);
        }
    }

    /** The bytes a value of query_memory_limit means (such as 2GB, 512MB, bytes); 22023 for another value or under 1MB. */
    public static long memoryLimit(String value) {
        long bytes;
        try {
            bytes = BufferPool.parseSize(value);
        } catch (IllegalArgumentException e) {
            throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE,
                    "invalid value for parameter \"" + PgSettings.QUERY_MEMORY_LIMIT + "\": \"" + value + "\" (a size such as 2GB or 512MB)");
        }
        if (bytes < 1L << 20) {
            throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE,
                    value + " is outside the valid range for parameter \"" + PgSettings.QUERY_MEMORY_LIMIT + "\" (1MB and more)");
        }
        return bytes;
    }

    /** A value item: quoted identifiers keep their quotes (search_path needs them), the rest is plain. */
    private static String unquoteIdentifier(String item) {
        if (item.length() > 1 && item.startsWith("\"") && item.endsWith("\"")) {
            return item.substring(1, item.length() - 1).replace("\"\"", "\"");
        }
        return item;
    }

    /** {@code SET TIME ZONE value}: a string, a number of hours, {@code INTERVAL '+02:00' HOUR TO MINUTE}, DEFAULT. */
    private static List<Item> timeZoneValue(Tokens t) {
        if (t.accept("default")) {
            return null;
        }
        if (t.accept("interval")) {
            String v = t.values().getFirst().text();
            t.accept("hour");
            if (t.accept("to")) {
                t.accept("minute");
            }
            String[] hm = v.strip().split(":");
            double hours = Double.parseDouble(hm[0]);
            if (hm.length > 1) {
                hours += Math.copySign(Integer.parseInt(hm[1]) / 60.0, hm[0].startsWith("-") ? -1 : 1);
            }
            return List.of(new Item(Double.toString(hours), true));
        }
        return t.values();
    }

    /**
     * The modes of SET TRANSACTION (for the open block only) and of SET SESSION CHARACTERISTICS
     * AS TRANSACTION (the defaults of later blocks): ISOLATION LEVEL ..., READ ONLY | READ WRITE,
     * [NOT] DEFERRABLE.
     */
    private void transactionModes(Tokens t, boolean inBlock, boolean session) {
        do {
            String name;
            String value;
            if (t.accept("isolation")) {
                t.expect("level");
                name = "transaction_isolation";
                if (t.accept("serializable")) {
                    value = "serializable";
                } else if (t.accept("repeatable")) {
                    t.expect("read");
                    value = "repeatable read";
                } else {
                    t.expect("read");
                    value = t.accept("committed") ? "read committed" : expectThen(t, "uncommitted", "read uncommitted");
                }
            } else if (t.accept("read")) {
                name = "transaction_read_only";
                value = t.accept("only") ? "on" : expectThen(t, "write", "off");
            } else if (t.accept("not")) {
                t.expect("deferrable");
                name = "transaction_deferrable";
                value = "off";
            } else {
                t.expect("deferrable");
                name = "transaction_deferrable";
                value = "on";
            }
            if (session) {
                values.put("default_" + name, value);
            } else if (inBlock) {
                local.put(name, value);
            }
        } while (t.accept(",") || t.peekIs("isolation") || t.peekIs("read") || t.peekIs("not") || t.peekIs("deferrable"));
        t.end();
    }

    private static String expectThen(Tokens t, String word, String value) {
        t.expect(word);
        return value;
    }

    // ---- SHOW and RESET ---------------------------------------------------------------------

    /**
     * {@code SHOW name}, {@code SHOW ALL} (name, setting, description), {@code SHOW TIME ZONE},
     * {@code SHOW TRANSACTION ISOLATION LEVEL}. The column is named as Postgres spells the
     * parameter ({@code TimeZone}, {@code DateStyle}).
     */
    public Result show(String text, String user) {
        Tokens t = new Tokens(text);
        t.expect("show");
        if (t.accept("all")) {
            t.end();
            List<Object[]> rows = new ArrayList<>();
            for (PgSettings.Setting s : PgSettings.all()) {
                rows.add(new Object[] {s.name(), get(s.name()), s.description()});
            }
            return TextResult.table(List.of("name", "setting", "description"), rows);
        }
        String name;
        if (t.peekIs("time") && t.peekIs(1, "zone")) {
            t.next();
            t.next();
            name = "timezone";
        } else if (t.peekIs("transaction") && t.peekIs(1, "isolation")) {
            t.next();
            t.next();
            t.expect("level");
            name = "transaction_isolation";
        } else if (t.peekIs("session") && t.peekIs(1, "authorization")) {
            t.next();
            t.next();
            t.end();
            return TextResult.of("session_authorization", new String[] {user});
        } else {
            name = t.name();
        }
        t.end();
        PgSettings.Setting s = PgSettings.find(name);
        String value = get(name);
        if (value == null) {
            throw PgSettings.unrecognized(name);
        }
        return TextResult.of(s != null ? s.name() : name, new String[] {value});
    }

    /** {@code RESET name}, {@code RESET ALL}, {@code RESET TIME ZONE}, RESET ROLE / SESSION AUTHORIZATION. */
    public Result reset(String text, boolean inBlock) {
        Tokens t = new Tokens(text);
        t.expect("reset");
        if (t.accept("all")) {
            t.end();
            values.clear();
            local.clear();
            return new StatusResult("RESET", -1);
        }
        if (t.accept("role") || t.peekIs("session") && t.peekIs(1, "authorization")) {
            return new StatusResult("RESET", -1);
        }
        String name;
        if (t.peekIs("time") && t.peekIs(1, "zone")) {
            t.next();
            t.next();
            name = "timezone";
        } else {
            name = t.name();
        }
        t.end();
        assign(name, null, false, inBlock);
        return new StatusResult("RESET", -1);
    }

    // ---- tokens -----------------------------------------------------------------------------

    /**
     * The words, quoted strings and identifiers of a SET, SHOW or RESET statement. Unquoted words
     * are lower-cased ({@link Locale#ROOT}); strings are unquoted; quoted identifiers keep their
     * double quotes.
     */
    private static final class Tokens {
        private final List<String> tokens = new ArrayList<>();
        /** Whether each token was a single-quoted string (then it is taken as written). */
        private final List<Boolean> strings = new ArrayList<>();
        private int at;

        Tokens(String text) {
            SqlScanner.checkTerminated(text);
            int i = 0;
            int n = text.length();
            while (i < n) {
                char c = text.charAt(i);
                SqlScanner.Region region = SqlScanner.regionAt(text, i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (region != SqlScanner.Region.CODE) {
                    int end = SqlScanner.skip(text, i);
                    switch (region) {
                        case STRING, ESCAPE_STRING, UNICODE_STRING, DOLLAR_QUOTE -> {
                            tokens.add(SqlScanner.stringValue(text, i, end));
                            strings.add(true);
                        }
                        case QUOTED_NAME -> {
                            tokens.add(text.substring(i, end));
                            strings.add(false);
                        }
                        case CODE, LINE_COMMENT, BLOCK_COMMENT -> {
                        }
                    }
                    i = end;
                } else if (c == ',' || c == '=') {
                    tokens.add(String.valueOf(c));
                    strings.add(false);
                    i++;
                } else {
                    int j = i;
                    while (j < n && !Character.isWhitespace(text.charAt(j)) && ",='\"".indexOf(text.charAt(j)) < 0) {
                        j++;
                    }
                    tokens.add(text.substring(i, j).toLowerCase(Locale.ROOT));
                    strings.add(false);
                    i = j;
                }
            }
        }

        boolean peekIs(String word) {
            return peekIs(0, word);
        }

        boolean peekIs(int ahead, String word) {
            return at + ahead < tokens.size() && !strings.get(at + ahead) && tokens.get(at + ahead).equals(word);
        }

        String next() {
            if (at >= tokens.size()) {
                throw syntaxError();
            }
            return tokens.get(at++);
        }

        boolean accept(String word) {
            if (peekIs(word)) {
                at++;
                return true;
            }
            return false;
        }

        void expect(String word) {
            if (!accept(word)) {
                throw syntaxError();
            }
        }

        /** A parameter name: a word, dotted words ({@code myapp.flag}), or a quoted identifier. */
        String name() {
            if (at >= tokens.size() || strings.get(at)) {
                throw syntaxError();
            }
            String name = unquoteIdentifier(next());
            return name.toLowerCase(Locale.ROOT);
        }

        /** The comma-separated values to the end. */
        List<Item> values() {
            List<Item> out = new ArrayList<>();
            do {
                if (at >= tokens.size() || tokens.get(at).equals(",") && !strings.get(at)) {
                    throw syntaxError();
                }
                boolean string = strings.get(at);
                out.add(new Item(next(), string));
            } while (accept(","));
            return out;
        }

        public void end() {
            if (at < tokens.size()) {
                throw syntaxError();
            }
        }

        BlueshiftException syntaxError() {
            String near = at < tokens.size() ? tokens.get(at) : null;
            return new BlueshiftException(ErrorCode.SYNTAX_ERROR,
                    near == null ? "syntax error at end of input" : "syntax error at or near \"" + near + "\"");
        }
    }
}

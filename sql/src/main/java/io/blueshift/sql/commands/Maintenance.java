package io.blueshift.sql.commands;

import io.blueshift.columnar.Interval;
import io.blueshift.executor.expr.Intervals;
import io.blueshift.sql.session.StatementContext;
import io.blueshift.sql.session.Words;
import io.blueshift.storage.History;
import io.blueshift.storage.StorageEngine;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.api.Result;
import io.blueshift.sql.api.StatusResult;
import io.blueshift.storage.catalog.SchemaDef;
import io.blueshift.storage.catalog.TableDef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ANALYZE and VACUUM: statements that maintain tables rather than change their rows. */
public final class Maintenance {
    private static final String IDENT = "(\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final Pattern NAME = Pattern.compile(IDENT + "(?:\\s*\\.\\s*" + IDENT + ")?\\s*(\\(.*\\))?", Pattern.DOTALL);

    private Maintenance() {
    }

    /**
     * {@code ANALYZE [VERBOSE] [table [(columns)]]}: computes the statistics the planner reads
     * (distinct counts, unique columns) for the current version of one table or all, and keeps
     * them with the table (persisted in a database directory).
     */
    public static Result analyze(StatementContext session, String text) {
        String rest = text.substring(7).strip();
        if (Words.first(rest).equals("verbose")) {
            rest = rest.substring(7).strip();
        }
        List<TableDef> tables = rest.isEmpty() ? allTables(session) : tables(session, rest);
        for (TableDef t : tables) {
            t.data().analyze();
        }
        session.storage().commit("ANALYZE");
        return new StatusResult("ANALYZE", -1);
    }

    /** How long VACUUM keeps versions older than the current one, unless the session sets {@code history_retention}. */
    static final String DEFAULT_RETENTION = "7 days";

    /**
     * {@code VACUUM [FULL | SORT ONLY | DELETE ONLY | REINDEX | RECLUSTER] [table [TO n PERCENT]] [BOOST]}:
     * rewrites the table (or every table) as full chunks, in sort key order unless DELETE ONLY,
     * then forgets versions older than the session's {@code history_retention} (an interval,
     * default 7 days) and deletes the segment files only they used.
     */
    public static Result vacuum(StatementContext session, String text) {
        if (session.inTransaction()) {
            throw new BlueshiftException(ErrorCode.ACTIVE_SQL_TRANSACTION, "VACUUM cannot run inside a transaction block");
        }
        String rest = text.substring(6).strip();
        boolean sort = true;
        boolean analyze = false;
        if (rest.startsWith("(")) {
            // Postgres' VACUUM (option [value], ...): ANALYZE is done, the rest is what a rewrite does anyway
            int close = rest.indexOf(')');
            if (close < 0) {
                throw new BlueshiftException(ErrorCode.SYNTAX_ERROR, "syntax error at end of input");
            }
            for (String option : rest.substring(1, close).split(",")) {
                String word = Words.first(option.strip());
                if (word.equals("analyze") || word.equals("analyse")) {
                    analyze = !option.strip().toLowerCase(Locale.ROOT).matches("\\w+\\s+(false|off|0)");
                } else if (!POSTGRES_VACUUM_OPTIONS.contains(word)) {
                    throw new BlueshiftException(ErrorCode.SYNTAX_ERROR, "unrecognized VACUUM option \"" + word + "\"");
                }
            }
            rest = rest.substring(close + 1).strip();
        }
        String word = Words.first(rest);
        if (word.equals("full") || word.equals("reindex") || word.equals("recluster")) {
            rest = rest.substring(word.length()).strip();
        } else if (word.equals("sort") || word.equals("delete")) {
            sort = word.equals("sort");
            rest = rest.substring(word.length()).strip();
            if (!Words.first(rest).equals("only")) {
                throw new BlueshiftException(ErrorCode.SYNTAX_ERROR, "syntax error at or near \"" + rest + "\": ONLY expected");
            }
            rest = rest.substring(4).strip();
        }
        // Postgres' VACUUM [FULL] [FREEZE] [VERBOSE] [ANALYZE]: a rewrite freezes nothing; ANALYZE is done too
        for (word = Words.first(rest); word.equals("freeze") || word.equals("verbose") || word.equals("analyze")
                || word.equals("analyse"); word = Words.first(rest)) {
            analyze |= word.startsWith("analy");
            rest = rest.substring(word.length()).strip();
        }
        rest = rest.replaceAll("(?i)\\s+boost\\s*$|^boost$", "").replaceAll("(?i)\\s+to\\s+\\d+\\s+percent\\s*$", "").strip();
        List<TableDef> tables = rest.isEmpty() ? allTables(session) : tables(session, rest);
        for (TableDef t : tables) {
            TableRewriter.rewrite(session, t, sort);
            if (analyze) {
                t.data().analyze();
            }
        }
        session.storage().commit("VACUUM");
        String retention = session.setting("history_retention");
        Interval keep = Intervals.parse(retention == null ? DEFAULT_RETENTION : retention);
        long keepMicros = (keep.months() * 30L + keep.days()) * 86_400_000_000L + keep.micros();
        session.storage().forgetVersionsBefore(Instant.now().toEpochMilli() * 1000 - keepMicros);
        return new StatusResult("VACUUM", -1);
    }

    /** Postgres' parenthesized VACUUM options other than ANALYZE, accepted and without effect here. */
    private static final List<String> POSTGRES_VACUUM_OPTIONS = List.of("full", "freeze", "verbose",
            "disable_page_skipping", "skip_locked", "index_cleanup", "process_main", "process_toast", "truncate",
            "parallel", "skip_database_stats", "only_database_stats", "buffer_usage_limit");

    /** A comma-separated list of tables ({@code name [(columns)]} each). */
    private static List<TableDef> tables(StatementContext session, String text) {
        List<TableDef> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ',';
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(table(session, text.substring(start, i)));
                start = i + 1;
            }
        }
        return out;
    }

    private static final Pattern RESTORE = Pattern.compile(
            "(?is)restore\\s+table\\s+(.+?)\\s+to\\s+(?:version\\s+(?:as\\s+of\\s+)?(\\d+)|timestamp\\s+(?:as\\s+of\\s+)?'([^']*)')\\s*");

    /**
     * {@code RESTORE TABLE name TO VERSION n | TO TIMESTAMP 'time'}: the table's rows become those
     * of that kept version again, as a new version (nothing is copied: the chunks of that version
     * are referenced where they lie). The columns must be those the table has now.
     */
    public static Result restore(StatementContext session, String text) {
        Matcher m = RESTORE.matcher(text);
        if (!m.matches()) {
            throw new BlueshiftException(ErrorCode.SYNTAX_ERROR,
                    "syntax error: RESTORE TABLE name TO VERSION n or TO TIMESTAMP 'time' expected");
        }
        if (session.inTransaction()) {
            throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "RESTORE inside a transaction block");
        }
        TableDef table = table(session, m.group(1));
        StorageEngine storage = session.storage();
        if (!storage.durable()) {
            throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "RESTORE of an in-memory database's table");
        }
        Matcher name = NAME.matcher(m.group(1).strip());
        name.matches();
        String schema = name.group(2) == null ? session.currentSchema() : fold(name.group(1));
        long version = m.group(2) != null ? Long.parseLong(m.group(2)) : storage.history().versionAt(History.micros(m.group(3)));
        storage.restore(schema, table, version);
        return new StatusResult("RESTORE", -1);
    }

    private static List<TableDef> allTables(StatementContext session) {
        List<TableDef> out = new ArrayList<>();
        for (SchemaDef s : session.catalog().schemas()) {
            for (TableDef t : s.tables().values()) {
                if (!t.isView()) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    private static String fold(String identifier) {
        return identifier.startsWith("\"") ? identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"")
                : identifier.toLowerCase(Locale.ROOT);
    }

    /** The table a statement names ({@code name} or {@code schema.name}, columns in parentheses ignored). */
    static TableDef table(StatementContext session, String text) {
        Matcher m = NAME.matcher(text.strip());
        if (!m.matches()) {
            throw new BlueshiftException(ErrorCode.SYNTAX_ERROR, "syntax error at or near \"" + text.strip() + "\"");
        }
        String schema = m.group(2) == null ? session.currentSchema() : fold(m.group(1));
        String name = fold(m.group(2) == null ? m.group(1) : m.group(2));
        SchemaDef s = session.catalog().findSchema(schema);
        TableDef t = s == null ? null : s.table(name);
        if (t == null || t.isView()) {
            throw new BlueshiftException(ErrorCode.UNDEFINED_TABLE, (m.group(2) == null ? "" : schema + ".") + name);
        }
        return t;
    }
}

package io.blueshift.sql;

import io.blueshift.columnar.MemoryPool;
import io.blueshift.storage.table.Deletes;
import io.blueshift.sql.api.Progress;
import io.blueshift.sql.catalog.LoadErrors;
import io.blueshift.sql.catalog.PgSession;
import io.blueshift.sql.commands.DmlExecutor;
import io.blueshift.sql.plan.SqlFrontEnd;
import io.blueshift.sql.plan.PlanCache;
import io.blueshift.storage.Transaction;
import io.blueshift.sql.files.Unloader;
import io.blueshift.sql.files.CopyLoader;
import io.blueshift.sql.commands.InsertExecutor;
import io.blueshift.sql.session.TextResult;
import io.blueshift.sql.commands.DdlExecutor;
import io.blueshift.storage.Slices;
import io.blueshift.sql.commands.Maintenance;
import io.blueshift.sql.session.QueryResult;
import io.blueshift.sql.session.SessionSettings;
import io.blueshift.sql.catalog.PgSettings;
import io.blueshift.sql.commands.MergeExecutor;
import io.blueshift.sql.commands.RedshiftShow;
import io.blueshift.sql.commands.External;
import io.blueshift.columnar.Batch;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.op.Operator;
import io.blueshift.executor.op.PhysicalOperator;
import io.blueshift.storage.table.MemTable;
import io.blueshift.storage.catalog.TableDef;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.kernels.string.TextCheck;
import io.blueshift.sql.api.PreparedStatementHandle;
import io.blueshift.sql.api.Result;
import io.blueshift.sql.api.SqlPositionException;
import io.blueshift.sql.api.ResultColumn;
import io.blueshift.sql.api.StatusResult;
import io.blueshift.storage.catalog.Catalog;
import io.blueshift.sql.catalog.Principal;
import io.blueshift.sql.plan.SqlFrontEnd;
import io.blueshift.sql.api.SqlPositionException;
import io.blueshift.sql.parser.SqlScanner;
import io.blueshift.sql.session.DeepStack;
import io.blueshift.sql.session.StatementContext;
import io.blueshift.sql.session.Statement;
import io.blueshift.sql.session.StatementRouter;
import io.blueshift.sql.session.StatementTimeout;
import io.blueshift.sql.session.Words;
import io.blueshift.storage.StorageEngine;
import io.blueshift.sql.physical.PhysicalPlanner;
import io.blueshift.sql.plan.PlannedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

/**
 * A connection's state and the entry point for statements: queries run on the vectorized
 * executor, DDL and INSERT change the catalog and tables. One statement at a time per session;
 * {@link #cancel} may be called from another thread. Errors are {@link BlueshiftException}s with
 * a Postgres SQLSTATE ({@link SqlPositionException} when they point into the statement text).
 */
public final class Session implements StatementContext, AutoCloseable {
    private final Database database;
    private final SessionSettings settings;
    /** The session's open cursors (DECLARE ... CURSOR), by name. */
    private final Cursors cursors = new Cursors(this);
    private volatile ExecContext running;
    /** Set by {@link #cancel} while a statement is being planned: it fails with 57014 before it runs. */
    private volatile boolean cancelRequested;
    private volatile boolean inStatement;
    /** Set by the statement timeout: the statement's cancel says so (57014 "... due to statement timeout"). */
    private volatile boolean timedOut;
    /** The armed statement timeout, if any; {@link #timeoutLock} guards it and {@link #statementNumber}. */
    private ScheduledFuture<?> timeout;
    private long statementNumber;
    private final Object timeoutLock = new Object();
    private boolean closed;
    /** The open transaction block, or null in autocommit. */
    private Transaction tx;
    /** Whether {@link #tx} is the implicit block of a string of several statements ({@link #beginImplicit}). */
    private boolean implicit;
    /**
     * Who this session runs as: the database's owner until a server says which user it
     * authenticated ({@link #setUser}); and the process id clients see (pg_backend_pid).
     */
    private volatile Principal principal = Principal.owner("blueshift");
    /** Set while a COPY reads the data its client sent, spooled by the server to a file of its own. */
    private volatile boolean clientData;
    private volatile int backendPid;
    private volatile String databaseName;
    /** The NOTICEs of the statements since the client last took them ({@link #takeNotices}). */
    private final List<String> notices = new ArrayList<>();

    Session(Database database) {
        this.database = database;
        // a query's own limit is half of what the database's queries may hold together
        this.settings = new SessionSettings(Map.of(PgSettings.QUERY_MEMORY_LIMIT.toLowerCase(Locale.ROOT),
                (database.memoryPool().limit() / 2 >> 20) + "MB"));
    }

    public Database database() {
        return database;
    }

    @Override
    public Result execute(String sql) {
        return execute(sql, List.of());
    }

    /**
     * Runs one statement with values for its {@code ?} parameters. Text holding several statements
     * is refused whole with 42601 (clients split it: the JDBC driver and the wire's simple Query
     * run each statement in turn), so that no statement after the first is ever dropped.
     */
    public Result execute(String sql, List<Object> parameters) {
        if (closed) {
            throw new BlueshiftException(ErrorCode.CONNECTION_DOES_NOT_EXIST, "the session is closed");
        }
        checkText(sql, parameters);
        String text = sql.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        if (text.isEmpty()) {
            return new StatusResult("", -1);
        }
        // a statement a command runs inside its own (UNLOAD's query, an external table's view)
        // keeps the outer statement's cancel: a cancel that arrived meanwhile still stops it
        boolean nested = inStatement;
        boolean resultTimed = false;
        if (!nested) {
            armTimeout();
            inStatement = true;
        }
        try {
            String statementText = text;
            Result result = !nested && DeepStack.needed(text)
                    ? DeepStack.call(() -> routeAndRun(statementText, parameters))
                    : routeAndRun(text, parameters);
            if (!nested && result instanceof QueryResult q && !q.isClosed() && q.context() == running) {
                // the query's rows stream as its reader asks: the statement, and its timeout, end with the result
                q.alsoOnClose(this::disarmTimeout);
                resultTimed = true;
            }
            return result;
        } catch (RuntimeException e) {
            if (tx != null) {
                tx.fail();
            }
            if (!nested && e instanceof SqlPositionException p) {
                throw p.inCharacters(sql, sql.length() - sql.stripLeading().length());
            }
            throw e;
        } catch (AssertionError e) {
            // a broken invariant (Calcite's planner checks its own with assertions) fails the
            // statement as the bug it is, not the connection or application that sent it
            if (tx != null) {
                tx.fail();
            }
            throw new BlueshiftException(ErrorCode.INTERNAL_ERROR, e, String.valueOf(e.getMessage()));
        } catch (StackOverflowError | OutOfMemoryError e) {
            if (tx != null) {
                tx.fail();
            }
            throw DeepStack.error(e);
        } finally {
            if (!nested) {
                inStatement = false;
                if (!resultTimed) {
                    disarmTimeout();
                }
            }
        }
    }

    /**
     * A statement starts: a cancel meant for the one before no longer applies, and the
     * {@code statement_timeout} in force now starts to count.
     */
    private void armTimeout() {
        long millis = StatementTimeout.millis(settings.get("statement_timeout"));
        synchronized (timeoutLock) {
            cancelRequested = false;
            timedOut = false;
            long number = ++statementNumber;
            if (timeout != null) {
                timeout.cancel(false);
                timeout = null;
            }
            if (millis > 0) {
                timeout = StatementTimeout.schedule(() -> timeOut(number), millis);
            }
        }
    }

    /** The statement ended: its timeout, if it fires late, cancels nothing. */
    private void disarmTimeout() {
        synchronized (timeoutLock) {
            statementNumber++;
            if (timeout != null) {
                timeout.cancel(false);
                timeout = null;
            }
        }
    }

    /** The statement timeout fired: statement {@code number}, if it still runs, fails with 57014. */
    private void timeOut(long number) {
        synchronized (timeoutLock) {
            if (number != statementNumber) {
                return;
            }
            timedOut = true;
            cancel(ErrorCode.STATEMENT_TIMEOUT);
        }
    }

    @Override
    public BlueshiftException cancellation() {
        return new BlueshiftException(timedOut ? ErrorCode.STATEMENT_TIMEOUT : ErrorCode.QUERY_CANCELED);
    }

    private Result routeAndRun(String sql, List<Object> parameters) {
        String text = SqlScanner.blankComments(sql);
        int second = SqlScanner.secondStatement(text);
        if (second >= 0) {
            throw new SqlPositionException(ErrorCode.SYNTAX_ERROR, second + 1, null,
                    "cannot insert multiple commands into a prepared statement");
        }
        PlannedQuery cached = database.planCache().find(planKey(text));
        if (cached != null) { // only queries are kept: no need to parse and route it again
            if (tx != null && tx.failed()) {
                throw new BlueshiftException(ErrorCode.IN_FAILED_SQL_TRANSACTION);
            }
            return query(cached, parameters, false);
        }
        Statement statement = StatementRouter.route(text, this);
        boolean endsBlock = statement instanceof Statement.Begin || statement instanceof Statement.Commit
                || statement instanceof Statement.Rollback;
        if (!endsBlock && tx != null && tx.failed()) {
            throw new BlueshiftException(ErrorCode.IN_FAILED_SQL_TRANSACTION);
        }
        if (settings.readOnly()) {
            String write = writes(statement, text);
            if (write != null) {
                throw new BlueshiftException(ErrorCode.READ_ONLY_SQL_TRANSACTION, write);
            }
        }
        return run(statement, parameters);
    }

    /**
     * What a statement that changes the database is called in Postgres' 25006 message ("cannot
     * execute INSERT in a read-only transaction"), or null for one a read-only transaction may run.
     * Queries, UNLOAD (as Postgres' COPY TO), settings, cursors, EXPLAIN, ANALYZE and VACUUM may.
     */
    private static String writes(Statement statement, String text) {
        return switch (statement) {
            case Statement.Insert i -> "INSERT";
            case Statement.Update u -> "UPDATE";
            case Statement.Delete d -> "DELETE";
            case Statement.Merge m -> "MERGE";
            case Statement.Copy c -> "COPY FROM";
            case Statement.Restore r -> "RESTORE";
            case Statement.CreateExternal c -> "CREATE EXTERNAL";
            case Statement.Definition d -> definitionTag(text);
            case Statement.Begin b -> null;
            case Statement.Commit c -> null;
            case Statement.Rollback r -> null;
            case Statement.SetVariable v -> null;
            case Statement.ResetVariable v -> null;
            case Statement.Show v -> null;
            case Statement.DeclareCursor c -> null;
            case Statement.FetchCursor c -> null;
            case Statement.CloseCursor c -> null;
            case Statement.Explain e -> null;
            case Statement.Analyze a -> null;
            case Statement.Vacuum v -> null;
            case Statement.Unload u -> null;
            case Statement.Query q -> null;
        };
    }

    /** A definition's tag as Postgres names it: CREATE TABLE, DROP VIEW, TRUNCATE TABLE, GRANT ... */
    private static String definitionTag(String text) {
        List<String> words = SqlScanner.keywords(text, 6);
        String first = words.getFirst().toUpperCase(Locale.ROOT);
        if (first.equals("TRUNCATE")) {
            return "TRUNCATE TABLE";
        }
        if (!first.equals("CREATE") && !first.equals("ALTER") && !first.equals("DROP")) {
            return first;
        }
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            if (!w.equals("or") && !w.equals("replace") && !w.equals("temp") && !w.equals("temporary")
                    && !w.equals("local") && !w.equals("unique") && !w.equals("materialized")) {
                return first + " " + w.toUpperCase(Locale.ROOT);
            }
        }
        return first;
    }

    /** COMMIT: a failed block rolls back (as in Postgres); a conflict fails with 40001 and rolls back. */
    private Result commit() {
        Transaction t = tx;
        if (t == null) {
            return new StatusResult("COMMIT", -1);
        }
        if (t.failed()) {
            endBlock(false);
            tx = null;
            t.rollback();
            return new StatusResult("ROLLBACK", -1);
        }
        try {
            // WITH HOLD cursors read the block's snapshot: they keep their rows before it goes
            cursors.hold();
        } catch (RuntimeException e) {
            endBlock(false);
            tx = null;
            t.rollback();
            throw e;
        }
        tx = null;
        if (t.hasChanges()) {
            try {
                database.storage().commit(t);
            } catch (RuntimeException e) {
                endBlock(false);
                t.rollback();
                throw e;
            }
        }
        endBlock(true);
        t.release();
        return new StatusResult("COMMIT", -1);
    }

    /**
     * A transaction block ends: its cursors close (WITH HOLD ones declared in it survive a commit),
     * its SET LOCAL values go, and a rollback undoes its SETs.
     */
    private void endBlock(boolean committed) {
        try {
            cursors.endBlock(committed);
        } finally {
            settings.end(committed);
        }
    }

    /** The user the session runs as: what current_user and session_user return. */
    @Override
    public String user() {
        return principal.name();
    }

    @Override
    public Principal principal() {
        return principal;
    }

    /**
     * Runs the session as database user {@code name} (a server does so once it has authenticated
     * the client); privileges are then that user's, as the catalog has them at each check.
     */
    public void setUser(String name) {
        this.principal = Principal.user(name);
    }

    /**
     * Runs the session as the database's owner under the name {@code name}: a server does so for
     * every client of a database that has no users yet and that it serves without authentication.
     */
    public void setOwner(String name) {
        this.principal = Principal.owner(name);
    }

    /** The database's name as clients see it (current_database()): the server's, or the directory's. */
    @Override
    public String databaseName() {
        return databaseName != null ? databaseName : PgSession.databaseName(database.location());
    }

    public void setDatabaseName(String name) {
        this.databaseName = name;
    }

    /** The id a server gave this connection (pg_backend_pid()); 0 for embedded sessions. */
    public int backendPid() {
        return backendPid;
    }

    public void setBackendPid(int pid) {
        this.backendPid = pid;
    }

    private volatile Consumer<Progress> progressListener;

    /** Receives the progress of long statements (COPY, UNLOAD) on their own threads; null: none. */
    public void setProgressListener(Consumer<Progress> listener) {
        this.progressListener = listener;
    }

    @Override
    public void progress(Progress p) {
        Consumer<Progress> l = progressListener;
        if (l != null) {
            l.accept(p);
        }
    }

    @Override
    public void notice(String message) {
        synchronized (notices) {
            notices.add(message);
        }
    }

    /** The NOTICEs statements raised since the last call, oldest first; the list is emptied. */
    public List<String> takeNotices() {
        synchronized (notices) {
            if (notices.isEmpty()) {
                return List.of();
            }
            List<String> out = List.copyOf(notices);
            notices.clear();
            return out;
        }
    }

    /**
     * Runs a COPY FROM a file a server wrote with data its client sent (COPY FROM STDIN): any user
     * may, where COPY from other server files needs a superuser.
     */
    public Result copyClientData(String copySql) {
        clientData = true;
        try {
            return execute(copySql);
        } finally {
            clientData = false;
        }
    }

    @Override
    public void requireServerFiles(String what) {
        if (!clientData) {
            principal.requireServerFiles(database.catalog(), what);
        }
    }

    @Override
    public Catalog catalog() {
        return database.catalog();
    }

    @Override
    public SqlFrontEnd frontEnd() {
        return frontEnd(null);
    }

    @Override
    public SqlFrontEnd frontEnd(TableDef rowIds) {
        return new SqlFrontEnd(database.catalog(), currentSchema(), rowIds, pgSession());
    }

    @Override
    public MemoryPool memoryPool() {
        return database.memoryPool();
    }

    @Override
    public StorageEngine storage() {
        return database.storage();
    }

    @Override
    public BufferAllocator newTableAllocator(String name) {
        return database.newTableAllocator(name);
    }

    @Override
    public LoadErrors loadErrors() {
        return database.loadErrors();
    }

    /** Whether a cancel arrived for the running statement (long statements check it between steps). */
    @Override
    public boolean cancelRequested() {
        return cancelRequested;
    }

    /** Whether the open transaction block has failed: statements get 25P02 until ROLLBACK. */
    public boolean transactionFailed() {
        return tx != null && tx.failed();
    }

    /** Whether a transaction block is open. */
    @Override
    public boolean inTransaction() {
        return tx != null;
    }

    /** The version of a table this session reads: its transaction's view, or the current version. */
    @Override
    public MemTable.Version view(MemTable table) {
        return tx != null ? tx.view(table) : table.version();
    }

    /** Applies a change to a table's rows, or records it in the open transaction. */
    @Override
    public void change(TableDef table, Map<Batch, Deletes> deleted, List<Batch> added) {
        added = Slices.assign(database.memoryPool(), table, added);
        if (tx != null) {
            tx.change(table, deleted, added);
        } else {
            database.storage().apply(table, deleted, added);
        }
    }

    @Override
    public void onRollback(Runnable action) {
        if (tx != null) {
            tx.onRollback(action);
        }
    }

    /** After a statement changed rows: durable now in autocommit, at COMMIT inside a transaction. */
    @Override
    public void committed(String operation) {
        if (tx == null) {
            database.storage().commit(operation);
        }
    }

    /** Runs a routed statement: one case per kind of statement, each handed to its command. */
    private Result run(Statement statement, List<Object> parameters) {
        return switch (statement) {
            case Statement.Begin b -> {
                if (tx == null) {
                    begin(b.modes());
                } else if (implicit) {
                    // as in Postgres, BEGIN turns the string's implicit block into a block of its own
                    implicit = false;
                    settings.beginModes(b.modes());
                }
                yield new StatusResult("BEGIN", -1);
            }
            case Statement.Commit c -> {
                Map<String, String> modes = chainModes(c.chain(), "COMMIT");
                endsImplicit();
                Result r = commit();
                if (modes != null) {
                    begin(modes);
                }
                yield r;
            }
            case Statement.Rollback r -> {
                Map<String, String> modes = chainModes(r.chain(), "ROLLBACK");
                endsImplicit();
                if (tx != null) {
                    endBlock(false);
                    tx.rollback();
                    tx = null;
                }
                if (modes != null) {
                    begin(modes);
                }
                yield new StatusResult("ROLLBACK", -1);
            }
            case Statement.SetVariable s -> settings.set(s.text(), tx != null);
            case Statement.ResetVariable r -> settings.reset(r.text(), tx != null);
            case Statement.Show s -> {
                Result redshift = RedshiftShow.execute(this, s.text());
                yield redshift != null ? redshift : settings.show(s.text(), principal.name());
            }
            case Statement.DeclareCursor d -> cursors.declare(d.text(), parameters);
            case Statement.FetchCursor f -> cursors.fetch(f.text(), f.move());
            case Statement.CloseCursor c -> cursors.close(c.text());
            case Statement.Explain e -> explain(e.text());
            case Statement.Analyze a -> Maintenance.analyze(this, a.text());
            case Statement.Vacuum v -> Maintenance.vacuum(this, v.text());
            case Statement.Restore r -> Maintenance.restore(this, r.text());
            case Statement.CreateExternal c -> External.create(this, c.definition());
            case Statement.Unload u -> Unloader.unload(this, u.unload());
            case Statement.Copy c -> CopyLoader.load(this, c.copy());
            case Statement.Merge m -> MergeExecutor.execute(this, m.text(), m.merge(), parameters);
            case Statement.Definition d -> {
                Result r = new DdlExecutor(this).execute(d.ddl());
                String tag = r.commandTag();
                database.storage().commit(tag.startsWith("SELECT") ? "CREATE TABLE AS" : tag);
                yield r;
            }
            case Statement.Insert i -> {
                Result r = new InsertExecutor(this).execute(i.text(), i.insert(), parameters);
                committed("INSERT");
                yield r;
            }
            case Statement.Delete d -> DmlExecutor.delete(this, d.text(), d.delete(), parameters);
            case Statement.Update u -> DmlExecutor.update(this, u.text(), u.update(), parameters);
            case Statement.Query q -> query(plan(q.text(), () -> q.frontEnd().plan(q.text(), q.query())), parameters, false);
        };
    }

    /** The plan of query {@code sql}: the database's cached one where it holds, else {@code planner}'s. */
    PlannedQuery plan(String sql, Supplier<PlannedQuery> planner) {
        return database.planCache().plan(planKey(sql), planner);
    }

    private PlanCache.Key planKey(String sql) {
        return new PlanCache.Key(sql, currentSchema(), PgSession.parseSearchPath(settings.get("search_path")),
                principal.name(), settings.effective());
    }

    /**
     * Statement text and the text of parameters enter the engine as Postgres' UTF8 databases take
     * them: no NUL, no half of a surrogate pair (22021). The wire server checks the bytes it is sent
     * before it decodes them; this is the check every client path shares.
     */
    static void checkText(String sql, List<Object> parameters) {
        TextCheck.check(sql);
        checkParameters(parameters);
    }

    static void checkParameters(List<Object> parameters) {
        for (Object p : parameters) {
            if (p instanceof String s) {
                TextCheck.check(s);
            }
        }
    }

    /**
     * A statement of a string of several starts (the wire's simple Query, the JDBC driver's execute
     * of such a string; called before each): outside a block the statements run in one implicit
     * block, as in Postgres, so a failing statement undoes those before it. BEGIN in the string makes
     * the block explicit (it stays open after the string); COMMIT or ROLLBACK in it ends the block
     * there, with Postgres' "there is no transaction in progress", and the next statement opens
     * another. Nothing happens inside a block.
     */
    public void beginImplicit() {
        if (tx == null && !closed) {
            begin(Map.of());
            implicit = true;
        }
    }

    /**
     * The string of {@link #beginImplicit} has ended: its implicit block, if still open, commits
     * (a conflict fails with 40001 and rolls back) or, when a statement {@code failed}, rolls back.
     */
    public void endImplicit(boolean failed) {
        if (!implicit) {
            return;
        }
        implicit = false;
        if (failed || tx.failed()) {
            endBlock(false);
            Transaction t = tx;
            tx = null;
            t.rollback();
        } else {
            commit();
        }
    }

    /** COMMIT or ROLLBACK inside a string's implicit block ends it, with Postgres' warning that no block was begun. */
    private void endsImplicit() {
        if (implicit) {
            implicit = false;
            notice("there is no transaction in progress");
        }
    }

    /** Opens a transaction block with the modes BEGIN gave it. */
    private void begin(Map<String, String> modes) {
        tx = database.storage().begin();
        settings.begin();
        settings.beginModes(modes);
    }

    /**
     * The modes of the block that COMMIT or ROLLBACK AND CHAIN opens next (the ending block's), or
     * null without AND CHAIN; AND CHAIN outside a block is 25P01, as in Postgres.
     */
    private Map<String, String> chainModes(boolean chain, String what) {
        if (!chain) {
            return null;
        }
        if (tx == null || implicit) {
            throw new BlueshiftException(ErrorCode.NO_ACTIVE_SQL_TRANSACTION,
                    what + " AND CHAIN can only be used in transaction blocks");
        }
        return settings.transactionModes();
    }

    /** Parses and checks a statement once; its executions re-run it with new parameter values. */
    public PreparedStatementHandle prepare(String sql) {
        checkText(sql, List.of());
        armTimeout();
        inStatement = true;
        try {
            Prepared p = DeepStack.needed(sql) ? DeepStack.call(() -> new Prepared(this, sql)) : new Prepared(this, sql);
            if (cancelRequested) {
                throw cancellation();
            }
            return p;
        } catch (SqlPositionException e) {
            throw e.inCharacters(sql, sql.length() - sql.stripLeading().length());
        } catch (AssertionError e) {
            throw new BlueshiftException(ErrorCode.INTERNAL_ERROR, e, String.valueOf(e.getMessage()));
        } catch (StackOverflowError | OutOfMemoryError e) {
            throw DeepStack.error(e);
        } finally {
            inStatement = false;
            disarmTimeout();
        }
    }

    /** This session as the pg_catalog relations and functions see it. */
    private PgSession pgSession() {
        return new PgSession(database.catalog(), principal, databaseName(),
                PgSession.parseSearchPath(settings.get("search_path")), settings.effective(), backendPid,
                database::systemViews, database.backends(), database::tableBytes);
    }

    /** Cancels the statement running in this session, if any (from any thread): it fails with 57014. */
    public void cancel() {
        cancel(ErrorCode.QUERY_CANCELED);
    }

    private void cancel(ErrorCode reason) {
        if (inStatement) {
            cancelRequested = true;
        }
        ExecContext ctx = running;
        if (ctx != null) {
            ctx.cancel(reason);
        }
    }

    /**
     * The query of a cursor (DECLARE ... FOR query): it runs like any query, except that it is not
     * the statement {@link #cancel} stops while it waits between FETCHes ({@link #cursorRunning}).
     */
    Result cursorQuery(String sql, List<Object> parameters) {
        SqlFrontEnd frontEnd = frontEnd();
        SqlNode parsed = frontEnd.parse(sql);
        if (!parsed.getKind().belongsTo(SqlKind.QUERY)) {
            throw new BlueshiftException(ErrorCode.SYNTAX_ERROR, "DECLARE CURSOR needs a SELECT or VALUES query");
        }
        return query(frontEnd.plan(sql, parsed), parameters, false, true);
    }

    /** A FETCH reads a cursor's query (null: it is done): a cancel stops that query. */
    void cursorRunning(Result cursorQuery) {
        running = cursorQuery instanceof QueryResult q ? q.context() : null;
        if (running != null && cancelRequested) {
            running.cancel(timedOut ? ErrorCode.STATEMENT_TIMEOUT : ErrorCode.QUERY_CANCELED);
        }
    }

    /** The memory each query may use: {@code query_memory_limit} (default: the database's share for one query). */
    @Override
    public long queryMemoryLimit() {
        return SessionSettings.memoryLimit(settings.get(PgSettings.QUERY_MEMORY_LIMIT));
    }

    /** The memory each query of this session may use from now on (off-heap buffers and the heap its values take). */
    public void setQueryMemoryLimit(long bytes) {
        settings.set("set " + PgSettings.QUERY_MEMORY_LIMIT + " = '" + bytes + "'", false);
    }

    /** Runs a planned query: the result streams batches of the declared column types. */
    @Override
    public Result query(PlannedQuery plan, List<Object> parameters, boolean analyze) {
        return query(plan, parameters, analyze, false);
    }

    private Result query(PlannedQuery plan, List<Object> parameters, boolean analyze, boolean cursor) {
        if (cancelRequested) {
            throw cancellation();
        }
        QueryMemory memory = database.memoryPool().newQuery("query", queryMemoryLimit());
        ExecContext ctx = new ExecContext(memory, parameters, Instant.now()).withSpill(database.spillDirectory());
        if (tx != null) {
            ctx.withVersions(tx::view);
        }
        if (cancelRequested) {
            ctx.cancel(timedOut ? ErrorCode.STATEMENT_TIMEOUT : ErrorCode.QUERY_CANCELED);
        }
        Operator root = null;
        QueryResult result;
        try {
            PhysicalOperator physical;
            synchronized (plan) { // a cached plan's metadata is shared by the sessions that run it
                physical = PhysicalPlanner.castTo(new PhysicalPlanner(ctx, analyze, pgSession()).plan(plan.rel()),
                        plan.sqlTypes());
            }
            root = physical.instantiate(ctx);
            List<ResultColumn> columns = plan.resultColumns();
            Runnable onClose = cursor ? () -> { } : () -> running = null;
            if (!cursor) {
                running = ctx;
            }
            result = new QueryResult(columns, root, memory, ctx, onClose, plan.depth() > DeepStack.SHALLOW_PLAN_DEPTH);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            running = null;
            try {
                if (root != null) {
                    root.close();
                }
                ctx.closeTracked();
                memory.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        result.prefetch();
        return result;
    }

    private Result explain(String text) {
        String rest = text.substring("explain".length()).strip();
        boolean analyze = false;
        if (Words.first(rest).equals("analyze") || Words.first(rest).equals("analyse")) {
            analyze = true;
            rest = rest.substring(7).strip();
        }
        if (Words.first(rest).equals("verbose")) {
            rest = rest.substring(7).strip();
        }
        SqlFrontEnd frontEnd = frontEnd();
        long planStart = System.nanoTime();
        String query = rest;
        boolean[] fresh = {false};
        PlannedQuery plan = plan(query, () -> {
            fresh[0] = true;
            return frontEnd.plan(query);
        });
        double planningMs = (System.nanoTime() - planStart) / 1e6;
        QueryMemory memory = database.memoryPool().newQuery("explain", queryMemoryLimit());
        String lines;
        long start = System.nanoTime();
        try {
            ExecContext ctx = new ExecContext(memory, List.of(), Instant.now()).withSpill(database.spillDirectory());
            if (tx != null) {
                ctx.withVersions(tx::view);
            }
            Operator planned;
            try {
                synchronized (plan) {
                    planned = new PhysicalPlanner(ctx, analyze, pgSession()).plan(plan.rel()).instantiate(ctx);
                }
            } catch (RuntimeException e) {
                ctx.closeTracked();
                throw e;
            }
            try (Operator root = planned) {
                if (analyze) {
                    for (Batch b = root.next(); b != null; b = root.next()) {
                        b.close();
                    }
                }
                lines = PhysicalPlanner.explain(root);
            }
            if (analyze) {
                lines += String.format(Locale.ROOT, "Planning time: %.3f ms%s%nPeak memory: %d bytes%nExecution time: %.3f ms%n",
                        planningMs, fresh[0] ? "" : " (cached plan)",
                        memory.peak(), (System.nanoTime() - start) / 1e6);
            }
        } finally {
            memory.close();
        }
        return TextResult.of("QUERY PLAN", lines.split("\n"));
    }

    /**
     * The schema unqualified names resolve in and new tables go to: the first schema of the
     * {@code search_path} setting that exists, as in Postgres (only that one is searched).
     */
    @Override
    public String currentSchema() {
        for (String name : PgSession.parseSearchPath(settings.get("search_path"))) {
            if (name.equals("$user")) {
                name = principal.name();
            }
            if (database.catalog().findSchema(name) != null) {
                return name;
            }
        }
        return Catalog.DEFAULT_SCHEMA;
    }

    /** A configuration parameter's value as SHOW prints it (any case of its name), or null for an unknown one. */
    @Override
    public String setting(String name) {
        return settings.get(name);
    }

    @Override
    public void close() {
        closed = true;
        cancel();
        try {
            cursors.closeAll();
        } finally {
            if (tx != null) {
                tx.rollback();
                tx = null;
            }
        }
    }
}

package io.blueshift.executor;

import io.blueshift.storage.format.SpillDirectory;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.storage.table.MemTable;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * What one running query shares with all its operators and expressions: its memory (every vector
 * it allocates counts against the query's limit), the values of its {@code ?} parameters, the
 * statement's start time (what {@code now()} returns, fixed for the statement as in Postgres), and
 * a cancellation flag that operators check between batches.
 */
public final class ExecContext {
    /**
     * Rows per batch that operators aim for: 4096, or the system property
     * {@code blueshift.batchRows} (CI runs the sqllogictest corpus again with 3, so that every
     * operator meets batch boundaries inside small inputs).
     */
    public static final int BATCH_ROWS = batchRows(System.getProperty("blueshift.batchRows"));

    static int batchRows(String property) {
        if (property == null || property.isBlank()) {
            return 4096;
        }
        int rows;
        try {
            rows = Integer.parseInt(property.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("blueshift.batchRows must be a whole number, not '" + property + "'", e);
        }
        if (rows < 1 || rows > 1 << 20) {
            throw new IllegalArgumentException("blueshift.batchRows must be between 1 and " + (1 << 20) + ", not " + rows);
        }
        return rows;
    }

    /**
     * Whether sorts, GROUP BYs, hash joins and windows spill whatever their size: the system
     * property {@code blueshift.forceSpill} (as DuckDB's {@code debug_force_external}; CI runs
     * the sqllogictest corpus again with it), so that every query takes the paths of a query
     * larger than its memory. The operators of spilled partitions still spill only when they must.
     */
    public static final boolean FORCE_SPILL = Boolean.getBoolean("blueshift.forceSpill");

    /**
     * How many workers a parallel pipeline runs on: the machine's cores, or the system property
     * {@code blueshift.threads} (1 turns parallel execution off).
     */
    public static final int WORKERS = Math.max(1, Integer.getInteger("blueshift.threads",
            Runtime.getRuntime().availableProcessors()));

    private final QueryMemory memory;
    private final List<Object> parameters;
    private final Instant statementStart;
    private volatile boolean cancelled;
    /** Why the query was cancelled: a user's request (a CancelRequest, Statement.cancel) or a statement timeout. */
    private volatile ErrorCode cancelReason = ErrorCode.QUERY_CANCELED;
    private Function<MemTable, MemTable.Version> versions =
            MemTable::version;
    /** Where operators spill: the database's folder, else one temporary folder for contexts made without one. */
    private SpillDirectory spill = Unattached.SPILL;

    /** The spill folder of contexts made without a database (tests, tools): made on first use. */
    private static final class Unattached {
        static final SpillDirectory SPILL = SpillDirectory.temporary();
    }

    public ExecContext(QueryMemory memory, List<Object> parameters, Instant statementStart) {
        this.memory = memory;
        this.parameters = parameters;
        this.statementStart = statementStart;
    }

    /**
     * Reads tables as {@code versions} says (a transaction's snapshot and its own changes) instead
     * of their current versions.
     */
    public ExecContext withVersions(Function<MemTable,
            MemTable.Version> versions) {
        this.versions = versions;
        return this;
    }

    /** Spills to {@code directory} (the database's). */
    public ExecContext withSpill(SpillDirectory directory) {
        this.spill = directory;
        return this;
    }

    /** Where this query's operators write what does not fit in its memory. */
    public SpillDirectory spill() {
        return spill;
    }

    /** The version of a table this query reads. */
    public MemTable.Version version(MemTable table) {
        return versions.apply(table);
    }

    private final List<AutoCloseable> tracked = Collections.synchronizedList(new ArrayList<>());

    /** Remembers an operator that holds something (a scan pins its table) to close if planning fails. */
    public void track(AutoCloseable resource) {
        tracked.add(resource);
    }

    /** Closes every tracked operator (closing twice is harmless): what a failed plan leaves behind. */
    public void closeTracked() {
        synchronized (tracked) {
            for (AutoCloseable c : tracked) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // the failure that stopped planning is the one to report
                }
            }
            tracked.clear();
        }
    }

    public QueryMemory memory() {
        return memory;
    }

    public Object parameter(int index) {
        if (index >= parameters.size()) {
            throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "no value bound for parameter $" + (index + 1));
        }
        return parameters.get(index);
    }

    public Instant statementStart() {
        return statementStart;
    }

    public void cancel() {
        cancel(ErrorCode.QUERY_CANCELED);
    }

    /** Cancels the query for {@code reason} (57014 with the user's request or the statement timeout as its message). */
    public void cancel(ErrorCode reason) {
        cancelReason = reason;
        cancelled = true;
    }

    /** Whether the query was cancelled: what a function that waits (pg_sleep) polls. */
    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Fails with 57014 once the query was cancelled; operators call it once per batch (a volatile
     * read), so a cancel stops the query within one batch's work.
     */
    public void checkCancelled() {
        if (cancelled) {
            throw new BlueshiftException(cancelReason);
        }
    }
}

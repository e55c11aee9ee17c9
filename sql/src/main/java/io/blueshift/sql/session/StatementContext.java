package io.blueshift.sql.session;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.MemoryPool;
import io.blueshift.storage.table.Deletes;
import io.blueshift.storage.table.MemTable;
import io.blueshift.sql.api.Progress;
import io.blueshift.sql.api.Result;
import io.blueshift.storage.catalog.Catalog;
import io.blueshift.sql.catalog.LoadErrors;
import io.blueshift.sql.catalog.Principal;
import io.blueshift.storage.catalog.TableDef;
import io.blueshift.sql.plan.PlannedQuery;
import io.blueshift.sql.plan.SqlFrontEnd;
import io.blueshift.storage.StorageEngine;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What a command sees of the statement it carries out (DataFusion's {@code TaskContext}, Trino's
 * {@code Session} handed to a task): the catalog, the snapshot it reads and where its changes go,
 * its memory, its cancel flag, and who is asking. Commands take this instead of the session that
 * implements it, so they cannot reach its state, and every privilege check goes through
 * {@link #principal()}: there is no ambient user to fall back on.
 */
public interface StatementContext {
    Catalog catalog();

    /** The schema unqualified names resolve in and new tables go to. */
    String currentSchema();

    /** Who runs the statement. */
    Principal principal();

    /** The name current_user returns. */
    default String user() {
        return principal().name();
    }

    /** The database's name as clients see it (current_database()). */
    String databaseName();

    /** A configuration parameter's value as SHOW prints it, or null for an unknown one. */
    String setting(String name);

    /** A parser and planner resolving names as this statement does, with its privileges. */
    SqlFrontEnd frontEnd();

    /** A front end in which {@code rowIds}, the target of an UPDATE, DELETE or MERGE, carries row ids. */
    SqlFrontEnd frontEnd(TableDef rowIds);

    MemoryPool memoryPool();

    /** The memory one query of this statement may use. */
    long queryMemoryLimit();

    /** Whether a cancel arrived (long statements check it between steps). */
    boolean cancelRequested();

    /** The error a statement stopped by a cancel fails with: 57014, saying whether a user or the statement timeout cancelled it. */
    default BlueshiftException cancellation() {
        return new BlueshiftException(ErrorCode.QUERY_CANCELED);
    }

    /**
     * A NOTICE for the client (Postgres' {@code ereport(NOTICE)}): something the statement accepted
     * and ignored, or did differently than asked. The wire sends it before the statement's result.
     */
    void notice(String message);

    /** Reports the progress of a long statement (COPY, UNLOAD); any thread may. */
    void progress(Progress progress);

    /** Whether a transaction block is open: changes are held until COMMIT. */
    boolean inTransaction();

    /** The version of a table this statement reads: its transaction's view, or the current version. */
    MemTable.Version view(MemTable table);

    /** Applies a change to a table's rows, or records it in the open transaction. */
    void change(TableDef table, Map<Batch, Deletes> deleted, List<Batch> added);

    /** Runs {@code action} if the open transaction block rolls back (nothing outside a block). */
    void onRollback(Runnable action);

    /** After a statement changed rows: durable now outside a block, at COMMIT inside one. */
    void committed(String operation);

    /** The storage engine, for what changes more than rows (retired tables, VACUUM, RESTORE). */
    StorageEngine storage();

    /** A child allocator for a new table's rows. */
    BufferAllocator newTableAllocator(String name);

    /** The rows COPY rejected (stl_load_errors). */
    LoadErrors loadErrors();

    /** Runs a planned query with values for its parameters. */
    Result query(PlannedQuery plan, List<Object> parameters, boolean analyze);

    /** Runs a statement of its own in the same session (a command built of other statements). */
    Result execute(String sql);

    /**
     * Fails with 42501 unless this statement may read or write files on the server: a superuser's
     * may, and so may a COPY reading the data its client sent, spooled by the server to a file.
     */
    void requireServerFiles(String what);
}

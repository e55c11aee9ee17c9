package io.blueshift.executor.op;

import io.blueshift.executor.ExecContext;
import io.blueshift.storage.table.MemTable;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the states instantiated from one plan for one run share beyond the query's
 * {@link ExecContext}: the {@link Morsels} of the scans whose chunks are split among workers (one
 * per scan plan, so N states of one scan plan take from one dispenser), the build sides of the
 * hash joins that those workers probe ({@link SharedHashBuild}) and the working tables of
 * recursive queries. A gather gives its workers a scope of their own, so a plan instantiated again
 * (a recursive query's next round) reads its table again from the first chunk.
 */
public final class WorkerContext {
    private final ExecContext ctx;
    private final Map<Object, Morsels> morsels = new IdentityHashMap<>();
    private final Map<Object, Object> shared = new IdentityHashMap<>();
    private final Map<Object, RepeatUnionOp.WorkingTable> workingTables;
    /** The spools of the query, in every scope: one computation of a subtree however many read it. */
    private final Map<Object, SpoolOp.Shared> spools;
    /** The runtime filter each join state made last, by its plan's key, in every scope. */
    private final Map<RuntimeFilter.Key, RuntimeFilter> runtimeFilters;

    public WorkerContext(ExecContext ctx) {
        this(ctx, new IdentityHashMap<>(), new IdentityHashMap<>(), new IdentityHashMap<>());
    }

    private WorkerContext(ExecContext ctx, Map<Object, RepeatUnionOp.WorkingTable> workingTables,
            Map<Object, SpoolOp.Shared> spools, Map<RuntimeFilter.Key, RuntimeFilter> runtimeFilters) {
        this.ctx = ctx;
        this.workingTables = workingTables;
        this.spools = spools;
        this.runtimeFilters = runtimeFilters;
    }

    public ExecContext ctx() {
        return ctx;
    }

    /** The scope of one gather's workers: fresh morsels and shared builds, the enclosing working tables. */
    public WorkerContext forWorkers() {
        return new WorkerContext(ctx, workingTables, spools, runtimeFilters);
    }

    /**
     * The chunk dispenser that every state of the scan plan {@code source} in this scope takes its
     * chunks from, made at the first request from the version of the table the query reads.
     */
    public synchronized Morsels morsels(Object source, MemTable table) {
        Morsels m = morsels.get(source);
        if (m == null) {
            m = new Morsels(ctx.version(table));
            morsels.put(source, m);
        }
        return m;
    }

    /**
     * What every state of the plan {@code source} in this scope shares (the build side of a hash
     * join whose probes run in parallel), made by {@code make} at the first request.
     */
    @SuppressWarnings("unchecked")
    public synchronized <T> T shared(Object source, Supplier<T> make) {
        Object made = shared.get(source);
        if (made == null) {
            made = make.get(); // may instantiate plans that ask this scope again
            shared.put(source, made);
        }
        return (T) made;
    }

    /**
     * The spool of plan {@code source} in this query, made by {@code make} at the first request;
     * {@code make} gets what forgets it (its last user's close), so a later request makes another.
     */
    SpoolOp.Shared spool(Object source, Function<Runnable, SpoolOp.Shared> make) {
        synchronized (spools) {
            SpoolOp.Shared made = spools.get(source);
            if (made == null) {
                made = make.apply(() -> {
                    synchronized (spools) {
                        spools.remove(source);
                    }
                });
                spools.put(source, made);
            }
            return made;
        }
    }

    /**
     * A fresh runtime filter for a join state of the plan with {@code key}, which the filter
     * states of its probe side made after this call find ({@link #runtimeFilter}).
     */
    RuntimeFilter newRuntimeFilter(RuntimeFilter.Key key) {
        RuntimeFilter f = new RuntimeFilter();
        synchronized (runtimeFilters) {
            runtimeFilters.put(key, f);
        }
        return f;
    }

    /** The runtime filter the last join state of the plan with {@code key} made, or null. */
    RuntimeFilter runtimeFilter(RuntimeFilter.Key key) {
        synchronized (runtimeFilters) {
            return runtimeFilters.get(key);
        }
    }

    /** Makes the working table a recursive query's states share, replacing an earlier one of the same key. */
    synchronized RepeatUnionOp.WorkingTable newWorkingTable(Object key) {
        RepeatUnionOp.WorkingTable t = new RepeatUnionOp.WorkingTable();
        workingTables.put(key, t);
        return t;
    }

    /** The working table made for {@code key} by the recursive query being instantiated. */
    synchronized RepeatUnionOp.WorkingTable workingTable(Object key) {
        RepeatUnionOp.WorkingTable t = workingTables.get(key);
        if (t == null) {
            throw new IllegalStateException("bug: working table scan instantiated outside its recursive query");
        }
        return t;
    }
}

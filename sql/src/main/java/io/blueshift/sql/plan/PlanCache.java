package io.blueshift.sql.plan;

import io.blueshift.storage.catalog.Catalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelVisitor;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;

/**
 * Optimized plans of queries, kept for the next run of the same text: parsing aside, a warm
 * TPC-H query spends 7-23 ms in validation, translation and the logical optimizer, as much as
 * many of them take to run (Redshift keeps its compiled plans too; dashboards send the same
 * queries over and over). A plan is found by its text and everything else its planning read
 * from the session (schema, search path, user, settings), and holds while the catalog's
 * {@link Catalog#version() version} does: any DDL and any committed change to a table's rows
 * empties the cache, since join orders and rewrites rest on row counts, zone maps and
 * uniqueness seen in the data. Only plans that read nothing else are kept ({@link
 * PlannedQuery#cacheable}): none with a dynamic or nondeterministic function (now(),
 * current_user, random()), a table function, a catalog relation or system view (their rows are
 * literals of the plan), or a table's earlier version, change feed or files. Physical planning
 * still happens per run, against the table versions the run reads. At most {@link #CAPACITY}
 * plans, the least recently used go first. Thread-safe.
 */
public final class PlanCache {
    /** Plans kept at most. */
    public static final int CAPACITY = 256;

    /** What a plan's text plans to besides the catalog: where names resolve, who asks, the settings. */
    public record Key(String sql, String schema, List<String> searchPath, String user, Map<String, String> settings) {
        public Key {
            searchPath = List.copyOf(searchPath);
            settings = Map.copyOf(settings);
        }
    }

    private final Catalog catalog;
    private final Map<Key, PlannedQuery> plans = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, PlannedQuery> eldest) {
            return size() > CAPACITY;
        }
    };
    /** The catalog version the kept plans were made at. */
    private long version = -1;
    private long hits;
    private long misses;

    public PlanCache(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The plan of {@code key}: the kept one if the catalog has not changed since, else {@code planner}'s, kept when it may be. */
    public PlannedQuery plan(Key key, Supplier<PlannedQuery> planner) {
        long at = catalog.version();
        PlannedQuery kept = find(key, at);
        if (kept != null) {
            return kept;
        }
        synchronized (this) {
            misses++;
        }
        PlannedQuery planned = planner.get();
        if (planned.cacheable()) {
            keep(key, planned, at);
        }
        return planned;
    }

    /** The kept plan of {@code key} if the catalog has not changed since it was made, else null. */
    public PlannedQuery find(Key key) {
        return find(key, catalog.version());
    }

    private synchronized PlannedQuery find(Key key, long at) {
        forgetBefore(at);
        PlannedQuery kept = at == version ? plans.get(key) : null;
        if (kept != null) {
            hits++;
        }
        return kept;
    }

    /** Keeps a plan made at version {@code at}, unless the catalog changed while it was made. */
    private synchronized void keep(Key key, PlannedQuery plan, long at) {
        if (catalog.version() != at) {
            return;
        }
        forgetBefore(at);
        if (at == version) {
            plans.put(key, plan);
        }
    }

    private void forgetBefore(long at) {
        if (at > version) {
            plans.clear();
            version = at;
        }
    }

    /** Lookups that found a plan. */
    public synchronized long hits() {
        return hits;
    }

    /** Plans made because none was kept. */
    public synchronized long misses() {
        return misses;
    }

    /** Plans kept now. */
    public synchronized int size() {
        return plans.size();
    }

    /**
     * Whether a plan's value is fixed by its text and the catalog: no dynamic or nondeterministic
     * function anywhere in it (sub-queries included) and no table function. Planning never folds a
     * dynamic function into a constant, so looking at the optimized plan is enough.
     */
    static boolean stable(RelNode rel) {
        boolean[] stable = {true};
        RexShuttle calls = new RexShuttle() {
            @Override
            public RexNode visitCall(RexCall call) {
                if (call.getOperator().isDynamicFunction() || !call.getOperator().isDeterministic()) {
                    stable[0] = false;
                }
                return super.visitCall(call);
            }

            @Override
            public RexNode visitSubQuery(RexSubQuery subQuery) {
                if (!stable(subQuery.rel)) {
                    stable[0] = false;
                }
                return super.visitSubQuery(subQuery);
            }
        };
        new RelVisitor() {
            @Override
            public void visit(RelNode node, int ordinal, RelNode parent) {
                if (node instanceof TableFunctionScan) {
                    stable[0] = false;
                }
                node.accept(calls);
                super.visit(node, ordinal, parent);
            }
        }.go(rel);
        return stable[0];
    }
}

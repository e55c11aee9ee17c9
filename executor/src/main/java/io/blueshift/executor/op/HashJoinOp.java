package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.expr.Expr;
import io.blueshift.kernels.Simd;
import io.blueshift.kernels.hash.KeyType;
import io.blueshift.kernels.join.JoinHashTable;
import io.blueshift.kernels.join.JoinProbe;
import io.blueshift.kernels.join.JoinType;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Equi-join: builds a {@link JoinHashTable} from the right input (all of it, in one batch), then
 * streams the left input through {@link JoinProbe}. Keys of the two sides have the same types (the
 * planner casts them). A residual condition (the non-equi part of ON) is applied to candidate
 * pairs; outer, semi and anti joins then follow the pairs that survived it. In a parallel pipeline
 * (a plan with {@code sharedBuild}) the workers' states probe one {@link SharedHashBuild}: INNER,
 * LEFT, SEMI and ANTI joins, which decide each left row on its own.
 */
public final class HashJoinOp extends BuildProbeJoin {
    private final int[] leftKeys;
    private final int[] rightKeys;
    private final Expr condition;
    private final SharedHashBuild shared;
    private final boolean showsBuild;
    private final int[] emitted;
    private RuntimeFilter runtime;
    private final int[] probeRows = new int[ExecContext.BATCH_ROWS];
    private final int[] buildRows = new int[ExecContext.BATCH_ROWS];
    private JoinHashTable table;
    private JoinProbe prober;

    public HashJoinOp(ExecContext ctx, Operator left, Operator right, int[] leftKeys, int[] rightKeys, JoinKind kind,
            Expr condition) {
        this(ctx, left, right, leftKeys, rightKeys, kind, condition, null);
    }

    /** A join emitting only the joined columns at {@code output} (null: all), as {@link Plan#output}. */
    HashJoinOp(ExecContext ctx, Operator left, Operator right, int[] leftKeys, int[] rightKeys, JoinKind kind,
            Expr condition, int[] output) {
        super(ctx, left, right, right.types(), kind, condition, output);
        this.leftKeys = leftKeys.clone();
        this.rightKeys = rightKeys.clone();
        this.condition = condition;
        this.shared = null;
        this.showsBuild = true;
        this.emitted = output;
    }

    /** A state probing a build side that the states of its parallel pipeline share. */
    HashJoinOp(ExecContext ctx, Operator left, SharedHashBuild shared, boolean showsBuild, int[] leftKeys,
            int[] rightKeys, JoinKind kind, Expr condition, int[] output) {
        super(ctx, left, null, shared.right().types(), kind, condition, output);
        this.leftKeys = leftKeys.clone();
        this.rightKeys = rightKeys.clone();
        this.condition = condition;
        this.shared = shared;
        this.showsBuild = showsBuild;
        this.emitted = output;
    }

    /** The hash table of {@code build}'s rows on its key columns {@code rightKeys}. */
    static JoinHashTable buildTable(ExecContext ctx, List<SqlType> rightTypes, int[] rightKeys, Batch build) {
        KeyType[] keyTypes = JoinKeys.types(rightTypes, rightKeys);
        JoinHashTable t = new JoinHashTable(ctx.memory(), false, Simd.ENABLED, Math.max(16, build.rowCount()), keyTypes);
        try {
            t.add(JoinKeys.columns(build, rightKeys, keyTypes), build.rowCount());
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
        return t;
    }

    @Override
    void takeBuild() {
        if (shared == null) {
            super.takeBuild();
            return;
        }
        JoinHashTable t = shared.table(ctx);
        build = shared.build();
        table = t;
        if (runtime != null) {
            runtime.publish(shared.keys());
        }
    }

    @Override
    void prepare() {
        table = buildTable(ctx, right.types(), rightKeys, build);
        if (runtime != null) {
            runtime.publish(RuntimeFilter.of(build, rightKeys, JoinKeys.types(right.types(), rightKeys)));
        }
    }

    /**
     * With a shared build, the right rows that no state's left rows matched, emitted by the last
     * state to finish its left input (the others emit none): each state's matches are merged into
     * the shared build's when it finishes.
     */
    @Override
    Batch unmatchedRight(Batch emptyLeft) {
        if (shared == null) {
            return super.unmatchedRight(emptyLeft);
        }
        BitSet all = shared.finishProbing(output.rightMatched);
        return all == null ? null : output.unmatchedRight(emptyLeft, build, all);
    }

    /** Fills {@code filter} with the build's keys once they are hashed, for the filters of the probe side. */
    HashJoinOp feeding(RuntimeFilter filter) {
        this.runtime = filter;
        return this;
    }

    @Override
    boolean probe(Batch probe) {
        int n = probe.rowCount();
        KeyType[] keyTypes = JoinKeys.types(left.types(), leftKeys);
        boolean direct = condition == null && (kind == JoinKind.SEMI || kind == JoinKind.ANTI);
        if (prober == null) {
            prober = new JoinProbe(table, direct ? (kind == JoinKind.SEMI ? JoinType.SEMI : JoinType.ANTI) : JoinType.INNER);
        }
        JoinProbe p = prober;
        p.start(JoinKeys.columns(probe, leftKeys, keyTypes), n);
        boolean[] matched = kind == JoinKind.INNER || kind == JoinKind.RIGHT || direct ? null : new boolean[n];
        int count;
        while ((count = p.next(probeRows, buildRows)) > 0) {
            if (direct) {
                pending.add(output.leftOnly(probe, Arrays.copyOf(probeRows, count)));
                continue;
            }
            Batch joined = output.passing(probe, probeRows, build, buildRows, count, matched);
            if (joined != null) {
                pending.add(joined);
            }
        }
        if (matched != null) {
            Batch rest = output.afterLeftBatch(probe, build, matched, n);
            if (rest != null) {
                pending.add(rest);
            }
        }
        return false;
    }

    @Override
    public List<Operator> inputs() {
        if (shared == null) {
            return super.inputs();
        }
        return showsBuild ? List.of(left, shared.right()) : List.of(left);
    }

    @Override
    public String explain(Explain explain) {
        Operator build = shared == null ? right : shared.right();
        String join = Explain.join("HashJoin " + kind, leftKeys, rightKeys, condition, explain, left, build);
        return emitted == null ? join : join + "  Output: " + String.join(", ", explain.shown(columnNames(explain)));
    }

    @Override
    public List<String> columnNames(Explain explain) {
        Operator build = shared == null ? right : shared.right();
        if (emitted == null) {
            return Explain.joined(explain, left, build, types().size());
        }
        return JoinOutput.select(Explain.joined(explain, left, build, left.types().size() + build.types().size()),
                emitted);
    }

    @Override
    public String describe() {
        return "HashJoin " + kind + " left" + Arrays.toString(leftKeys) + " = right"
                + Arrays.toString(rightKeys) + (condition == null ? "" : " and " + condition);
    }

    @Override
    void closeBuild() {
        if (shared == null) {
            super.closeBuild();
            return;
        }
        build = null; // the shared build's, freed by its last user
        table = null;
        shared.release();
    }

    @Override
    void closeMore() {
        if (table != null) {
            table.close();
        }
    }

    /**
     * The plan: both input plans, the key columns of each side, the join kind and the residual
     * condition; with {@code sharedBuild}, the states instantiated in one scope (the workers of a
     * parallel pipeline) probe one build of the right input. With {@code output}, the join emits
     * only those of the joined columns (indexes into the left columns then the right ones, as the
     * projection above it uses them), so a column only its keys or condition read is never copied;
     * null emits them all.
     */
    public record Plan(PhysicalOperator left, PhysicalOperator right, int[] leftKeys, int[] rightKeys, JoinKind kind,
                       Expr condition, boolean sharedBuild, RuntimeFilter.Key runtimeFilter, int[] output)
            implements PhysicalOperator.TwoInputs {
        public Plan {
            leftKeys = leftKeys.clone();
            rightKeys = rightKeys.clone();
            if (runtimeFilter != null && !filtersProbeSide(kind)) {
                throw new IllegalArgumentException("a " + kind + " join keeps probe rows without a match");
            }
            if (output != null) {
                if (kind.leftOnly()) {
                    throw new IllegalArgumentException("a " + kind + " join emits its left columns");
                }
                int width = left.types().size() + right.types().size();
                for (int c : output) {
                    if (c < 0 || c >= width) {
                        throw new IllegalArgumentException("no joined column " + c + " of " + width);
                    }
                }
                output = output.clone();
            }
        }

        public Plan(PhysicalOperator left, PhysicalOperator right, int[] leftKeys, int[] rightKeys, JoinKind kind,
                Expr condition) {
            this(left, right, leftKeys, rightKeys, kind, condition, false, null, null);
        }

        /**
         * This plan emitting only its columns at {@code columns} (indexes into what it emits now), or
         * null where its kind emits the left columns alone.
         */
        public Plan emitting(int[] columns) {
            if (kind.leftOnly()) {
                return null;
            }
            int[] all = new int[columns.length];
            for (int i = 0; i < columns.length; i++) {
                all[i] = output == null ? columns[i] : output[columns[i]];
            }
            return new Plan(left, right, leftKeys, rightKeys, kind, condition, sharedBuild, runtimeFilter, all);
        }

        /** Whether this kind of join drops the probe (left) rows that match no build row, so a runtime filter may. */
        public static boolean filtersProbeSide(JoinKind kind) {
            return kind == JoinKind.INNER || kind == JoinKind.RIGHT || kind == JoinKind.SEMI;
        }

        /** This plan over another left (probe) input, its build side shared by the states of one scope. */
        public Plan sharing(PhysicalOperator newLeft) {
            return new Plan(newLeft, right, leftKeys, rightKeys, kind, condition, true, runtimeFilter, output);
        }

        /** This plan over another left (probe) input whose filters apply this join's runtime filter {@code key}. */
        public Plan filtering(PhysicalOperator newLeft, RuntimeFilter.Key key) {
            return new Plan(newLeft, right, leftKeys, rightKeys, kind, condition, sharedBuild, key, output);
        }

        @Override
        public List<SqlType> types() {
            return JoinOutput.select(JoinOutput.types(left.types(), right.types(), kind), output);
        }

        @Override
        public Operator instantiate(WorkerContext worker) {
            // the probe side's filter states find the runtime filter made here (made before them)
            RuntimeFilter filter = runtimeFilter == null ? null : worker.newRuntimeFilter(runtimeFilter);
            if (sharedBuild) {
                SharedHashBuild build = worker.shared(this, () -> new SharedHashBuild(right.instantiate(worker), rightKeys));
                boolean first = build.use();
                try {
                    return new HashJoinOp(worker.ctx(), left.instantiate(worker), build, first, leftKeys, rightKeys, kind,
                            condition, output).feeding(filter);
                } catch (RuntimeException e) {
                    build.release();
                    throw e;
                }
            }
            List<Operator> in = Operators.instantiateAll(inputs(), worker);
            return new HashJoinOp(worker.ctx(), in.get(0), in.get(1), leftKeys, rightKeys, kind, condition, output)
                    .feeding(filter);
        }
    }
}

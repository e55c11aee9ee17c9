package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.expr.Expr;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.kernels.Simd;
import io.blueshift.kernels.hash.HashExecutor;
import io.blueshift.kernels.hash.KeyType;
import io.blueshift.kernels.join.JoinHashTable;
import io.blueshift.kernels.join.JoinProbe;
import io.blueshift.kernels.join.JoinType;
import java.util.ArrayList;
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
 *
 * <p>A build side (with its table, about {@link #TABLE_BYTES} a row) larger than a quarter of the
 * query's memory limit, or one that would take the query past three quarters of it, is joined as a
 * grace hash join: the build rows and then every probe row are written to {@link SpillPartitions}
 * by the hash of their key, and each pair of partitions is joined by a join of the next level
 * (which may partition again, on the next bits). Rows that can match share a partition, and a
 * row with a NULL key is still in one, so every join kind keeps its unmatched rows. A shared build
 * that spills is joined by all the states that probe it ({@link SharedHashBuild}).
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
    /** Bytes of hash table a build row costs, by estimate (its key, hash, link and slot). */
    static final int TABLE_BYTES = 32;
    /** 0 for the plan's join, n for one joining partitions spilled at level n - 1. */
    private final int level;
    private boolean started;
    /** Both sides' rows by key hash, once the build passed its share of memory; null while in memory. */
    private SpillPartitions buildParts;
    private SpillPartitions probeParts;
    private int nextPartition;
    private HashJoinOp child;
    private long childSpilledRows;
    private long childSpilledBytes;
    /** Whether this state joins the partitions of a shared build that spilled, and the probe rows it wrote to them. */
    private boolean sharedSpill;
    private long sharedProbeRows;
    private long sharedProbeBytes;
    /** Whether this state has told its shared build that its probe rows are all written (or that it stopped). */
    private boolean reported;

    public HashJoinOp(ExecContext ctx, Operator left, Operator right, int[] leftKeys, int[] rightKeys, JoinKind kind,
            Expr condition) {
        this(ctx, left, right, leftKeys, rightKeys, kind, condition, null);
    }

    /** A join emitting only the joined columns at {@code output} (null: all), as {@link Plan#output}. */
    HashJoinOp(ExecContext ctx, Operator left, Operator right, int[] leftKeys, int[] rightKeys, JoinKind kind,
            Expr condition, int[] output) {
        this(ctx, left, right, leftKeys, rightKeys, kind, condition, output, 0);
    }

    private HashJoinOp(ExecContext ctx, Operator left, Operator right, int[] leftKeys, int[] rightKeys, JoinKind kind,
            Expr condition, int[] output, int level) {
        super(ctx, left, right, right.types(), kind, condition, output);
        this.leftKeys = leftKeys.clone();
        this.rightKeys = rightKeys.clone();
        this.condition = condition;
        this.shared = null;
        this.showsBuild = true;
        this.emitted = output;
        this.level = level;
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
        this.level = 0;
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
    public Batch next() {
        if (!started) {
            started = true;
            ctx.checkCancelled();
            takeBuild();
        }
        return buildParts == null && !sharedSpill ? super.next() : nextFromPartitions();
    }

    /**
     * The shared build spilled: writes this state's probe rows to partitions of its own and hands
     * them to the shared build, which every state then joins partition by partition.
     */
    private void spillProbesToShared() {
        SpillPartitions mine = spillAll(ctx, left, leftKeys, 0);
        sharedProbeRows = mine.rows();
        sharedProbeBytes = mine.bytes();
        reported = true;
        shared.probesWritten(mine);
        sharedSpill = true;
    }

    /** A drained build side: its rows in one batch, or, past its share of memory, all of them in spill partitions. */
    record Drained(Batch rows, SpillPartitions spilled) {
    }

    /**
     * Reads a build side whole: into one batch while its rows and their table fit a quarter of the
     * query's memory (and the query stays within three quarters), else every row into spill
     * partitions by the hash of its key at {@code level} (past {@link SpillPartitions#LEVELS},
     * into memory whatever it takes).
     */
    static Drained drain(ExecContext ctx, Operator right, int[] rightKeys, int level) {
        KeyType[] keyTypes = JoinKeys.types(right.types(), rightKeys);
        long share = ctx.memory().limit() / 4;
        List<Batch> held = new ArrayList<>();
        long heldBytes = 0;
        long heldRows = 0;
        SpillPartitions parts = null;
        try {
            for (Batch b = right.next(); b != null; b = right.next()) {
                if (parts != null) {
                    try (Batch rows = b) {
                        spill(ctx, rows, rightKeys, keyTypes, parts, level);
                    }
                    continue;
                }
                held.add(b);
                heldBytes += Batches.bytes(b);
                heldRows += b.rowCount();
                long tableBytes = heldRows * TABLE_BYTES;
                if (level <= SpillPartitions.LEVELS && (heldBytes + tableBytes > share
                        || ctx.memory().nearLimit(heldBytes + 2 * tableBytes) || ExecContext.FORCE_SPILL && level == 0)) {
                    parts = new SpillPartitions(ctx, "join-build" + level, right.types());
                    for (Batch h : held) {
                        spill(ctx, h, rightKeys, keyTypes, parts, level);
                    }
                    held.forEach(Batch::close);
                    held.clear();
                }
            }
            if (parts == null) {
                return new Drained(Batches.concat(right.types(), held, ctx.memory()), null);
            }
            parts.finish();
            return new Drained(null, parts);
        } catch (RuntimeException | Error e) {
            if (parts != null) {
                parts.close();
            }
            throw e;
        } finally {
            held.forEach(Batch::close);
        }
    }

    /** Every row of {@code input} written to spill partitions by the hash of its key at {@code level}. */
    static SpillPartitions spillAll(ExecContext ctx, Operator input, int[] keys, int level) {
        KeyType[] keyTypes = JoinKeys.types(input.types(), keys);
        SpillPartitions parts = new SpillPartitions(ctx, "join-probe" + level, input.types());
        try {
            for (Batch b = input.next(); b != null; b = input.next()) {
                try (Batch rows = b) {
                    spill(ctx, rows, keys, keyTypes, parts, level);
                }
            }
            parts.finish();
            return parts;
        } catch (RuntimeException | Error e) {
            parts.close();
            throw e;
        }
    }

    /** Reads the build side: into memory and its table, or both sides into spill partitions. */
    private void buildOrSpill() {
        Drained drained = drain(ctx, right, rightKeys, level);
        if (drained.spilled() == null) {
            build = drained.rows();
            prepare();
            return;
        }
        buildParts = drained.spilled();
        probeParts = spillAll(ctx, left, leftKeys, level);
    }

    /** Writes each row of {@code b} to the partition of the hash of its key. */
    private static void spill(ExecContext ctx, Batch b, int[] keys, KeyType[] keyTypes, SpillPartitions into, int level) {
        int n = b.rowCount();
        long[] hashes = new long[n];
        HashExecutor.hash(JoinKeys.columns(b, keys, keyTypes), n, hashes, new long[n], Simd.ENABLED);
        into.write(b, hashes, level);
    }

    /** Whether joining a pair of partitions gives no rows: no probe rows, and no build rows or none this kind keeps unmatched. */
    static boolean joinsNothing(JoinKind kind, boolean probeRows, boolean buildRows) {
        return !probeRows && !(buildRows && kind.keepsUnmatchedRight())
                || !buildRows && !kind.keepsUnmatchedLeft() && kind != JoinKind.ANTI;
    }

    /** The joins of the spilled partitions' pairs, one after another. */
    private Batch nextFromPartitions() {
        while (true) {
            if (child != null) {
                Batch b = child.next();
                if (b != null) {
                    return b;
                }
                closeChild();
            }
            child = nextPairJoin();
            if (child == null) {
                return null;
            }
        }
    }

    /**
     * The join of the next pair of partitions that can give rows (probe rows, or build rows this
     * kind keeps unmatched), or null after the last: of this join's partitions in order, or of a
     * shared build's as it hands them out, once every state has handed over its probe rows (so the
     * workers join the partitions together).
     */
    private HashJoinOp nextPairJoin() {
        while (true) {
            int p = sharedSpill ? shared.nextPartition(ctx) : nextPartition < SpillPartitions.COUNT ? nextPartition++ : -1;
            if (p < 0) {
                return null;
            }
            SpillPartitions builds = sharedSpill ? shared.spilledBuild() : buildParts;
            if (!joinsNothing(kind, sharedSpill ? shared.anyProbes(p) : probeParts.written(p), builds.written(p))) {
                return new HashJoinOp(ctx, sharedSpill ? shared.probes(p) : probeParts.input(p), builds.input(p), leftKeys,
                        rightKeys, kind, condition, emitted, level + 1);
            }
        }
    }

    private void closeChild() {
        childSpilledRows += child.spilledRows();
        childSpilledBytes += child.spilledBytes();
        child.close();
        child = null;
    }

    /** Rows this join and the joins of its partitions wrote to spill partitions, both sides. */
    long spilledRows() {
        long mine = (buildParts == null ? 0 : buildParts.rows()) + (probeParts == null ? 0 : probeParts.rows()) + sharedProbeRows;
        return mine + childSpilledRows + (child == null ? 0 : child.spilledRows());
    }

    /** Bytes this join and the joins of its partitions wrote to spill partitions, both sides. */
    public long spilledBytes() {
        long mine = (buildParts == null ? 0 : buildParts.bytes()) + (probeParts == null ? 0 : probeParts.bytes())
                + sharedProbeBytes;
        return mine + childSpilledBytes + (child == null ? 0 : child.spilledBytes());
    }

    /**
     * Takes the build side: this join's own, in memory or both sides spilled
     * ({@link #buildOrSpill}), or the shared build's table, or, where the shared build spilled,
     * this state's probe rows handed to it ({@link #spillProbesToShared}).
     */
    @Override
    void takeBuild() {
        if (shared == null) {
            buildOrSpill();
            return;
        }
        JoinHashTable t = shared.table(ctx);
        if (t == null) {
            spillProbesToShared();
            return;
        }
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
        if (emitted != null) {
            join += "  Output: " + String.join(", ", explain.shown(columnNames(explain)));
        }
        if (buildParts != null || sharedSpill) {
            join += "  (spilled: " + spilledRows() + " rows, " + spilledBytes() + " bytes)";
        }
        return join;
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
        if (child != null) {
            closeChild();
        }
        if (!reported) {
            reported = true;
            shared.probesWritten(null); // no more probe rows will come from this state
        }
        shared.release();
    }

    @Override
    void closeMore() {
        if (table != null) {
            table.close();
        }
        if (child != null) {
            closeChild();
        }
        if (buildParts != null) {
            buildParts.close();
        }
        if (probeParts != null) {
            probeParts.close();
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

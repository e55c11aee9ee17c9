package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.executor.ExecContext;
import io.blueshift.kernels.Simd;
import io.blueshift.kernels.hash.KeyType;
import io.blueshift.kernels.join.JoinHashTable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The build side of a hash join that every worker of a parallel pipeline probes (DuckDB's global
 * sink state of a hash join): one state of the build plan, drained and hashed once, by the first
 * worker that needs it, while the others wait; then every worker reads the build rows and the
 * {@link JoinHashTable} at once, each through a probe of its own. Each {@link HashJoinOp} state
 * made from the plan holds one use of it, and the last to close frees the rows, the table and the
 * build plan's state. A failed build fails every worker with the same exception (its SQLSTATE).
 *
 * <p>A build side past its share of the query's memory is written to spill partitions instead
 * ({@link HashJoinOp#drain}; {@link #table} then returns null): each state writes its probe rows
 * to partitions of its own and hands them over, and once every state has, the states take the
 * partitions one at a time and each joins its pairs alone (a grace hash join, still on every
 * worker). A state that stops early tells the build so, so that no state waits for it.
 */
final class SharedHashBuild {
    private final Operator right;
    private final int[] rightKeys;
    private int users;
    private Batch build;
    private JoinHashTable table;
    /** The table being hashed in partitions by the workers, once the build side is drained (large builds). */
    private JoinHashTable.PartitionedBuild building;
    private RuntimeFilter.Keys keys;
    private Throwable failure;
    /** The right rows the states that finished their left input matched (RIGHT and FULL joins). */
    private final BitSet matched = new BitSet();
    private int finished;
    /** The states that ever used this build (a closed one stays counted). */
    private int states;
    /** The build rows by key hash, where they did not fit; then each state's probe rows, as it hands them over. */
    private SpillPartitions spilledBuild;
    private final List<SpillPartitions> spilledProbes = new ArrayList<>();
    /** States that have handed over their probe rows or stopped, and the next spilled partition to join. */
    private int probesDone;
    private int nextPartition;

    SharedHashBuild(Operator right, int[] rightKeys) {
        this.right = right;
        this.rightKeys = rightKeys.clone();
    }

    /** The state of the build plan, which only the first user's EXPLAIN shows. */
    Operator right() {
        return right;
    }

    /** Counts one more state probing this build; returns whether it is the first. */
    synchronized boolean use() {
        states++;
        return users++ == 0;
    }

    /**
     * Builds the table if no worker has yet, then returns it. The first worker drains the build
     * side while the others wait; a build of at least {@link #PARTITIONED_ROWS} rows is then hashed
     * in {@link JoinHashTable#PARTITIONS} partitions that every worker arriving builds with it
     * (TPC-H Q3 and Q7 at SF 10 hash 1.5 M rows; one worker had hashed them while the other waited).
     */
    JoinHashTable table(ExecContext ctx) {
        JoinHashTable.PartitionedBuild work;
        synchronized (this) {
            if (failure != null) {
                throw Operators.unchecked(failure);
            }
            if (table != null || spilledBuild != null) {
                return table;
            }
            if (building == null) {
                try {
                    HashJoinOp.Drained drained = HashJoinOp.drain(ctx, right, rightKeys, 0);
                    if (drained.spilled() != null) {
                        spilledBuild = drained.spilled();
                        return null;
                    }
                    build = drained.rows();
                    if (build.rowCount() < PARTITIONED_ROWS) {
                        table = HashJoinOp.buildTable(ctx, right.types(), rightKeys, build);
                        return table;
                    }
                    KeyType[] keyTypes = JoinKeys.types(right.types(), rightKeys);
                    building = JoinHashTable.partitioned(ctx.memory(), Simd.ENABLED,
                            JoinKeys.columns(build, rightKeys, keyTypes), build.rowCount(), keyTypes);
                } catch (Throwable t) {
                    failure = t;
                    throw t;
                }
            }
            work = building;
        }
        JoinHashTable built;
        try {
            built = work.table();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ctx.cancel();
            ctx.checkCancelled();
            throw new IllegalStateException(e);
        } catch (Throwable t) {
            synchronized (this) {
                if (failure == null) {
                    failure = t;
                }
            }
            throw t;
        }
        synchronized (this) {
            if (failure != null) {
                throw Operators.unchecked(failure);
            }
            table = built;
            return table;
        }
    }

    /** The build rows from which the workers hash the table in partitions, together. */
    static final int PARTITIONED_ROWS = 1 << 17;

    /** The set of the build keys for runtime filters, made once, after {@link #table} has returned. */
    synchronized RuntimeFilter.Keys keys() {
        if (keys == null) {
            keys = RuntimeFilter.of(build, rightKeys, JoinKeys.types(right.types(), rightKeys));
        }
        return keys;
    }

    /**
     * Adds the right rows one state matched, once its left input has ended; returns the right rows
     * every state matched when it is the last of them to finish, else null.
     */
    synchronized BitSet finishProbing(BitSet stateMatched) {
        matched.or(stateMatched);
        return ++finished == states ? matched : null;
    }

    /** The build rows by key hash, where {@link #table} returned null. */
    synchronized SpillPartitions spilledBuild() {
        return spilledBuild;
    }

    /**
     * One state's probe rows, all written to {@code probes} (null: a state that stopped and will
     * write none); wakes the states waiting for every state's.
     */
    synchronized void probesWritten(SpillPartitions probes) {
        if (probes != null) {
            spilledProbes.add(probes);
        }
        probesDone++;
        notifyAll();
    }

    /**
     * The next spilled partition for a state to join, once every state has handed over its probe
     * rows (waiting for them; a cancel ends the wait), or -1 when none is left.
     */
    synchronized int nextPartition(ExecContext ctx) {
        Operators.await(this, () -> probesDone >= states, ctx);
        return nextPartition < SpillPartitions.COUNT ? nextPartition++ : -1;
    }

    /** Whether any state wrote a probe row to partition {@code p}. */
    synchronized boolean anyProbes(int p) {
        return spilledProbes.stream().anyMatch(s -> s.written(p));
    }

    /** Partition {@code p}'s probe rows of every state, one state's after another. */
    synchronized Operator probes(int p) {
        List<Operator> inputs = new ArrayList<>();
        for (SpillPartitions s : spilledProbes) {
            if (s.written(p)) {
                inputs.add(s.input(p));
            }
        }
        return inputs.isEmpty() ? spilledProbes.get(0).input(p) : new UnionAllOp(inputs);
    }

    /** The build rows, once {@link #table} has returned. */
    synchronized Batch build() {
        return build;
    }

    /** Gives back one use; the last frees everything. */
    synchronized void release() {
        if (--users > 0) {
            return;
        }
        try {
            right.close();
        } finally {
            if (table != null) {
                table.close();
            } else if (building != null) {
                building.close(); // a partitioned build that failed: every worker that helped has stopped
            }
            if (build != null) {
                build.close();
            }
            if (spilledBuild != null) {
                spilledBuild.close();
            }
            spilledProbes.forEach(SpillPartitions::close);
        }
    }
}

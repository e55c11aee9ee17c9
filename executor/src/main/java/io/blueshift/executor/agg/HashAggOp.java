package io.blueshift.executor.agg;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.TypeKind;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.expr.Segs;
import io.blueshift.executor.op.Explain;
import io.blueshift.executor.op.Operator;
import io.blueshift.executor.op.PhysicalOperator;
import io.blueshift.executor.op.SpillPartitions;
import io.blueshift.executor.op.WorkerContext;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.columnar.vector.Vectors;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.kernels.Simd;
import io.blueshift.kernels.group.GroupHashTable;
import io.blueshift.kernels.group.KeyStore;
import io.blueshift.kernels.hash.KeyColumn;
import io.blueshift.kernels.hash.KeyType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * GROUP BY: consumes its whole input, mapping each row's key columns to a dense group id in an
 * off-heap {@link GroupHashTable} (charged to the query's memory) and updating each aggregate's
 * per-group state, then emits the groups a batch at a time: key columns first, then aggregates.
 * Without key columns there is exactly one group, even for an empty input (SELECT COUNT(*) of an
 * empty table is one row with 0).
 */
public final class HashAggOp implements Operator {
    private final ExecContext ctx;
    private final Operator input;
    private final int[] keys;
    private final List<AggCall> calls;
    private final List<SqlType> types;
    private GroupHashTable table;
    private final List<Accumulator> accumulators = new ArrayList<>();
    private final BatchGroupCounts rowCounts = new BatchGroupCounts();
    private int groups = -1;
    private int emitted;

    /** Groups a hash table is sized for when the plan has no estimate. */
    private static final int DEFAULT_GROUPS = 1024;
    /**
     * The most groups an estimate sizes a table for up front (128 K: 4 MB of slots). A table grows
     * by doubling and rehashing every group: TPC-H Q18's 1.5 M groups grew twelve times from 1,024,
     * four times from here. Estimates of groups over a join's output can be far too high, and a
     * table sized for 2 M groups zeroed about 130 MB of fresh memory for TPC-H Q3's 11 K groups.
     */
    private static final int MAX_EXPECTED_GROUPS = 1 << 17;
    private final int expectedGroups;
    /** The planner's estimate of the groups, uncapped: how wide a key range perfect hashing may map. */
    private final int estimatedGroups;

    /** Whether its table maps integer keys to groups directly where their range allows. */
    private final boolean perfectHash;
    /** 0 for the plan's aggregate, n for one aggregating a partition spilled at level n - 1. */
    private final int level;
    /** Whether groups not in the table now go to spill partitions (the table is past its share of memory). */
    private boolean spilling;
    /** The spill partitions of the rows of groups not in the table, by key hash (null until spilling). */
    private SpillPartitions partitions;
    private int nextPartition;
    /** The aggregate over the partition being emitted. */
    private HashAggOp child;

    public HashAggOp(ExecContext ctx, Operator input, int[] keys, List<AggCall> calls) {
        this(ctx, input, keys, calls, DEFAULT_GROUPS);
    }

    /** An aggregate whose hash table starts sized for {@code expectedGroups} groups (the planner's estimate). */
    public HashAggOp(ExecContext ctx, Operator input, int[] keys, List<AggCall> calls, int expectedGroups) {
        this(ctx, input, keys, calls, expectedGroups, 0, true);
    }

    /**
     * An aggregate whose table maps integer keys to groups directly only where {@code perfectHash}
     * ({@link GroupHashTable}); without, a key arriving in ascending order is appended.
     */
    HashAggOp(ExecContext ctx, Operator input, int[] keys, List<AggCall> calls, int expectedGroups, boolean perfectHash) {
        this(ctx, input, keys, calls, expectedGroups, 0, perfectHash);
    }

    private HashAggOp(ExecContext ctx, Operator input, int[] keys, List<AggCall> calls, int expectedGroups, int level,
            boolean perfectHash) {
        this.perfectHash = perfectHash;
        this.level = level;
        // sized up front for at most what a twelfth of the query's memory holds (about 20 bytes of
        // slots per group, twice over, and the keys): the table starts well inside its share
        this.expectedGroups = (int) Math.max(DEFAULT_GROUPS, Math.min(Math.min(expectedGroups, MAX_EXPECTED_GROUPS),
                ctx.memory().limit() / 256));
        this.estimatedGroups = expectedGroups;
        this.ctx = ctx;
        this.input = input;
        this.keys = keys.clone();
        this.calls = List.copyOf(calls);
        this.types = typesOf(input.types(), keys, calls);
        for (AggCall c : calls) {
            accumulators.add(NumericAccumulator.supports(c) ? new NumericAccumulator(c, ctx.memory(), rowCounts)
                    : DistinctAccumulator.supports(c) ? new DistinctAccumulator(c, ctx.memory())
                    : new ObjectAccumulator(c, ctx.memory()));
        }
    }

    /** The key columns' types then the aggregates' (0A000 for a key type that cannot be grouped on). */
    static List<SqlType> typesOf(List<SqlType> inputTypes, int[] keys, List<AggCall> calls) {
        List<SqlType> t = new ArrayList<>();
        for (int k : keys) {
            SqlType kt = inputTypes.get(k);
            if (keyTypeOf(kt) == null) {
                throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "GROUP BY on a " + kt + " column");
            }
            t.add(kt);
        }
        for (AggCall c : calls) {
            t.add(c.type());
        }
        return List.copyOf(t);
    }

    @Override
    public List<SqlType> types() {
        return types;
    }

    @Override
    public Batch next() {
        if (groups < 0) {
            consume();
        }
        if (emitted >= groups) {
            return partitions == null ? null : nextFromPartitions();
        }
        int count = Math.min(ExecContext.BATCH_ROWS, groups - emitted);
        List<FieldVector> out = new ArrayList<>(types.size());
        try {
            for (int k = 0; k < keys.length; k++) {
                out.add(keyColumn(k, emitted, count));
            }
            for (int a = 0; a < calls.size(); a++) {
                FieldVector v = Vectors.allocate(ctx.memory(), calls.get(a).type(), count);
                out.add(v);
                accumulators.get(a).write(v, emitted, count);
                v.setValueCount(count);
            }
        } catch (RuntimeException e) {
            Vectors.closeAll(out);
            throw e;
        }
        emitted += count;
        return Batches.of(types, out, count);
    }

    /**
     * Once the groups in memory are out: frees them, then aggregates the spill partitions one at a
     * time, each by an aggregate of the next level (which may spill again, on other hash bits).
     */
    private Batch nextFromPartitions() {
        if (table != null) {
            table.close();
            table = null;
            accumulators.clear();
        }
        while (true) {
            if (child != null) {
                Batch b = child.next();
                if (b != null) {
                    return b;
                }
                child.close();
                child = null;
            }
            if (nextPartition >= SpillPartitions.COUNT) {
                return null;
            }
            int p = nextPartition++;
            if (partitions.written(p)) {
                child = new HashAggOp(ctx, partitions.input(p), keys, calls, DEFAULT_GROUPS, level + 1, perfectHash);
            }
        }
    }

    /**
     * Whether the groups held are past a third of the query's memory: the off-heap table (and what
     * else the query holds) and the accumulators' arrays, about 16 bytes per group and aggregate.
     * A third, since a table grows by doubling and needs its old slots while it rehashes; and
     * whether the table's next rehash (new slots, 16 bytes each, twice as many as groups, while the
     * old ones are held) would take the query past three quarters of its memory, with what the
     * operators below it have taken since the last batch.
     */
    private boolean pastShare() {
        long accumulators = 16L * groups * Math.max(1, calls.size());
        return ctx.memory().used() + accumulators > ctx.memory().limit() / 3
                || ctx.memory().nearLimit(32L * groups + accumulators)
                || ExecContext.FORCE_SPILL && level == 0;
    }

    private void consume() {
        KeyType[] keyTypes = new KeyType[keys.length];
        for (int k = 0; k < keys.length; k++) {
            keyTypes[k] = keyTypeOf(input.types().get(keys[k]));
        }
        if (keys.length > 0) {
            table = new GroupHashTable(ctx.memory(), perfectHash, expectedGroups, estimatedGroups, keyTypes);
            table.indexLazily();
        }
        int[] ids = new int[ExecContext.BATCH_ROWS];
        groups = keys.length == 0 ? 1 : 0;
        for (Batch next = input.next(); next != null; next = input.next()) {
            try (Batch b = next) {
                int n = b.rowCount();
                if (ids.length < n) {
                    ids = new int[n];
                }
                if (keys.length > 0) {
                    KeyColumn[] columns = new KeyColumn[keys.length];
                    List<FieldVector> converted = new ArrayList<>();
                    try {
                        for (int k = 0; k < keys.length; k++) {
                            FieldVector v = b.vector(keys[k]);
                            if (b.type(keys[k]).kind() == TypeKind.BOOLEAN) {
                                v = booleansAsShorts(v, n);
                                converted.add(v);
                            }
                            columns[k] = keyColumn(keyTypes[k], v);
                        }
                        if (!spilling && groups > 0 && level <= SpillPartitions.LEVELS && pastShare()) {
                            spilling = true;
                            partitions = new SpillPartitions(ctx, "agg" + level, input.types());
                        }
                        if (spilling) {
                            addOrSpill(b, columns, n, ids);
                            continue;
                        }
                        table.groupIds(columns, n, ids);
                    } finally {
                        Vectors.closeAll(converted);
                    }
                    groups = table.groupCount();
                } else {
                    Arrays.fill(ids, 0, n, 0);
                }
                rowCounts.reset(ids, n, groups);
                for (Accumulator acc : accumulators) {
                    acc.add(b, ids, n, groups);
                }
            }
        }
        if (partitions != null) {
            partitions.finish();
        }
    }

    /**
     * Past the table's share of memory: rows of groups in the table are aggregated as before; the
     * rest go to the spill partition their key hash picks, to be aggregated once these groups are out.
     */
    private void addOrSpill(Batch b, KeyColumn[] columns, int n, int[] ids) {
        table.lookup(columns, n, ids, Simd.ENABLED);
        int[] found = new int[n];
        int[] foundIds = new int[n];
        int nFound = 0;
        int[][] spilled = new int[SpillPartitions.COUNT][];
        int[] nSpilled = new int[SpillPartitions.COUNT];
        for (int i = 0; i < n; i++) {
            if (ids[i] >= 0) {
                found[nFound] = i;
                foundIds[nFound++] = ids[i];
            } else {
                int p = SpillPartitions.of(KeyColumn.hashRow(columns, i), level);
                if (spilled[p] == null) {
                    spilled[p] = new int[n];
                }
                spilled[p][nSpilled[p]++] = i;
            }
        }
        if (nFound > 0) {
            try (Batch kept = nFound == n ? null : Batches.gather(b, found, nFound, ctx.memory())) {
                Batch in = kept == null ? b : kept;
                rowCounts.reset(foundIds, nFound, groups);
                for (Accumulator acc : accumulators) {
                    acc.add(in, foundIds, nFound, groups);
                }
            }
        }
        for (int p = 0; p < SpillPartitions.COUNT; p++) {
            partitions.write(b, p, spilled[p], nSpilled[p]);
        }
    }

    /** The hash-key type of a GROUP BY column: booleans group as 0/1 shorts. */
    private static KeyType keyTypeOf(SqlType t) {
        return t.kind() == TypeKind.BOOLEAN ? KeyType.SHORT : Segs.keyType(t);
    }

    /** A boolean column as a SMALLINT column of 0 and 1 with the same NULLs. */
    private FieldVector booleansAsShorts(FieldVector bits, int n) {
        FieldVector out = Vectors.allocate(ctx.memory(), SqlType.SMALLINT, n);
        BitVector b = (BitVector) bits;
        SmallIntVector s = (SmallIntVector) out;
        for (int i = 0; i < n; i++) {
            if (b.isNull(i)) {
                s.setNull(i);
            } else {
                s.set(i, b.get(i));
            }
        }
        out.setValueCount(n);
        return out;
    }

    /** A kernel key column over a vector's buffers. */
    public static KeyColumn keyColumn(KeyType type, FieldVector v) {
        MemorySegment validity = Segs.validity(v);
        if (type == KeyType.VARCHAR) {
            return KeyColumn.varchar(Segs.offsets(v), Segs.values(v), validity);
        }
        return KeyColumn.of(type, Segs.values(v), validity);
    }

    private FieldVector keyColumn(int k, int from, int count) {
        SqlType t = types.get(k);
        FieldVector v = Vectors.allocate(ctx.memory(), t, count);
        try {
            writeKeys(table.keys(), k, t, v, from, count);
            return v;
        } catch (RuntimeException e) {
            v.close();
            throw e;
        }
    }

    /** Writes key column {@code k} of entries {@code from..from+count)} of a key store to {@code v}. */
    public static void writeKeys(KeyStore store, int k, SqlType t, FieldVector v, int from, int count) {
        KeyType kt = store.type(k);
        if (kt == KeyType.VARCHAR) {
            VarCharVector s = (VarCharVector) v;
            for (int i = 0; i < count; i++) {
                if (store.isNull(k, from + i)) {
                    s.setNull(i);
                } else {
                    s.setSafe(i, store.string(k, from + i).toArray(ValueLayout.JAVA_BYTE));
                }
            }
            v.setValueCount(count);
            return;
        }
        v.setValueCount(count);
        if (t.kind() == TypeKind.BOOLEAN) {
            BitVector bits = (BitVector) v;
            for (int i = 0; i < count; i++) {
                if (store.isNull(k, from + i)) {
                    bits.setNull(i);
                } else {
                    bits.set(i, store.keyBits(k, from + i) != 0 ? 1 : 0);
                }
            }
            return;
        }
        MemorySegment d = Segs.values(v);
        for (int i = 0; i < count; i++) {
            int id = from + i;
            if (store.isNull(k, id)) {
                v.setNull(i);
                continue;
            }
            long bits = store.keyBits(k, id);
            switch (kt) {
                case SHORT -> d.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i, (short) bits);
                case INT -> d.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, (int) bits);
                case LONG -> d.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, bits);
                case FLOAT -> d.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i, Float.intBitsToFloat((int) bits));
                case DOUBLE -> d.setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i, Double.longBitsToDouble(bits));
                case DECIMAL128 -> {
                    d.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 2L * i, bits);
                    d.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 2L * i + 1, store.highBits(k, id));
                }
                case VARCHAR -> throw new IllegalStateException();
            }
            Vectors.markValid(v, i);
        }
    }

    @Override
    public List<Operator> inputs() {
        return List.of(input);
    }

    @Override
    public String explain(Explain explain) {
        List<String> names = explain.shown(input);
        StringBuilder sb = new StringBuilder("HashAggregate");
        for (int i = 0; i < keys.length; i++) {
            sb.append(i == 0 ? "  Group Key: " : ", ").append(names.get(keys[i]));
        }
        sb.append(AggCall.sql(calls, names));
        if (partitions != null) {
            sb.append("  (spilled: ").append(partitions.rows()).append(" rows, ").append(partitions.bytes()).append(" bytes)");
        }
        return sb.toString();
    }

    @Override
    public List<String> columnNames(Explain explain) {
        List<String> in = explain.names(input);
        List<String> shown = Explain.shown(in);
        List<String> out = new ArrayList<>(keys.length + calls.size());
        for (int k : keys) {
            out.add(in.get(k));
        }
        for (AggCall c : calls) {
            out.add(c.sql(shown));
        }
        return out;
    }

    @Override
    public String describe() {
        return "HashAggregate keys=" + Arrays.toString(keys) + " aggregates=" + calls.stream()
                .map(c -> c.kind() + (c.distinct() ? " DISTINCT" : "") + c.args()).toList();
    }

    @Override
    public void close() {
        try {
            input.close();
        } finally {
            if (table != null) {
                table.close();
                table = null;
            }
            if (child != null) {
                child.close();
                child = null;
            }
            if (partitions != null) {
                partitions.close();
            }
        }
    }

    /** The bytes this aggregate wrote to spill partitions (0 when its groups fit in its share of memory). */
    public long spilledBytes() {
        return partitions == null ? 0 : partitions.bytes();
    }

    /** The plan: the input plan, the GROUP BY columns and the aggregates (key types checked when the plan is made). */
    public record Plan(PhysicalOperator input, int[] keys, List<AggCall> calls, List<SqlType> types, int expectedGroups)
            implements PhysicalOperator.OneInput {
        public Plan(PhysicalOperator input, int[] keys, List<AggCall> calls) {
            this(input, keys, calls, DEFAULT_GROUPS);
        }

        /** An aggregate whose hash table starts sized for about {@code expectedGroups} groups. */
        public Plan(PhysicalOperator input, int[] keys, List<AggCall> calls, int expectedGroups) {
            this(input, keys, calls, typesOf(input.types(), keys, calls), expectedGroups);
        }

        public Plan {
            keys = keys.clone();
            calls = List.copyOf(calls);
            types = List.copyOf(types);
        }

        @Override
        public Operator instantiate(WorkerContext worker) {
            return new HashAggOp(worker.ctx(), input.instantiate(worker), keys, calls, expectedGroups);
        }
    }
}

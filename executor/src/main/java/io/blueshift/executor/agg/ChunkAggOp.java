package io.blueshift.executor.agg;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.PhysicalType;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.columnar.vector.Vectors;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.expr.Segs;
import io.blueshift.executor.op.Explain;
import io.blueshift.executor.op.Operator;
import io.blueshift.executor.op.PhysicalOperator;
import io.blueshift.executor.op.WorkerContext;
import io.blueshift.kernels.Bitmaps;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * GROUP BY of one integer-like key over a scan of a table whose chunks are clustered by it (each
 * chunk's smallest key at least the largest of the chunks before it, no NULLs: what the planner
 * finds in the zone maps of the version the scan reads), each input batch being one whole chunk.
 * Aggregates each batch on its own and emits its groups, keys then aggregates, with a BOOLEAN
 * column appended that is true for an <em>edge</em> group: one whose key is the batch's smallest
 * or largest. A key strictly between those two is in no other chunk (every other chunk's keys are
 * at most this one's smallest or at least its largest), so its group is complete; an edge group
 * may go on in the chunks beside it, and {@link EdgeMergeOp} merges the edge groups of all
 * batches. It holds one chunk's groups at a time, whatever the table's size, never spills, and
 * workers that take chunks from one dispenser each aggregate the chunks they take.
 */
public final class ChunkAggOp implements Operator {
    private final ExecContext ctx;
    private final Operator input;
    private final int key;
    private final List<AggCall> calls;
    private final List<SqlType> types;
    /** The planner's estimate of groups per input row: what a chunk's table is sized for. */
    private final double groupsPerRow;
    /** The aggregate of the chunk being emitted. */
    private HashAggOp chunk;
    private long min;
    private long max;
    private long chunks;
    private long groups;
    private long edges;

    public ChunkAggOp(ExecContext ctx, Operator input, int key, List<AggCall> calls, double groupsPerRow) {
        this.ctx = ctx;
        this.input = input;
        this.key = key;
        this.calls = List.copyOf(calls);
        this.types = typesOf(input.types(), key, calls);
        this.groupsPerRow = groupsPerRow;
    }

    /** The key's type, the aggregates' types, then BOOLEAN (the edge flag). */
    static List<SqlType> typesOf(List<SqlType> inputTypes, int key, List<AggCall> calls) {
        List<SqlType> t = new ArrayList<>(HashAggOp.typesOf(inputTypes, new int[] {key}, calls));
        t.add(SqlType.BOOLEAN);
        return List.copyOf(t);
    }

    /** Whether a GROUP BY key of type {@code t} has the integer-like stored form a chunk's key range is taken of. */
    public static boolean supports(SqlType t) {
        PhysicalType p = t.physical();
        return p == PhysicalType.SHORT || p == PhysicalType.INT || p == PhysicalType.LONG;
    }

    @Override
    public List<SqlType> types() {
        return types;
    }

    @Override
    public Batch next() {
        while (true) {
            if (chunk != null) {
                Batch b = chunk.next();
                if (b != null) {
                    try (b) {
                        return flagged(b);
                    }
                }
                chunk.close();
                chunk = null;
            }
            Batch in = input.next();
            if (in == null) {
                return null;
            }
            if (in.rowCount() == 0) {
                in.close();
                continue;
            }
            ctx.checkCancelled();
            range(in);
            chunks++;
            int expected = (int) Math.min(in.rowCount(), Math.max(1, groupsPerRow * in.rowCount()));
            // Under a tight memory limit the chunk goes in slices: the aggregate decides between
            // batches whether to spill, and a whole chunk's groups might not fit at once.
            Operator rows = in.rowCount() > ExecContext.BATCH_ROWS && Batches.bytes(in) > ctx.memory().limit() / 16
                    ? new SlicesOp(ctx, input.types(), in) : new BatchListOp(input.types(), List.of(in));
            chunk = new HashAggOp(ctx, rows, new int[] {key}, calls, expected, false);
        }
    }

    /** Sets {@link #min} and {@link #max} to the smallest and largest key of {@code in} (NULLs aside). */
    private void range(Batch in) {
        FieldVector v = in.vector(key);
        MemorySegment data = Segs.values(v);
        int width = in.type(key).physical().byteWidth();
        int n = in.rowCount();
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        if (v.getNullCount() > 0) {
            MemorySegment validity = Segs.validity(v);
            for (int i = 0; i < n; i++) {
                if (Bitmaps.isValid(validity, i)) {
                    long x = value(data, width, i);
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
        } else if (width == 4) {
            int l = Integer.MAX_VALUE;
            int h = Integer.MIN_VALUE;
            for (int i = 0; i < n; i++) {
                int x = data.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i);
                l = Math.min(l, x);
                h = Math.max(h, x);
            }
            lo = l;
            hi = h;
        } else {
            for (int i = 0; i < n; i++) {
                long x = value(data, width, i);
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        min = lo;
        max = hi;
    }

    private static long value(MemorySegment data, int width, int i) {
        return switch (width) {
            case 2 -> data.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i);
            case 4 -> data.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i);
            default -> data.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i);
        };
    }

    /** {@code groups} (a batch of the chunk's aggregate) with the edge flag appended; a NULL key is an edge. */
    private Batch flagged(Batch groupsOut) {
        int n = groupsOut.rowCount();
        List<FieldVector> out = new ArrayList<>(types.size());
        try {
            for (int c = 0; c < groupsOut.columnCount(); c++) {
                out.add(Vectors.share(groupsOut.vector(c), ctx.memory()));
            }
            FieldVector edge = Vectors.allocate(ctx.memory(), SqlType.BOOLEAN, n);
            out.add(edge);
            MemorySegment bits = Segs.values(edge);
            Vectors.setValid(QueryMemory.segment(edge.getValidityBuffer()), n);
            FieldVector keys = groupsOut.vector(0);
            MemorySegment data = Segs.values(keys);
            MemorySegment validity = keys.getNullCount() == 0 ? null : Segs.validity(keys);
            int width = types.get(0).physical().byteWidth();
            for (int i = 0; i < n; i++) {
                long x = value(data, width, i);
                if (x == min || x == max || !Bitmaps.isValid(validity, i)) {
                    Vectors.setBit(bits, i);
                    edges++;
                }
            }
            edge.setValueCount(n);
        } catch (RuntimeException e) {
            Vectors.closeAll(out);
            throw e;
        }
        groups += n;
        return Batches.of(types, out, n);
    }

    @Override
    public List<Operator> inputs() {
        return List.of(input);
    }

    @Override
    public String explain(Explain explain) {
        List<String> names = explain.shown(input);
        StringBuilder sb = new StringBuilder("HashAggregate per chunk  Group Key: ").append(names.get(key))
                .append(AggCall.sql(calls, names));
        if (chunks > 0) {
            sb.append("  (chunks=").append(chunks).append(" groups=").append(groups).append(" at edges=").append(edges)
                    .append(')');
        }
        return sb.toString();
    }

    @Override
    public List<String> columnNames(Explain explain) {
        List<String> in = explain.names(input);
        List<String> shown = Explain.shown(in);
        List<String> out = new ArrayList<>(calls.size() + 2);
        out.add(in.get(key));
        for (AggCall c : calls) {
            out.add(c.sql(shown));
        }
        out.add("edge");
        return out;
    }

    @Override
    public String describe() {
        return "HashAggregate per chunk key=" + key + " aggregates=" + calls.stream().map(c -> c.kind() + "" + c.args())
                .toList();
    }

    @Override
    public void close() {
        try {
            input.close();
        } finally {
            if (chunk != null) {
                chunk.close();
                chunk = null;
            }
        }
    }

    /** The plan: the input plan (a scan of clustered chunks), the key column, the aggregates and groups per row by estimate. */
    public record Plan(PhysicalOperator input, int key, List<AggCall> calls, double groupsPerRow, List<SqlType> types)
            implements PhysicalOperator.OneInput {
        public Plan(PhysicalOperator input, int key, List<AggCall> calls, double groupsPerRow) {
            this(input, key, calls, groupsPerRow, typesOf(input.types(), key, calls));
        }

        public Plan {
            calls = List.copyOf(calls);
            types = List.copyOf(types);
        }

        @Override
        public Operator instantiate(WorkerContext worker) {
            return new ChunkAggOp(worker.ctx(), input.instantiate(worker), key, calls, groupsPerRow);
        }
    }
}

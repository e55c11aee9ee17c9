package io.blueshift.executor.agg;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.expr.Segs;
import io.blueshift.executor.op.Explain;
import io.blueshift.executor.op.Operator;
import io.blueshift.executor.op.PhysicalOperator;
import io.blueshift.executor.op.WorkerContext;
import io.blueshift.kernels.Bitmaps;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The second half of {@link ChunkAggOp}: its input is groups, the key, partial aggregates and an
 * edge flag last. A group not at an edge is complete and passes straight on (a merge of one
 * partial result is that result: a COUNT summed alone is the count), as its batch arrives; the
 * edge groups, two at most a chunk, are held and merged by {@code merges} once the input is done.
 * Output: the key and the merged aggregates, without the flag.
 */
public final class EdgeMergeOp implements Operator {
    private final ExecContext ctx;
    private final Operator input;
    private final List<AggCall> merges;
    private final List<SqlType> types;
    /** The input's columns but the flag. */
    private final int[] columns;
    private final List<Batch> edges = new ArrayList<>();
    private HashAggOp merged;
    private long passed;
    private long edgeRows;

    public EdgeMergeOp(ExecContext ctx, Operator input, List<AggCall> merges) {
        this.ctx = ctx;
        this.input = input;
        this.merges = List.copyOf(merges);
        List<SqlType> in = input.types();
        this.types = List.copyOf(in.subList(0, in.size() - 1));
        this.columns = new int[in.size() - 1];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = c;
        }
    }

    @Override
    public List<SqlType> types() {
        return types;
    }

    @Override
    public Batch next() {
        while (merged == null) {
            Batch b = input.next();
            if (b == null) {
                merged = new HashAggOp(ctx, new BatchListOp(types, edges), new int[] {0}, merges);
                edges.clear();
                break;
            }
            try (b) {
                Batch complete = split(b);
                if (complete != null) {
                    return complete;
                }
            }
        }
        return merged.next();
    }

    /** Holds the edge groups of {@code b}; returns its other groups (null when there are none). */
    private Batch split(Batch b) {
        int n = b.rowCount();
        MemorySegment flags = Segs.values(b.vector(columns.length));
        int[] edge = new int[Math.min(n, 64)];
        int nEdge = 0;
        for (int w = 0, words = Bitmaps.words(n); w < words; w++) {
            long word = Bitmaps.validityWord(flags, w, n);
            while (word != 0) {
                if (nEdge == edge.length) {
                    edge = Arrays.copyOf(edge, Math.min(n, 2 * nEdge));
                }
                edge[nEdge++] = (w << 6) + Long.numberOfTrailingZeros(word);
                word &= word - 1;
            }
        }
        passed += n - nEdge;
        if (nEdge == 0) {
            return Batches.share(b, columns, ctx.memory());
        }
        edges.add(Batches.gather(b, columns, edge, nEdge, ctx.memory()));
        edgeRows += nEdge;
        if (nEdge == n) {
            return null;
        }
        int[] complete = new int[n - nEdge];
        for (int i = 0, e = 0, c = 0; i < n; i++) {
            if (e < nEdge && edge[e] == i) {
                e++;
            } else {
                complete[c++] = i;
            }
        }
        return Batches.gather(b, columns, complete, complete.length, ctx.memory());
    }

    @Override
    public List<Operator> inputs() {
        return List.of(input);
    }

    @Override
    public String explain(Explain explain) {
        List<String> names = explain.shown(input);
        StringBuilder sb = new StringBuilder("Merge edge groups  Group Key: ").append(names.get(0))
                .append(AggCall.sql(merges, names));
        if (passed + edgeRows > 0) {
            sb.append("  (complete=").append(passed).append(" edge rows=").append(edgeRows).append(')');
        }
        return sb.toString();
    }

    @Override
    public List<String> columnNames(Explain explain) {
        List<String> in = explain.names(input);
        return in.subList(0, in.size() - 1);
    }

    @Override
    public String describe() {
        return "Merge edge groups aggregates=" + merges.stream().map(c -> c.kind() + "" + c.args()).toList();
    }

    @Override
    public void close() {
        try {
            input.close();
        } finally {
            for (Batch b : edges) {
                b.close();
            }
            edges.clear();
            if (merged != null) {
                merged.close();
                merged = null;
            }
        }
    }

    /** The plan: the input plan (a {@link ChunkAggOp}'s groups, gathered from its workers) and the merges of its aggregates. */
    public record Plan(PhysicalOperator input, List<AggCall> merges, List<SqlType> types)
            implements PhysicalOperator.OneInput {
        public Plan(PhysicalOperator input, List<AggCall> merges) {
            this(input, merges, input.types().subList(0, input.types().size() - 1));
        }

        public Plan {
            merges = List.copyOf(merges);
            types = List.copyOf(types);
        }

        @Override
        public Operator instantiate(WorkerContext worker) {
            return new EdgeMergeOp(worker.ctx(), input.instantiate(worker), merges);
        }
    }
}

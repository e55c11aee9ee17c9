package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.columnar.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/** The recursive part's read of its CTE: the rows of the previous round, shared. */
public final class WorkingTableScanOp implements Operator {
    private final ExecContext ctx;
    private final RepeatUnionOp.WorkingTable table;
    private final List<SqlType> types;
    private int next;

    public WorkingTableScanOp(ExecContext ctx, RepeatUnionOp.WorkingTable table, List<SqlType> types) {
        this.ctx = ctx;
        this.table = table;
        this.types = List.copyOf(types);
    }

    @Override
    public List<SqlType> types() {
        return types;
    }

    @Override
    public Batch next() {
        List<Batch> batches = table.batches();
        if (next >= batches.size()) {
            return null;
        }
        Batch b = batches.get(next++);
        List<FieldVector> vectors = new ArrayList<>();
        for (int c = 0; c < b.columnCount(); c++) {
            vectors.add(Vectors.share(b.vector(c), ctx.memory()));
        }
        return Batches.of(types, vectors, b.rowCount());
    }

    @Override
    public List<Operator> inputs() {
        return List.of();
    }

    @Override
    public String describe() {
        return "WorkingTableScan";
    }

    @Override
    public void close() {
    }

    /** The plan: which recursive query's working table it reads ({@link RepeatUnionOp.Plan#working}) and its types. */
    public record Plan(Object working, List<SqlType> types) implements PhysicalOperator.Leaf {
        public Plan {
            types = List.copyOf(types);
        }

        @Override
        public Operator instantiate(WorkerContext worker) {
            return new WorkingTableScanOp(worker.ctx(), worker.workingTable(working), types);
        }
    }
}

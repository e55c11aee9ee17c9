package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.expr.Expr;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.columnar.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/** SELECT-list expressions: each output column is an expression over the input batch. */
public final class ProjectOp implements Operator {
    private final ExecContext ctx;
    private final Operator input;
    private final List<Expr> exprs;
    private final List<SqlType> types;

    public ProjectOp(ExecContext ctx, Operator input, List<Expr> exprs) {
        this.ctx = ctx;
        this.input = input;
        this.exprs = List.copyOf(exprs);
        this.types = typesOf(exprs);
    }

    static List<SqlType> typesOf(List<Expr> exprs) {
        List<SqlType> t = new ArrayList<>(exprs.size());
        for (Expr e : exprs) {
            t.add(e.type());
        }
        return List.copyOf(t);
    }

    @Override
    public List<SqlType> types() {
        return types;
    }

    @Override
    public Batch next() {
        try (Batch in = input.next()) {
            if (in == null) {
                return null;
            }
            if (exprs.isEmpty()) {
                return Batches.empty(in.rowCount());
            }
            List<FieldVector> out = new ArrayList<>(exprs.size());
            try {
                for (Expr e : exprs) {
                    out.add(e.eval(in, ctx));
                }
            } catch (RuntimeException e) {
                Vectors.closeAll(out);
                throw e;
            }
            return Batches.of(types, out, in.rowCount());
        }
    }

    @Override
    public List<Operator> inputs() {
        return List.of(input);
    }

    @Override
    public String explain(Explain explain) {
        return "Project  " + Explain.sql(exprs, explain.shown(input), ", ");
    }

    @Override
    public List<String> columnNames(Explain explain) {
        return Explain.computed(exprs, explain.names(input));
    }

    @Override
    public String describe() {
        return "Project " + exprs;
    }

    @Override
    public void close() {
        input.close();
    }

    /** The plan: the input plan and one expression per output column. */
    public record Plan(PhysicalOperator input, List<Expr> exprs, List<SqlType> types) implements PhysicalOperator.OneInput {
        public Plan(PhysicalOperator input, List<Expr> exprs) {
            this(input, List.copyOf(exprs), typesOf(exprs));
        }

        public Plan {
            exprs = List.copyOf(exprs);
            types = List.copyOf(types);
        }

        @Override
        public Operator instantiate(WorkerContext worker) {
            return new ProjectOp(worker.ctx(), input.instantiate(worker), exprs);
        }
    }
}

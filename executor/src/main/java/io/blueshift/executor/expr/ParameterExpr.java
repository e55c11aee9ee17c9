package io.blueshift.executor.expr;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.columnar.vector.Vectors;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/** A {@code ?} parameter: a constant bound at execution, converted to the type the planner inferred. */
public record ParameterExpr(int index, SqlType type) implements Expr {
    @Override
    public FieldVector eval(Batch in, ExecContext ctx) {
        return Vectors.constant(ctx.memory(), type, Conversions.convert(ctx.parameter(index), type), in.rowCount());
    }

    @Override
    public String sql(List<String> columns) {
        return "$" + (index + 1);
    }

    @Override
    public String toString() {
        return "$p" + index;
    }
}

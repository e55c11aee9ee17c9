package io.blueshift.executor.expr;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.columnar.vector.Vectors;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/** A column of the input batch, shared without copying. */
public record ColumnExpr(int index, SqlType type) implements Expr {
    @Override
    public boolean total() {
        return true;
    }

    @Override
    public FieldVector eval(Batch in, ExecContext ctx) {
        return Vectors.share(in.vector(index), ctx.memory());
    }

    @Override
    public String sql(List<String> columns) {
        return index < columns.size() ? columns.get(index) : toString();
    }

    @Override
    public String toString() {
        return "$" + index;
    }
}

package io.blueshift.executor.expr;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.columnar.vector.Vectors;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/** A constant (a Java value of the type's class, or null for NULL). */
public record LiteralExpr(Object value, SqlType type) implements Expr {
    @Override
    public boolean total() {
        return true;
    }

    @Override
    public FieldVector eval(Batch in, ExecContext ctx) {
        return Vectors.constant(ctx.memory(), type, value, in.rowCount());
    }

    @Override
    public Object constantValue() {
        return value;
    }

    @Override
    public String sql(List<String> columns) {
        return SqlText.literal(value, type);
    }

    @Override
    public String toString() {
        return String.valueOf(value);
    }
}

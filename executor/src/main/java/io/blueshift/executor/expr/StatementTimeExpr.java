package io.blueshift.executor.expr;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.TypeKind;
import io.blueshift.executor.ExecContext;
import io.blueshift.columnar.vector.Vectors;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.vector.FieldVector;

/**
 * now(), current_timestamp, current_date and their Redshift spellings (getdate(), sysdate): the
 * statement's start, fixed for the statement as in Postgres, read from the query's
 * {@link ExecContext}. Taking it from the context rather than from the thread gives every worker
 * thread of a parallel pipeline the same value as the query's own thread.
 */
public record StatementTimeExpr(String name, SqlType type) implements Expr {
    @Override
    public FieldVector eval(Batch in, ExecContext ctx) {
        Instant start = ctx.statementStart();
        Object value = type.kind() == TypeKind.DATE ? LocalDate.ofInstant(start, ZoneOffset.UTC) : start.atOffset(ZoneOffset.UTC);
        return Vectors.constant(ctx.memory(), type, Conversions.convert(value, type), in.rowCount());
    }

    @Override
    public String sql(List<String> columns) {
        return name.equals("current_date") || name.equals("current_timestamp") || name.equals("sysdate")
                || name.equals("localtimestamp") || name.equals("current_time") || name.equals("localtime")
                ? name.toUpperCase(Locale.ROOT) : name + "()";
    }

    @Override
    public String toString() {
        return name + List.of();
    }
}

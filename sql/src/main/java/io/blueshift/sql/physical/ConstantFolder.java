package io.blueshift.sql.physical;

import io.blueshift.sql.catalog.PgSession;
import io.blueshift.columnar.Batch;
import io.blueshift.columnar.MemoryPool;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.Values;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.expr.Expr;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.kernels.BlueshiftException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutor;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;

/**
 * Folds constant expressions at planning time with Blueshift's own expressions, so that a folded
 * constant has exactly the value (and the error) it would have at run time: {@code 2147483647 * 2}
 * overflows with 22003 instead of wrapping around as Java arithmetic would. An expression whose
 * evaluation fails, or whose type has no literal form here, is left as it is and is evaluated (and
 * fails) when the query runs, as Postgres would.
 */
public final class ConstantFolder implements RexExecutor {
    private static final MemoryPool POOL = new MemoryPool();
    private final PgSession session;

    /** Folds the constants of statements {@code session} plans (current_user and the like are its). */
    public ConstantFolder(PgSession session) {
        this.session = session;
    }

    @Override
    public void reduce(RexBuilder rexBuilder, List<RexNode> constExps, List<RexNode> reducedValues) {
        for (RexNode e : constExps) {
            reducedValues.add(fold(rexBuilder, e, session));
        }
    }

    private static RexNode fold(RexBuilder rexBuilder, RexNode e, PgSession session) {
        RelDataType type = e.getType();
        SqlType sqlType;
        Expr expr;
        try {
            sqlType = Types.of(type);
            expr = new RexTranslator(rexBuilder, List.of(), session).translate(e);
        } catch (RuntimeException unsupported) {
            return e;
        }
        if (!foldable(sqlType)) {
            return e;
        }
        try (QueryMemory memory = POOL.newQuery("fold", 64L << 20);
             Batch one = Batches.empty(1)) {
            ExecContext ctx = new ExecContext(memory, List.of(), Instant.now());
            Object value;
            try (FieldVector v = expr.eval(one, ctx)) {
                value = Values.get(v, expr.type(), 0);
            }
            return literal(rexBuilder, value, type);
        } catch (BlueshiftException | ArithmeticException | ClassCastException evaluationFailed) {
            return e;
        }
    }

    private static boolean foldable(SqlType t) {
        return switch (t.kind()) {
            case BOOLEAN, SMALLINT, INTEGER, BIGINT, DECIMAL, CHAR, VARCHAR, TEXT, DATE, TIMESTAMP -> true;
            case REAL, DOUBLE, TIME, TIMESTAMPTZ, INTERVAL -> false;
        };
    }

    private static RexNode literal(RexBuilder rexBuilder, Object value, RelDataType type) {
        if (value == null) {
            return rexBuilder.makeNullLiteral(type);
        }
        Object calcite = switch (value) {
            case Short s -> BigDecimal.valueOf(s);
            case Integer i -> BigDecimal.valueOf(i);
            case Long l -> BigDecimal.valueOf(l);
            case LocalDate d -> DateString.fromDaysSinceEpoch((int) d.toEpochDay());
            case LocalDateTime t -> new TimestampString(t.getYear(), t.getMonthValue(),
                    t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()).withNanos(t.getNano());
            default -> value;
        };
        return rexBuilder.makeLiteral(calcite, type, false);
    }
}

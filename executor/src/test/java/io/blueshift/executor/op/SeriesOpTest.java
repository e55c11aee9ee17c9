package io.blueshift.executor.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.Interval;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.expr.Expr;
import io.blueshift.executor.expr.LiteralExpr;
import io.blueshift.kernels.BlueshiftException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * generate_series a batch at a time: values across batch boundaries, counting down, the end of
 * the type, NULL arguments, step zero, numerics and month steps added to the value before.
 */
class SeriesOpTest extends OperatorFixture {
    private static List<Expr> args(SqlType type, Object... values) {
        List<Expr> out = new ArrayList<>();
        for (Object v : values) {
            out.add(new LiteralExpr(v, v instanceof Interval ? SqlType.INTERVAL : type));
        }
        return out;
    }

    private static List<List<Object>> column(Object... values) {
        List<List<Object>> rows = new ArrayList<>();
        for (Object v : values) {
            rows.add(row(v));
        }
        return rows;
    }

    @Test
    void integersInBatchesOfBatchRows() {
        int n = ExecContext.BATCH_ROWS * 2 + 5;
        long sum = 0;
        int count = 0;
        int batches = 0;
        try (Operator op = new SeriesOp.Plan(SqlType.INTEGER, args(SqlType.INTEGER, 1, n)).instantiate(ctx)) {
            for (Batch next = op.next(); next != null; next = op.next()) {
                try (Batch b = next) {
                    batches++;
                    assertTrue(b.rowCount() <= ExecContext.BATCH_ROWS, "batch of " + b.rowCount());
                    for (List<Object> r : rows(b)) {
                        assertEquals(++count, r.get(0));
                        sum += (Integer) r.get(0);
                    }
                }
            }
        }
        assertEquals(n, count);
        assertEquals((long) n * (n + 1) / 2, sum);
        assertEquals(3, batches);
    }

    @Test
    void countsDownAndStopsAtTheEndOfItsType() {
        assertEquals(column(10, 7, 4, 1), run(new SeriesOp.Plan(SqlType.INTEGER, args(SqlType.INTEGER, 10, 0, -3))));
        assertEquals(column(Long.MAX_VALUE - 1, Long.MAX_VALUE),
                run(new SeriesOp.Plan(SqlType.BIGINT, args(SqlType.BIGINT, Long.MAX_VALUE - 1, Long.MAX_VALUE))));
        assertEquals(column(Long.MIN_VALUE + 2), run(new SeriesOp.Plan(SqlType.BIGINT,
                args(SqlType.BIGINT, Long.MIN_VALUE + 2, Long.MIN_VALUE, Long.MIN_VALUE))));
        assertEquals(List.of(), run(new SeriesOp.Plan(SqlType.INTEGER, args(SqlType.INTEGER, 3, 1))));
    }

    @Test
    void nullArgumentsGiveNoRowsAndAZeroStepFails() {
        assertEquals(List.of(), run(new SeriesOp.Plan(SqlType.INTEGER, args(SqlType.INTEGER, 1, null))));
        assertEquals(List.of(), run(new SeriesOp.Plan(SqlType.INTEGER, args(SqlType.INTEGER, 1, 5, null))));
        BlueshiftException e = assertThrows(BlueshiftException.class,
                () -> run(new SeriesOp.Plan(SqlType.INTEGER, args(SqlType.INTEGER, 1, 5, 0))));
        assertEquals("22023", e.sqlState());
    }

    @Test
    void numericsAndMonthSteps() {
        SqlType decimal = SqlType.decimal(4, 2);
        assertEquals(column(new BigDecimal("1.00"), new BigDecimal("1.25"), new BigDecimal("1.50")),
                run(new SeriesOp.Plan(decimal, args(decimal, new BigDecimal("1"), new BigDecimal("1.5"), new BigDecimal("0.25")))));
        LocalDateTime jan31 = LocalDateTime.of(2024, 1, 31, 0, 0);
        assertEquals(column(jan31, LocalDateTime.of(2024, 2, 29, 0, 0), LocalDateTime.of(2024, 3, 29, 0, 0)),
                run(new SeriesOp.Plan(SqlType.TIMESTAMP, args(SqlType.TIMESTAMP, jan31, LocalDateTime.of(2024, 4, 1, 0, 0),
                        new Interval(1, 0, 0)))));
        assertEquals(column(LocalDateTime.of(2024, 1, 2, 0, 0), LocalDateTime.of(2024, 1, 1, 12, 0), LocalDateTime.of(2024, 1, 1, 0, 0)),
                run(new SeriesOp.Plan(SqlType.TIMESTAMP, args(SqlType.TIMESTAMP, LocalDateTime.of(2024, 1, 2, 0, 0),
                        LocalDateTime.of(2024, 1, 1, 0, 0), new Interval(0, 0, -43_200_000_000L)))));
    }
}

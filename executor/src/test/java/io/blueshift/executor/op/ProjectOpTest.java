package io.blueshift.executor.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.blueshift.columnar.SqlType;
import io.blueshift.executor.expr.ArithExpr;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.executor.expr.ColumnExpr;
import io.blueshift.executor.expr.LiteralExpr;
import io.blueshift.kernels.arith.ArithOp;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SELECT list: each output column is an expression of the input row, NULLs carried through. */
class ProjectOpTest extends OperatorFixture {
    private static final List<SqlType> TYPES = List.of(SqlType.BIGINT, SqlType.BIGINT, SqlType.TEXT);

    @Test
    void computesEveryExpressionPerRow() {
        PhysicalOperator input = batches(TYPES,
                List.of(row(1L, 10L, "a"), row(2L, null, "b")),
                List.of(row(3L, 30L, "c")));
        ColumnExpr a = new ColumnExpr(0, SqlType.BIGINT);
        ColumnExpr b = new ColumnExpr(1, SqlType.BIGINT);
        PhysicalOperator plan = new ProjectOp.Plan(input, List.of(new ColumnExpr(2, SqlType.TEXT),
                new ArithExpr(ArithOp.ADD, a, b, SqlType.BIGINT), new LiteralExpr(7L, SqlType.BIGINT)));
        assertEquals(List.of(SqlType.TEXT, SqlType.BIGINT, SqlType.BIGINT), plan.types());
        assertEquals(List.of(row("a", 11L, 7L), row("b", null, 7L), row("c", 33L, 7L)), run(plan));
    }

    @Test
    void noExpressionsKeepsTheRowCount() {
        PhysicalOperator input = batches(TYPES, List.of(row(1L, 1L, "a"), row(2L, 2L, "b")));
        assertEquals(List.of(row(), row()), run(new ProjectOp.Plan(input, List.of())));
    }

    /**
     * A constant operand goes to the kernels as a scalar, not as a column of copies: every operator
     * on every type, the constant on either side, gives what the same value as a column gives,
     * NULL rows included, and the same errors (22012, 22003).
     */
    @Test
    void constantOperandsComputeAsTheSameValueInAColumnDoes() {
        SqlType dec = SqlType.decimal(12, 2);
        SqlType dec0 = SqlType.decimal(5, 0);
        Object[][] cases = {
                {SqlType.INTEGER, SqlType.INTEGER, SqlType.INTEGER, 7, new Object[] {3, -20, null, 0}},
                {SqlType.BIGINT, SqlType.BIGINT, SqlType.BIGINT, -9L, new Object[] {3L, 1L << 40, null, 0L}},
                {SqlType.DOUBLE, SqlType.DOUBLE, SqlType.DOUBLE, 2.5, new Object[] {1.5, -3.0, null, 0.25}},
                {dec, dec0, dec, new BigDecimal("3"), new Object[] {new BigDecimal("1.25"), null,
                        new BigDecimal("-10.50")}},
        };
        for (Object[] c : cases) {
            SqlType type = (SqlType) c[0];
            SqlType constantType = (SqlType) c[1];
            SqlType result = (SqlType) c[2];
            Object k = c[3];
            List<List<Object>> rows = new ArrayList<>();
            for (Object v : (Object[]) c[4]) {
                rows.add(row(v, k));
            }
            ColumnExpr x = new ColumnExpr(0, type);
            ColumnExpr kColumn = new ColumnExpr(1, constantType);
            LiteralExpr kLiteral = new LiteralExpr(k, constantType);
            for (ArithOp op : List.of(ArithOp.ADD, ArithOp.SUBTRACT, ArithOp.MULTIPLY, ArithOp.DIVIDE)) {
                SqlType out = type.isDecimal() && op == ArithOp.MULTIPLY ? SqlType.decimal(17, 2)
                        : type.isDecimal() && op == ArithOp.DIVIDE ? SqlType.decimal(18, 6) : result;
                for (boolean constantLeft : new boolean[] {true, false}) {
                    if (!ArithExpr.supports(op, constantLeft ? constantType : type, constantLeft ? type : constantType, out)) {
                        continue;
                    }
                    List<SqlType> types = List.of(type, constantType);
                    ArithExpr asColumn = constantLeft ? new ArithExpr(op, kColumn, x, out) : new ArithExpr(op, x, kColumn, out);
                    ArithExpr asConstant = constantLeft ? new ArithExpr(op, kLiteral, x, out) : new ArithExpr(op, x, kLiteral, out);
                    String label = op + " " + type + (constantLeft ? " constant left" : " constant right");
                    Object expected;
                    try {
                        expected = run(new ProjectOp.Plan(batches(types, rows), List.of(asColumn)));
                    } catch (BlueshiftException e) {
                        expected = e.sqlState();
                    }
                    Object actual;
                    try {
                        actual = run(new ProjectOp.Plan(batches(types, rows), List.of(asConstant)));
                    } catch (BlueshiftException e) {
                        actual = e.sqlState();
                    }
                    assertEquals(expected, actual, label);
                }
            }
        }
        // a zero divisor and an overflow fail as they do per row
        List<List<Object>> one = List.of(row(5L));
        assertEquals("22012", assertThrows(BlueshiftException.class, () -> run(new ProjectOp.Plan(batches(List.of(SqlType.BIGINT), one),
                List.of(new ArithExpr(ArithOp.DIVIDE, new ColumnExpr(0, SqlType.BIGINT), new LiteralExpr(0L, SqlType.BIGINT),
                        SqlType.BIGINT))))).sqlState());
        assertEquals("22003", assertThrows(BlueshiftException.class, () -> run(new ProjectOp.Plan(batches(List.of(SqlType.BIGINT), one),
                List.of(new ArithExpr(ArithOp.ADD, new LiteralExpr(Long.MAX_VALUE, SqlType.BIGINT), new ColumnExpr(0, SqlType.BIGINT),
                        SqlType.BIGINT))))).sqlState());
        assertEquals("22003", assertThrows(BlueshiftException.class, () -> run(new ProjectOp.Plan(batches(List.of(SqlType.DOUBLE),
                List.of(row(1e300))), List.of(new ArithExpr(ArithOp.MULTIPLY, new LiteralExpr(1e300, SqlType.DOUBLE),
                new ColumnExpr(0, SqlType.DOUBLE), SqlType.DOUBLE))))).sqlState());
    }
}

package io.blueshift.executor.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * VALUES: literal rows in one batch, converted to the column types, NULLs kept, and the
 * column-less row of SELECT without FROM.
 */
class ValuesOpTest extends OperatorFixture {
    private static final List<SqlType> TYPES = List.of(SqlType.INTEGER, SqlType.TEXT, SqlType.BIGINT);

    /** The rows come out as written, NULLs in any column, and an INTEGER literal in a BIGINT column reads back as a long. */
    @Test
    void givesTheRowsAsWrittenWithNulls() {
        List<List<Object>> rows = List.of(row(1, "a", 10L), row(null, "b", null), row(3, null, 7));
        assertEquals(List.of(row(1, "a", 10L), row(null, "b", null), row(3, null, 7L)),
                run(new ValuesOp.Plan(TYPES, rows)));
    }

    /** All the rows are one batch, after which the operator is at its end. */
    @Test
    void oneBatchThenTheEnd() {
        try (Operator op = new ValuesOp.Plan(TYPES, List.of(row(1, "a", 1L), row(2, "b", 2L))).instantiate(ctx)) {
            try (Batch b = op.next()) {
                assertEquals(2, b.rowCount());
                assertEquals(3, b.columnCount());
            }
            assertNull(op.next());
        }
    }

    /** No rows gives no rows; no columns (SELECT without FROM) gives one batch with the row count and no columns. */
    @Test
    void noRowsAndNoColumns() {
        assertEquals(List.of(), run(new ValuesOp.Plan(TYPES, List.of())));
        try (Operator op = new ValuesOp.Plan(List.of(), List.of(row())).instantiate(ctx)) {
            try (Batch b = op.next()) {
                assertEquals(1, b.rowCount());
                assertEquals(0, b.columnCount());
            }
            assertNull(op.next());
        }
    }

    /** Each state of one plan gives the rows again. */
    @Test
    void eachStateGivesTheRowsAgain() {
        ValuesOp.Plan plan = new ValuesOp.Plan(TYPES, List.of(row(5, "e", 5L)));
        assertEquals(List.of(row(5, "e", 5L)), run(plan));
        assertEquals(List.of(row(5, "e", 5L)), run(plan));
    }
}

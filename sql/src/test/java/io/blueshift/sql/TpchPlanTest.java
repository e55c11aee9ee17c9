package io.blueshift.sql;

import io.blueshift.sql.plan.SqlFrontEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.sql.plan.PlannedQuery;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** All 22 TPC-H queries parse, validate and optimize, naming their columns as the answers do. */
class TpchPlanTest {
    @ParameterizedTest(name = "Q{0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22})
    void plansWithAnswerColumnNames(int n) {
        SqlFrontEnd frontEnd = new SqlFrontEnd(TpchFiles.catalog());
        PlannedQuery plan = frontEnd.plan(TpchFiles.query(n));
        assertEquals(TpchFiles.answerColumns(n), plan.columnNames());
        assertEquals(plan.columnNames().size(), plan.rel().getRowType().getFieldCount());
        assertEquals(plan.columnNames().size(), plan.sqlTypes().size());
        String text = plan.explain();
        assertFalse(text.isBlank());
        if (System.getProperty("blueshift.showPlans") != null) {
            System.out.println("Q" + n + " fired " + plan.firedRules() + "\n" + text);
        }
    }

    @ParameterizedTest(name = "Q{0}")
    @ValueSource(ints = {2, 4, 11, 15, 16, 17, 18, 20, 21, 22})
    void subQueriesAreRemoved(int n) {
        PlannedQuery plan = new SqlFrontEnd(TpchFiles.catalog()).plan(TpchFiles.query(n));
        String text = plan.explain();
        assertFalse(text.contains("$SCALAR_QUERY") || text.contains("EXISTS(") || text.contains("IN(\n"), text);
        assertTrue(plan.firedRules().stream().anyMatch(r -> r.contains("SubQuery") || r.contains("ExistsToSemiJoin")),
                plan.firedRules().toString());
    }
}

package io.blueshift.sql;

import io.blueshift.sql.plan.SqlFrontEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.sql.plan.FilterExistsToSemiJoinRewrite;
import io.blueshift.sql.plan.PlannedQuery;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Where correlated [NOT] EXISTS becomes a semi or anti join, and where it is left to Calcite. */
class FilterExistsToSemiJoinRewriteTest {
    private static final String RULE = FilterExistsToSemiJoinRewrite.class.getSimpleName();

    private static PlannedQuery plan(String sql) {
        return new SqlFrontEnd(TpchFiles.catalog()).plan(sql);
    }

    private static int count(String text, String word) {
        return text.split(Pattern.quote(word), -1).length - 1;
    }

    @Test
    void q21ExistsAndNotExistsBecomeOneSemiAndOneAntiJoin() {
        PlannedQuery plan = plan(TpchFiles.query(21));
        String text = plan.explain();
        assertTrue(plan.firedRules().contains(RULE), plan.firedRules().toString());
        assertEquals(1, count(text, "joinType=[semi]"), text);
        assertEquals(1, count(text, "joinType=[anti]"), text);
        // lineitem is read three times (l1, l2, l3), and nothing is aggregated but the result
        assertEquals(3, count(text, "lineitem]]"), text);
        assertEquals(1, count(text, "LogicalAggregate"), text);
    }

    @Test
    void correlatedExistsWithOtherConjunctsKeepsThemAsAFilter() {
        PlannedQuery plan = plan("SELECT o_orderkey FROM orders WHERE o_totalprice > 10 AND EXISTS "
                + "(SELECT 1 FROM lineitem WHERE l_orderkey = o_orderkey AND l_quantity > 5)");
        String text = plan.explain();
        assertTrue(plan.firedRules().contains(RULE), plan.firedRules().toString());
        assertEquals(1, count(text, "joinType=[semi]"), text);
        assertTrue(text.contains("LogicalFilter"), text);
    }

    @Test
    void uncorrelatedExistsIsLeftToCalcite() {
        PlannedQuery plan = plan("SELECT count(*) FROM nation WHERE EXISTS (SELECT 1 FROM region WHERE r_name = 'ASIA')");
        assertFalse(plan.firedRules().contains(RULE), plan.firedRules().toString());
    }

    @Test
    void existsOverAnAggregateIsLeftToCalcite() {
        PlannedQuery plan = plan("SELECT c_custkey FROM customer WHERE EXISTS "
                + "(SELECT count(*) FROM orders WHERE o_custkey = c_custkey HAVING count(*) > 3)");
        assertFalse(plan.firedRules().contains(RULE), plan.firedRules().toString());
    }

    @Test
    void existsUnderOrIsLeftToCalcite() {
        PlannedQuery plan = plan("SELECT c_custkey FROM customer WHERE c_acctbal < 0 OR EXISTS "
                + "(SELECT 1 FROM orders WHERE o_custkey = c_custkey)");
        assertFalse(plan.firedRules().contains(RULE), plan.firedRules().toString());
    }
}

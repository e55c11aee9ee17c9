package io.blueshift.sql;

import io.blueshift.sql.plan.SqlFrontEnd;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.sql.plan.JoinDisjunctionPushRewrite;
import io.blueshift.sql.plan.PlannedQuery;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Where an OR in a join condition gives each input a filter of its own, and where it cannot. */
class JoinDisjunctionPushRewriteTest {
    private static final String RULE = JoinDisjunctionPushRewrite.class.getSimpleName();

    private static PlannedQuery plan(String sql) {
        return new SqlFrontEnd(TpchFiles.catalog()).plan(sql);
    }

    @Test
    void q7NationPairFiltersEachNation() {
        PlannedQuery plan = plan(TpchFiles.query(7));
        String text = plan.explain();
        assertTrue(plan.firedRules().contains(RULE), plan.firedRules().toString());
        // both nation scans get the implied filter, below the join that keeps the OR (string literals are UTF-8)
        assertTrue(text.split(Pattern.quote("Sarg[_UTF-8'FRANCE'"), -1).length - 1 == 2, text);
    }

    @Test
    void aBranchWithoutAFilterOfItsOwnImpliesNothing() {
        PlannedQuery plan = plan("SELECT count(*) FROM supplier, nation WHERE s_nationkey = n_nationkey "
                + "AND (n_name = 'FRANCE' OR s_acctbal > n_regionkey)");
        assertFalse(plan.firedRules().contains(RULE), plan.explain());
    }

    @Test
    void anOrOverOneInputIsPushedAsItIs() {
        PlannedQuery plan = plan("SELECT count(*) FROM supplier, nation WHERE s_nationkey = n_nationkey "
                + "AND (n_name = 'FRANCE' OR n_name = 'GERMANY')");
        assertFalse(plan.firedRules().contains(RULE), plan.explain());
    }
}

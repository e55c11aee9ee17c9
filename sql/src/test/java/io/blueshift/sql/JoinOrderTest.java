package io.blueshift.sql;

import io.blueshift.columnar.Batch;
import io.blueshift.sql.plan.SqlFrontEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.sql.api.Result;
import io.blueshift.sql.plan.JoinAggregateSemiJoinRewrite;
import io.blueshift.sql.plan.MultiJoinOrderRewrite;
import io.blueshift.sql.plan.PlannedQuery;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.util.ImmutableBitSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cardinality estimates from distinct counts, and the plans they give: the join order of a star of
 * a fact table with a selective dimension and a many-to-many join on a low-cardinality column, and
 * the semi-join that lets a GROUP BY read only the rows of the groups a small join partner keeps.
 */
class JoinOrderTest extends SessionFixture {
    @BeforeEach
    void createTables() {
        run("CREATE TABLE fact (id INTEGER, d1 INTEGER, d2 INTEGER, grp INTEGER)");
        run("INSERT INTO fact SELECT x, x % 1000, x % 500, x % 10 FROM " + Numbers.table() + " WHERE x BETWEEN 1 AND 20000");
        run("CREATE TABLE dim1 (id INTEGER, name VARCHAR)");
        run("INSERT INTO dim1 SELECT x, 'n' || CAST(x AS VARCHAR) FROM " + Numbers.table() + " WHERE x < 1000");
        run("CREATE TABLE dim2 (id INTEGER, grp INTEGER, tag VARCHAR)");
        run("INSERT INTO dim2 SELECT x, x % 10, CASE WHEN x = 7 THEN 'rare' ELSE 'common' END FROM " + Numbers.table()
                + " WHERE x < 500");
    }

    private void run(String sql) {
        try (Result r = session.execute(sql)) {
            while (r.next() instanceof Batch b) {
                b.close();
            }
        }
    }

    private PlannedQuery plan(String sql) {
        return new SqlFrontEnd(db.catalog()).plan(sql);
    }

    private static Join topJoin(RelNode rel) {
        if (rel instanceof Join j) {
            return j;
        }
        for (RelNode in : rel.getInputs()) {
            Join j = topJoin(in);
            if (j != null) {
                return j;
            }
        }
        return null;
    }

    private static Join innermost(RelNode rel) {
        for (RelNode in : rel.getInputs()) {
            Join j = innermost(in);
            if (j != null) {
                return j;
            }
        }
        return rel instanceof Join j ? j : null;
    }

    private static Set<String> tables(RelNode rel) {
        Set<String> out = new HashSet<>();
        if (rel instanceof TableScan scan) {
            List<String> name = scan.getTable().getQualifiedName();
            out.add(name.get(name.size() - 1));
        }
        for (RelNode in : rel.getInputs()) {
            out.addAll(tables(in));
        }
        return out;
    }

    @Test
    void distinctCountsOfTableColumnsAreEstimated() {
        RelNode rel = plan("SELECT * FROM fact").rel();
        RelMetadataQuery mq = rel.getCluster().getMetadataQuery();
        Double grp = mq.getDistinctRowCount(rel, ImmutableBitSet.of(3), null);
        Double id = mq.getDistinctRowCount(rel, ImmutableBitSet.of(0), null);
        assertEquals(10, grp, 0.5);
        assertEquals(20000, id, 20000 * 0.03);
    }

    @Test
    void rangesOfAColumnAreEstimatedFromItsZoneMaps() {
        // fact.id runs 1..20,000: a range keeps its share of that span (Calcite guesses 50% for a
        // comparison and 25% for a BETWEEN), one beyond every value keeps about one row
        assertEquals(2000, rows("SELECT * FROM fact WHERE id <= 2000"), 200);
        assertEquals(1000, rows("SELECT * FROM fact WHERE id BETWEEN 5001 AND 6000"), 100);
        assertEquals(5000, rows("SELECT * FROM fact WHERE id > 15000 AND grp < 100"), 500);
        assertTrue(rows("SELECT * FROM fact WHERE id > 30000") <= 1);
    }

    private double rows(String sql) {
        RelNode rel = plan(sql).rel();
        return rel.getCluster().getMetadataQuery().getRowCount(rel);
    }

    @Test
    void manyToManyJoinOnFewValuesIsEstimatedLarge() {
        // 20,000 x 500 rows sharing 10 values of grp: 1,000,000 rows (Calcite's guess: 15% of the product)
        RelNode rel = plan("SELECT * FROM fact f JOIN dim2 d ON f.grp = d.grp").rel();
        Double rows = rel.getCluster().getMetadataQuery().getRowCount(topJoin(rel));
        assertEquals(1_000_000, rows, 100_000);
    }

    @Test
    void keyJoinIsEstimatedAtTheSizeOfTheForeignKeySide() {
        RelNode rel = plan("SELECT * FROM fact f JOIN dim1 d ON f.d1 = d.id").rel();
        Double rows = rel.getCluster().getMetadataQuery().getRowCount(topJoin(rel));
        assertEquals(20000, rows, 2000);
    }

    @Test
    void selectiveDimensionJoinsFirstAndTheManyToManyJoinIsAvoided() {
        String sql = "SELECT count(*) FROM fact f, dim1 a, dim2 b WHERE f.d1 = a.id AND f.d2 = b.id AND b.tag = 'rare' "
                + "AND a.name <> 'x'";
        PlannedQuery plan = plan(sql);
        assertTrue(plan.firedRules().contains(MultiJoinOrderRewrite.class.getSimpleName()), plan.firedRules().toString());
        // The innermost join is fact with the filtered dim2 (40 rows of fact survive), not fact with dim1.
        Join innermost = innermost(plan.rel());
        assertEquals(Set.of("fact", "dim2"), tables(innermost), plan.explain());
        try (Result r = session.execute(sql)) {
            Batch b = r.next();
            assertEquals(40L, ((Number) b.get(0, 0)).longValue());
            b.close();
        }
    }

    @Test
    void equalColumnsJoinTransitivelySoTheTwoSmallTablesMeetFirst() {
        // a.x = b.x AND b.x = c.x give a.x = c.x: the two small tables can be joined first (10 rows)
        // and the big one last, which the written predicates alone never connect (TPC-H Q5 narrows
        // customers to a region that way before lineitem is probed)
        run("CREATE TABLE ta (x INTEGER)");
        run("INSERT INTO ta SELECT x FROM " + Numbers.table() + " WHERE x < 1000");
        run("CREATE TABLE tb (x INTEGER)");
        run("INSERT INTO tb SELECT x % 1000 FROM " + Numbers.table() + " WHERE x < 20000");
        run("CREATE TABLE tc (x INTEGER)");
        run("INSERT INTO tc SELECT x FROM " + Numbers.table() + " WHERE x < 10");
        String sql = "SELECT count(*) FROM ta, tb, tc WHERE ta.x = tb.x AND tb.x = tc.x";
        PlannedQuery plan = plan(sql);
        assertEquals(Set.of("ta", "tc"), tables(innermost(plan.rel())), plan.explain());
        try (Result r = session.execute(sql)) {
            Batch b = r.next();
            assertEquals(200L, ((Number) b.get(0, 0)).longValue(), "the rows of tb whose x is below 10");
            b.close();
        }
    }

    @Test
    void twoColumnsOfOneTableEqualToTheSameColumnAreBothChecked() {
        // ta.x = tb.a AND ta.x = tb.b put tb.a and tb.b in one class: joining ta to tb must still
        // check both (one of them alone would keep the rows where a <> b)
        run("CREATE TABLE ta (x INTEGER)");
        run("INSERT INTO ta SELECT x FROM " + Numbers.table() + " WHERE x < 100");
        run("CREATE TABLE tb (a INTEGER, b INTEGER)");
        run("INSERT INTO tb SELECT x % 100, x % 50 FROM " + Numbers.table() + " WHERE x < 1000");
        run("CREATE TABLE tc (x INTEGER)");
        run("INSERT INTO tc SELECT x FROM " + Numbers.table() + " WHERE x < 100");
        String sql = "SELECT count(*) FROM ta, tb, tc WHERE ta.x = tb.a AND ta.x = tb.b AND tb.a = tc.x";
        try (Result r = session.execute(sql)) {
            Batch b = r.next();
            assertEquals(500L, ((Number) b.get(0, 0)).longValue(), "the rows of tb with a = b: x % 100 below 50");
            b.close();
        }
    }

    @Test
    void outerJoinsAreLeftToCalcite() {
        PlannedQuery plan = plan("SELECT count(*) FROM fact f LEFT JOIN dim1 a ON f.d1 = a.id LEFT JOIN dim2 b ON f.d2 = b.id");
        assertTrue(!plan.firedRules().contains(MultiJoinOrderRewrite.class.getSimpleName()), plan.firedRules().toString());
    }

    @Test
    void groupByJoinedWithASmallInputReadsOnlyTheRowsOfItsGroups() {
        String sql = "SELECT d.id, s.total FROM dim2 d JOIN (SELECT d2, sum(id) AS total FROM fact GROUP BY d2) s "
                + "ON s.d2 = d.id WHERE d.tag = 'rare'";
        PlannedQuery plan = plan(sql);
        assertTrue(plan.firedRules().contains(JoinAggregateSemiJoinRewrite.class.getSimpleName()), plan.explain());
        assertTrue(plan.explain().contains("joinType=[semi]"), plan.explain());
        try (Result r = session.execute(sql)) {
            Batch b = r.next();
            assertEquals(1, b.rowCount());
            assertEquals(7, ((Number) b.get(0, 0)).intValue());
            // fact rows with d2 = 7 have ids 7, 507, ..., 19507
            assertEquals(40 * 7 + 500L * (39 * 40 / 2), ((Number) b.get(1, 0)).longValue());
            b.close();
        }
    }

    @Test
    void groupByJoinedWithALargerInputIsLeftAlone() {
        PlannedQuery plan = plan("SELECT f.id, s.c FROM fact f JOIN (SELECT grp, count(*) AS c FROM dim2 GROUP BY grp) s "
                + "ON s.grp = f.grp");
        assertTrue(!plan.firedRules().contains(JoinAggregateSemiJoinRewrite.class.getSimpleName()), plan.explain());
    }
}

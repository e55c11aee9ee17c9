package io.blueshift.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.columnar.Batch;
import io.blueshift.sql.api.Result;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * EXPLAIN names columns and writes expressions as SQL, in the manner of PostgreSQL's plans:
 * infix operators, literals as SQL literals (dates as dates, not days since 1970), aggregates and
 * sort keys as written, a join's condition over both inputs' columns.
 */
class ExplainTest extends SessionFixture {
    @BeforeEach
    void createTables() {
        run("CREATE TABLE lineitem (l_orderkey BIGINT, l_quantity DECIMAL(15, 2), l_extendedprice DECIMAL(15, 2),"
                + " l_discount DECIMAL(15, 2), l_returnflag CHAR(1), l_linestatus CHAR(1), l_shipdate DATE, l_comment VARCHAR(44))");
        run("CREATE TABLE orders (o_orderkey BIGINT, o_orderdate DATE, o_orderpriority VARCHAR(15), o_comment VARCHAR(79))");
        run("INSERT INTO lineitem VALUES (1, 17, 100.50, 0.04, 'N', 'O', DATE '1996-03-13', 'carefully'),"
                + " (1, 36, 200.00, 0.09, 'R', 'F', DATE '1998-12-01', NULL), (2, 8, 50.25, 0.10, 'A', 'F', DATE '1994-02-02', 'quick')");
        run("INSERT INTO orders VALUES (1, DATE '1996-01-02', '5-LOW', 'x'), (2, DATE '1996-12-01', '1-URGENT', 'y')");
    }

    private String plan(String sql) {
        StringBuilder sb = new StringBuilder();
        try (Result r = session.execute(sql)) {
            for (Batch next = r.next(); next != null; next = r.next()) {
                try (Batch b = next) {
                    for (int i = 0; i < b.rowCount(); i++) {
                        sb.append(b.get(0, i)).append('\n');
                    }
                }
            }
        }
        return sb.toString();
    }

    private void run(String sql) {
        try (Result r = session.execute(sql)) {
            for (Batch next = r.next(); next != null; next = r.next()) {
                next.close();
            }
        }
    }

    @Test
    void anAggregateWithArithmeticNamesItsColumnsAndWritesTheDateFilterAsADate() {
        run("SET max_parallel_workers_per_gather = 0");
        assertEquals("""
                Sort  Key: l_returnflag, l_linestatus DESC NULLS FIRST
                  -> HashAggregate  Group Key: l_returnflag, l_linestatus  Aggregates: sum(l_quantity), \
                sum(l_extendedprice * (1 - l_discount)), count(*)
                    -> Project  l_returnflag, l_linestatus, l_quantity, l_extendedprice * (1 - l_discount)
                      -> Filter  l_shipdate <= DATE '1998-09-02'  Output: l_quantity, l_extendedprice, l_discount, \
                l_returnflag, l_linestatus
                        -> Scan lineitem  columns: l_quantity, l_extendedprice, l_discount, l_returnflag, \
                l_linestatus, l_shipdate  zone filter: l_shipdate <= DATE '1998-09-02'
                """, plan("EXPLAIN SELECT l_returnflag, l_linestatus, sum(l_quantity),"
                + " sum(l_extendedprice * (1 - l_discount)), count(*) FROM lineitem"
                + " WHERE l_shipdate <= DATE '1998-12-01' - INTERVAL '90' DAY GROUP BY l_returnflag, l_linestatus"
                + " ORDER BY l_returnflag, l_linestatus DESC"));
    }

    @Test
    void aJoinShowsItsConditionAndFiltersTheirLikeAndInLists() {
        run("SET max_parallel_workers_per_gather = 0");
        assertEquals("""
                HashAggregate  Group Key: o_orderpriority  Aggregates: count(*)
                  -> HashJoin INNER  Cond: (o_orderkey = l_orderkey)  Output: o_orderpriority
                    -> Filter  o_orderpriority IN ('1-URGENT', '2-HIGH')
                      -> Scan orders  columns: o_orderkey, o_orderpriority
                    -> Filter  l_comment LIKE '%care%'  Output: l_orderkey
                      -> Scan lineitem  columns: l_orderkey, l_comment
                """, plan("EXPLAIN SELECT o_orderpriority, count(*) FROM orders JOIN lineitem ON o_orderkey = l_orderkey"
                + " WHERE l_comment LIKE '%care%' AND o_orderpriority IN ('1-URGENT', '2-HIGH') GROUP BY o_orderpriority"));
    }

    @Test
    void columnsOfTwoTablesWithOneNameAreQualified() {
        run("SET max_parallel_workers_per_gather = 0");
        run("CREATE TABLE a (id INTEGER, name VARCHAR(10))");
        run("CREATE TABLE b (id INTEGER, a_id INTEGER, name VARCHAR(10))");
        assertEquals("""
                HashJoin INNER  Cond: (id = a_id)  Filter: b.name <> a.name  Output: a.name, b.name
                  -> Scan a  columns: id, name
                  -> Scan b  columns: a_id, name
                """, plan("EXPLAIN SELECT a.name, b.name FROM a JOIN b ON a.id = b.a_id AND b.name <> a.name"));
    }

    @Test
    void aCaseACastASortWithNullsFirstAndALimit() {
        assertEquals("""
                Project  o_orderkey, CASE WHEN o_orderpriority = '1-URGENT' THEN 1 ELSE 0 END, o_orderkey::text, \
                o_comment || 'z', upper(o_comment::text)
                  -> Limit  5 offset 1
                    -> Sort  Key: o_orderdate DESC NULLS FIRST, o_orderkey NULLS FIRST
                      -> Project  o_orderkey, CASE WHEN o_orderpriority = '1-URGENT' THEN 1 ELSE 0 END, \
                o_orderkey::text, o_comment || 'z', upper(o_comment::text), o_orderdate
                        -> Filter  o_comment IS NOT NULL
                          -> Scan orders  columns: o_orderkey, o_orderdate, o_orderpriority, o_comment
                """, plan("EXPLAIN SELECT o_orderkey, CASE WHEN o_orderpriority = '1-URGENT' THEN 1 ELSE 0 END,"
                + " CAST(o_orderkey AS VARCHAR), o_comment || 'z', upper(o_comment) FROM orders WHERE o_comment IS NOT NULL"
                + " ORDER BY o_orderdate DESC NULLS FIRST, o_orderkey NULLS FIRST LIMIT 5 OFFSET 1"));
    }

    @Test
    void windowsAndSemiJoins() {
        run("SET max_parallel_workers_per_gather = 0");
        assertEquals("""
                Project  o_orderkey, row_number() OVER (PARTITION BY o_orderpriority ORDER BY o_orderdate)
                  -> Window  row_number() OVER (PARTITION BY o_orderpriority ORDER BY o_orderdate)
                    -> Scan orders  columns: o_orderkey, o_orderdate, o_orderpriority
                """, plan("EXPLAIN SELECT o_orderkey, row_number() OVER (PARTITION BY o_orderpriority"
                + " ORDER BY o_orderdate) FROM orders"));
        // a GROUP BY over a window: the window's input is the columns it and the aggregate read
        assertTrue(plan("EXPLAIN SELECT max(r), min(o_orderkey) FROM (SELECT o_orderkey, row_number() OVER"
                + " (ORDER BY o_orderdate) AS r FROM orders) x").contains("Scan orders  columns: o_orderkey, o_orderdate\n"));
        String semi = plan("EXPLAIN SELECT o_orderdate FROM orders WHERE o_orderkey IN"
                + " (SELECT l_orderkey FROM lineitem WHERE l_quantity > 10)");
        assertTrue(semi.contains("HashJoin SEMI (build left)  Cond: (o_orderkey = l_orderkey)\n"), semi);
        assertTrue(semi.contains("-> Filter  l_quantity > 10.00\n"), semi);
        assertTrue(semi.contains("zone filter: l_quantity >= 10.01\n"), semi);
    }

    @Test
    void aParallelPlanShowsTheGatherAndEachWorkersCopy() {
        for (int c = 0; c < 10; c++) {
            run("INSERT INTO lineitem SELECT x, x % 50, x, 0.05, 'N', 'O', DATE '1995-01-01' + x % 1000, NULL FROM "
                    + Numbers.table() + " WHERE x >= " + c * 5000 + " AND x < " + (c + 1) * 5000);
        }
        String sql = "SELECT l_returnflag, sum(l_quantity) FROM lineitem WHERE l_shipdate < DATE '1996-01-01'"
                + " GROUP BY l_returnflag";
        run("SET max_parallel_workers_per_gather = 1");
        String plan = plan("EXPLAIN " + sql);
        assertTrue(plan.contains("Gather workers=2\n"), plan);
        assertEquals(2, plan.lines().filter(l -> l.contains("-> Scan lineitem  columns: l_quantity, l_returnflag,"
                + " l_shipdate (parallel)  zone filter: l_shipdate <= DATE '1995-12-31'")).count(), plan);
        String analyzed = plan("EXPLAIN ANALYZE " + sql);
        // every worker's copy reports its own rows; together they passed every row the query counts
        long passed = 0;
        var m = Pattern.compile("-> Filter  l_shipdate < DATE '1996-01-01'  \\(actual rows=(\\d+) batches=\\d+"
                + " time=\\d+\\.\\d{3} ms\\)").matcher(analyzed);
        int copies = 0;
        for (; m.find(); copies++) {
            passed += Long.parseLong(m.group(1));
        }
        assertEquals(2, copies, analyzed);
        assertEquals(plan("SELECT count(*) FROM lineitem WHERE l_shipdate < DATE '1996-01-01'"), passed + "\n", analyzed);
    }

    @Test
    void explainAnalyzeShowsRowsBatchesAndTimePerOperatorThenMemoryAndTime() {
        run("SET max_parallel_workers_per_gather = 0");
        String plan = plan("EXPLAIN ANALYZE SELECT l_returnflag, count(*) FROM lineitem"
                + " WHERE l_shipdate >= DATE '1995-01-01' GROUP BY l_returnflag");
        String actual = "  \\(actual rows=ROWS batches=1 time=\\d+\\.\\d{3} ms\\)";
        assertTrue(Pattern.compile(("""
                HashAggregate  Group Key: l_returnflag  Aggregates: count\\(\\*\\)TWO
                  -> Filter  l_shipdate >= DATE '1995-01-01'TWO
                    -> Scan lineitem  columns: l_returnflag, l_shipdate  zone filter: l_shipdate >= DATE '1995-01-01'\
                  \\(chunks read=1 skipped=0, bytes from disk=0\\)THREE
                Planning time: \\d+\\.\\d{3} ms
                Peak memory: \\d+ bytes
                Execution time: \\d+\\.\\d{3} ms
                """).replace("TWO", actual.replace("ROWS", "2")).replace("THREE", actual.replace("ROWS", "3")))
                .matcher(plan).matches(), plan);
    }
}

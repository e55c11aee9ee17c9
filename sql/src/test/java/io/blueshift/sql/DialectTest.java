package io.blueshift.sql;

import io.blueshift.sql.plan.SqlFrontEnd;
import io.blueshift.sql.api.SqlPositionException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.columnar.SqlType;
import io.blueshift.storage.catalog.Catalog;
import io.blueshift.storage.catalog.ColumnDef;
import io.blueshift.storage.catalog.TableDef;
import io.blueshift.sql.plan.PlannedQuery;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Postgres and Redshift habits the front end accepts, and the result types it reports. */
class DialectTest {
    private static SqlFrontEnd frontEnd() {
        Catalog catalog = new Catalog();
        catalog.schema(Catalog.DEFAULT_SCHEMA).put(new TableDef("t", List.of(
                new ColumnDef("a", SqlType.INTEGER, false),
                new ColumnDef("b", SqlType.varchar(10), true),
                new ColumnDef("p", SqlType.decimal(12, 2), true),
                new ColumnDef("ts", SqlType.TIMESTAMPTZ, true),
                new ColumnDef("iv", SqlType.INTERVAL, true),
                new ColumnDef("s", SqlType.TEXT, true)), 1000));
        catalog.schema("sales").put(new TableDef("orders", List.of(
                new ColumnDef("id", SqlType.BIGINT, false)), 5));
        return new SqlFrontEnd(catalog);
    }

    @Test
    void castsLimitOffsetIlikeGroupByAliasAndOrdinal() {
        PlannedQuery plan = frontEnd().plan(
                "SELECT a::bigint AS k, count(*) FROM t WHERE b ILIKE 'x%' GROUP BY k ORDER BY 2 DESC LIMIT 5 OFFSET 2");
        assertEquals(List.of("k", "count"), plan.columnNames());
        assertEquals(List.of(SqlType.BIGINT, SqlType.BIGINT), plan.sqlTypes());
        assertTrue(plan.explain().contains("fetch=[5]"), plan.explain());
    }

    @Test
    void unnamedColumnsAreNamedAsPostgresNamesThem() {
        PlannedQuery plan = frontEnd().plan("SELECT sum(p), a + 1, max(a), b FROM t GROUP BY a, b");
        assertEquals(List.of("sum", "?column?", "max", "b"), plan.columnNames());
        // a window function is named for its function, as Postgres names it
        PlannedQuery windowed = frontEnd().plan("SELECT a, row_number() OVER (ORDER BY a), sum(p) OVER (PARTITION BY b) FROM t");
        assertEquals(List.of("a", "row_number", "sum"), windowed.columnNames());
    }

    @Test
    void resultTypesMapBackToBlueshiftTypes() {
        PlannedQuery plan = frontEnd().plan("SELECT sum(p), sum(a), ts, iv, s, b, DATE '2024-01-02' FROM t GROUP BY ts, iv, s, b");
        assertEquals(List.of(SqlType.decimal(38, 2), SqlType.BIGINT, SqlType.TIMESTAMPTZ, SqlType.INTERVAL,
                SqlType.TEXT, SqlType.varchar(10), SqlType.DATE), plan.sqlTypes());
    }

    @Test
    void lateralColumnAliasAsRedshiftAllows() {
        PlannedQuery plan = frontEnd().plan("SELECT a * 2 AS twice, twice + 1 AS more FROM t");
        assertEquals(List.of("twice", "more"), plan.columnNames());
    }

    @Test
    void selectListAliasInWhereAsRedshiftAllows() {
        PlannedQuery plan = frontEnd().plan("SELECT a * 2 AS twice FROM t WHERE twice > 10");
        assertEquals(List.of("twice"), plan.columnNames());
        assertEquals(frontEnd().plan("SELECT a * 2 AS twice FROM t WHERE a * 2 > 10").explain(), plan.explain());
        // a column of the input of that name wins over the alias
        assertEquals(frontEnd().plan("SELECT a * 2 AS b FROM t WHERE a > 10").explain(),
                frontEnd().plan("SELECT a * 2 AS a FROM t WHERE a > 10").explain().replace("a=[", "b=["));
        SqlPositionException e = assertThrows(SqlPositionException.class,
                () -> frontEnd().plan("SELECT a * 2 AS twice FROM t WHERE nope > 10"));
        assertEquals("42703", e.sqlState());
    }

    @Test
    void otherSchemasAreReachedQualified() {
        assertEquals(List.of("id"), frontEnd().plan("SELECT id FROM sales.orders;").columnNames());
    }

    @Test
    void constantsAreFoldedAndFiltersPushedIntoJoins() {
        PlannedQuery plan = frontEnd().plan(
                "SELECT x.a FROM t x, t y WHERE x.a = y.a AND y.b = 'q' AND 1 + 1 = 2");
        String text = plan.explain();
        assertTrue(text.contains("LogicalJoin(condition=[=($0, $1)]") || text.contains("LogicalJoin(condition=[=("),
                text);
        assertTrue(!text.contains("+(1, 1)"), text);
    }
}

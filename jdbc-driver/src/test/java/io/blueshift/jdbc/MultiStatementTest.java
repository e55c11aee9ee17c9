package io.blueshift.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.sql.api.SqlPositionException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Text holding several statements runs every one of them in order, as pgJDBC runs it over the
 * simple protocol, or fails with the failing statement's SQLSTATE: none is ever dropped (issue 13:
 * {@code "begin; insert ...; commit"} ran only BEGIN). Deep nesting answers as deep as PostgreSQL
 * does, and 54001 beyond, with the connection still usable.
 */
class MultiStatementTest extends JdbcTestBase {

    @Test
    void everyStatementOfABlockRuns() throws Exception {
        exec("create table t (a int)");
        exec("begin; insert into t values (1); insert into t values (2); commit");
        exec("commit; insert into t values (3)");
        exec("rollback; insert into t values (4)");
        assertEquals(List.of("1", "2", "3", "4"), query("select a from t order by a"));
        assertFalse(((BlueshiftConnection) conn).session().inTransaction());
    }

    @Test
    void resultsComeInOrderThroughGetMoreResults() throws Exception {
        exec("create table t (a int)");
        try (Statement s = conn.createStatement()) {
            assertTrue(s.execute("select 1; insert into t values (7), (8); select count(*) from t"));
            try (ResultSet rs = s.getResultSet()) {
                assertEquals(List.of("1"), rows(rs));
            }
            assertFalse(s.getMoreResults());
            assertEquals(2, s.getUpdateCount());
            assertTrue(s.getMoreResults());
            assertEquals(List.of("2"), rows(s.getResultSet()));
            assertFalse(s.getMoreResults());
            assertEquals(-1, s.getUpdateCount());
        }
    }

    @Test
    void aFailingStatementStopsTheStringWithItsError() throws Exception {
        exec("create table t (a int)");
        SQLException e = assertThrows(SQLException.class, () -> exec("begin; select 1/0; insert into t values (1)"));
        assertEquals("22012", e.getSQLState());
        // the block BEGIN opened failed: later statements get 25P02 until it ends
        assertEquals("25P02", assertThrows(SQLException.class, () -> exec("insert into t values (2)")).getSQLState());
        exec("rollback");
        BlueshiftSQLException syntax = assertThrows(BlueshiftSQLException.class,
                () -> exec("insert into t values (3); selec 2"));
        assertEquals("42601", syntax.getSQLState());
        assertEquals(27, syntax.position(), "the position counts in the whole text");
        // the string ran as one implicit transaction, as in Postgres: its failure undid the insert
        assertEquals(List.of(), query("select a from t"));
        // COMMIT in the string commits what came before it; the statements after it start another
        assertEquals("22012", assertThrows(SQLException.class,
                () -> exec("insert into t values (4); commit; insert into t values (5); select 1/0")).getSQLState());
        assertEquals(List.of("4"), query("select a from t"));

    }

    @Test
    void transactionStatementsParseTheirWholeText() throws Exception {
        BlueshiftSQLException e = assertThrows(BlueshiftSQLException.class, () -> exec("BEGIN this is not sql"));
        assertEquals("42601", e.getSQLState());
        assertEquals(7, e.position());
        assertFalse(((BlueshiftConnection) conn).session().inTransaction());
        assertEquals("0A000", assertThrows(SQLException.class, () -> exec("rollback to savepoint s")).getSQLState());
    }

    @Test
    void aSessionRefusesSeveralStatementsAsOne() {
        var session = ((BlueshiftConnection) conn).session();
        var e = assertThrows(SqlPositionException.class, () -> session.execute("begin; select 1"));
        assertEquals("42601", e.sqlState());
        assertFalse(session.inTransaction());
    }

    @Test
    void nestingAsDeepAsPostgresAnswers() throws Exception {
        assertEquals(List.of("1"), query("select " + "(".repeat(5_000) + "1" + ")".repeat(5_000)));
        assertEquals(List.of("1"), query("select " + "(select ".repeat(300) + "1" + ")".repeat(300)));
        assertEquals(List.of("3000"), query("select 1" + "+1".repeat(2_999)));
        assertEquals(List.of("t"), query("select " + "not ".repeat(3_000) + "true"));
    }

    @Test
    void aDeepExpressionComputesEveryBatchOnTheLargeStack() throws Exception {
        exec("create table t (a int)");
        exec("insert into t select * from generate_series(1, 100000)");
        // planned on the large stack; from its second batch on it overflowed the caller's 1 MB stack
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("select a" + "+a".repeat(1_999) + " from t")) {
            long rows = 0;
            while (rs.next()) {
                rows++;
            }
            assertEquals(100_000, rows);
        }
    }

    @Test
    void deeperNestingIs54001AndTheConnectionGoesOn() throws Exception {
        for (String sql : List.of(
                "select " + "(".repeat(10_000) + "1" + ")".repeat(10_000),
                "select 1" + "+1".repeat(99_999),
                "select " + "case when true then ".repeat(2_000) + "1" + " end".repeat(2_000),
                "select " + "not ".repeat(10_000) + "true")) {
            long start = System.nanoTime();
            SQLException e = assertThrows(SQLException.class, () -> exec(sql));
            assertEquals("54001", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains("Hint:"), e.getMessage());
            assertTrue(System.nanoTime() - start < 10_000_000_000L, "refused before it recursed");
        }
        assertEquals(List.of("1"), query("select 1"));
    }
}

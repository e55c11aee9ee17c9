package io.blueshift.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.ResultSet;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Statement execution, results and update counts, batches, limits, timeouts and closing. */
class StatementTest extends JdbcTestBase {
    /** Billions of row combinations: runs until something cancels it. */
    private static final String SLOW_QUERY = "select count(*) from t x, t y, t z where x.a + y.a = z.a + 1";

    /** A table of 3,000 rows for {@link #SLOW_QUERY}. */
    private void slowTable() throws Exception {
        exec("create table t (a int)");
        StringBuilder values = new StringBuilder("insert into t values (0)");
        for (int i = 1; i < 3000; i++) {
            values.append(", (").append(i).append(')');
        }
        exec(values.toString());
    }

    @Test
    void ddlInsertAndQuery() throws Exception {
        try (Statement s = conn.createStatement()) {
            assertFalse(s.execute("create table t (id int primary key, name varchar(20))"));
            assertEquals(0, s.getUpdateCount());
            assertEquals(2, s.executeUpdate("insert into t values (1, 'one'), (2, 'two')"));
            assertTrue(s.execute("select name from t order by id"));
            assertEquals(-1, s.getUpdateCount());
            ResultSet rs = s.getResultSet();
            assertEquals(List.of("one", "two"), rows(rs));
            assertFalse(s.getMoreResults());
            assertTrue(rs.isClosed(), "getMoreResults closes the current result");
            assertNull(s.getResultSet());
            assertEquals(-1, s.getUpdateCount());
        }
    }

    @Test
    void executeQueryAndExecuteUpdateRejectTheOtherKind() throws Exception {
        exec("create table t (a int)");
        try (Statement s = conn.createStatement()) {
            sqlError("02000", () -> s.executeQuery("insert into t values (1)"));
            sqlError("0100E", () -> s.executeUpdate("select * from t"));
        }
    }

    @Test
    void aNewExecutionClosesThePreviousResult() throws Exception {
        try (Statement s = conn.createStatement()) {
            ResultSet first = s.executeQuery("select 1");
            ResultSet second = s.executeQuery("select 2");
            assertTrue(first.isClosed());
            assertEquals(List.of("2"), rows(second));
        }
    }

    @Test
    void closingTheStatementClosesItsResultAndTheConnectionItsStatements() throws Exception {
        Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("select 1");
        s.close();
        assertTrue(rs.isClosed());
        sqlError("08003", () -> s.executeQuery("select 1"));
        Statement other = conn.createStatement();
        ResultSet open = other.executeQuery("select 1");
        conn.close();
        assertTrue(other.isClosed());
        assertTrue(open.isClosed());
        sqlError("08003", conn::createStatement);
    }

    @Test
    void closeOnCompletionClosesTheStatementWithItsResultOnly() throws Exception {
        Statement s = conn.createStatement();
        s.closeOnCompletion();
        ResultSet first = s.executeQuery("select 1");
        ResultSet second = s.executeQuery("select 2");
        assertTrue(first.isClosed());
        assertFalse(s.isClosed(), "a new execution closing the old result keeps the statement");
        second.close();
        assertTrue(s.isClosed());
    }

    @Test
    void keptResultsStayOpenUntilTheStatementCloses() throws Exception {
        Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("select 1");
        assertFalse(s.getMoreResults(Statement.KEEP_CURRENT_RESULT));
        assertFalse(rs.isClosed());
        assertEquals(List.of("1"), rows(rs));
        s.close();
        assertTrue(rs.isClosed());
    }

    @Test
    void maxRowsCutsTheResult() throws Exception {
        exec("create table t (a int)", "insert into t values (1), (2), (3), (4)");
        try (Statement s = conn.createStatement()) {
            s.setMaxRows(2);
            s.setFetchSize(1);
            assertEquals(1, s.getFetchSize());
            assertEquals(List.of("1", "2"), rows(s.executeQuery("select a from t order by a")));
        }
    }

    @Test
    void batchOfStatements() throws Exception {
        exec("create table t (a int)");
        try (Statement s = conn.createStatement()) {
            s.addBatch("insert into t values (1)");
            s.addBatch("insert into t values (2), (3)");
            assertArrayEquals(new int[] {1, 2}, s.executeBatch());
            assertEquals(List.of("3"), query("select count(*) from t"));
            s.addBatch("insert into t values (4)");
            s.addBatch("insert into missing values (5)");
            BatchUpdateException e = assertThrows(BatchUpdateException.class, s::executeBatch);
            assertEquals("42P01", e.getSQLState());
            assertArrayEquals(new int[] {1}, e.getUpdateCounts());
        }
    }

    @Test
    void rowsStreamAcrossManyBatches() throws Exception {
        exec("create table t (a int)");
        StringBuilder values = new StringBuilder("insert into t values (0)");
        for (int i = 1; i < 5000; i++) {
            values.append(", (").append(i).append(')');
        }
        exec(values.toString());
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("select a from t where a % 2 = 0")) {
            long sum = 0;
            int n = 0;
            while (rs.next()) {
                sum += rs.getInt(1);
                n++;
            }
            assertEquals(2500, n);
            assertEquals(2500L * 4998 / 2, sum);
        }
    }

    @Test
    void queryTimeoutCancelsALongQuery() throws Exception {
        slowTable();
        try (Statement s = conn.createStatement()) {
            s.setQueryTimeout(1);
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> sqlError("57014", () -> {
                try (ResultSet rs = s.executeQuery(SLOW_QUERY)) {
                    rs.next();
                }
            }));
            s.setQueryTimeout(0);
            assertEquals(List.of("1"), rows(s.executeQuery("select 1")), "the session works after a cancel");
        }
    }

    @Test
    void cancelFromAnotherThreadStopsTheQuery() throws Exception {
        slowTable();
        try (Statement s = conn.createStatement()) {
            Thread canceller = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    s.cancel();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            canceller.start();
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> sqlError("57014", () -> {
                try (ResultSet rs = s.executeQuery(SLOW_QUERY)) {
                    rs.next();
                }
            }));
            canceller.join();
        }
    }

    @Test
    void unsupportedFeaturesSay0A000() throws Exception {
        SQLFeatureNotSupportedException e = assertThrows(SQLFeatureNotSupportedException.class, () -> conn.prepareCall("x"));
        assertEquals("0A000", e.getSQLState());
        assertThrows(SQLFeatureNotSupportedException.class, conn::setSavepoint);
        assertThrows(SQLFeatureNotSupportedException.class,
                () -> conn.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY));
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
            assertThrows(SQLFeatureNotSupportedException.class, () -> rs.updateInt(1, 2));
            assertThrows(SQLFeatureNotSupportedException.class, rs::previous);
        }
    }
}

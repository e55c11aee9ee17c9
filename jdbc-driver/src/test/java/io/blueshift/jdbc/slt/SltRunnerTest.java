package io.blueshift.jdbc.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner itself, on DuckDB: what passes, what fails and how a failure reads. */
class SltRunnerTest {
    private static final SltEngine DUCKDB = new SltEngine("duckdb", () -> DriverManager.getConnection("jdbc:duckdb:"), false);

    private static SltRunner.Result run(String text) throws SQLException {
        return SltRunner.run("test.slt", text, DUCKDB);
    }

    @Test
    void matchingResultsPass() throws SQLException {
        SltRunner.Result result = run("""
                statement ok
                CREATE TABLE t (i INTEGER, s VARCHAR, r DOUBLE, d DECIMAL(5,2), b BOOLEAN)

                statement ok
                INSERT INTO t VALUES (2, '', 1.0 / 3, 1.5, true), (1, NULL, -0.0001, NULL, false)

                query ITRDB
                SELECT * FROM t ORDER BY i
                ----
                1	NULL	0.000	NULL	false
                2	(empty)	0.333	1.50	true

                query I rowsort
                SELECT i FROM t
                ----
                2
                1

                query II valuesort
                SELECT i, i * 10 FROM (VALUES (1), (2)) v(i)
                ----
                1	10
                2	20

                statement error 42P01
                SELECT * FROM nosuch
                """);
        assertEquals(List.of(), result.failures());
        assertEquals(6, result.ran());
    }

    @Test
    void wrongRowsFailWithFileLineSqlAndBothResults() throws SQLException {
        SltRunner.Result result = run("""
                # a comment

                query I
                SELECT 1 UNION ALL SELECT 2 ORDER BY 1
                ----
                2
                1
                """);
        assertEquals(1, result.failures().size());
        String failure = result.failures().getFirst();
        assertTrue(failure.startsWith("test.slt:3: wrong result (nosort)"), failure);
        assertTrue(failure.contains("SELECT 1 UNION ALL SELECT 2 ORDER BY 1"), failure);
        assertTrue(failure.contains("expected 2 lines:\n    2\n    1\n  actual 2 lines:\n    1\n    2"), failure);
        assertThrows(AssertionError.class, result::assertPassed);
    }

    @Test
    void everyKindOfMismatchIsAFailure() throws SQLException {
        SltRunner.Result result = run("""
                statement ok
                SELECT nope

                statement error
                SELECT 1

                query error
                SELECT 1

                query II
                SELECT 1

                query I
                SELECT 1.5

                # no result section: no rows expected
                query I
                SELECT 1
                """);
        List<String> failures = result.failures();
        assertEquals(6, failures.size(), String.join("\n", failures));
        assertTrue(failures.get(0).startsWith("test.slt:1: unexpected error"), failures.get(0));
        assertTrue(failures.get(1).contains("expected an error but the statement succeeded"), failures.get(1));
        assertTrue(failures.get(2).contains("expected an error but the query succeeded"), failures.get(2));
        assertTrue(failures.get(3).contains("returned 1 columns but the record declares 2"), failures.get(3));
        assertTrue(failures.get(4).contains("<BigDecimal: 1.5>"), failures.get(4));
        assertTrue(failures.get(5).contains("expected 0 lines:\n    (no rows)"), failures.get(5));
    }

    @Test
    void sqlStateIsCheckedWhereTheEngineReportsIt() throws SQLException {
        String text = """
                statement error 22012
                SELECT nope
                """;
        assertEquals(List.of(), run(text).failures());
        SltEngine strict = new SltEngine("duckdb", DUCKDB.connections(), true);
        List<String> failures = SltRunner.run("test.slt", text, strict).failures();
        assertEquals(1, failures.size());
        assertTrue(failures.getFirst().contains("expected SQLSTATE 22012 but got"), failures.getFirst());
    }

    @Test
    void conditionsAndHaltSelectRecords() throws SQLException {
        SltRunner.Result result = run("""
                onlyif postgres
                query I
                SELECT 1
                ----
                2

                skipif duckdb
                statement ok
                SELECT nope

                skipif postgres
                query I
                SELECT 3
                ----
                3

                mode skip

                statement ok
                SELECT nope

                mode unskip

                skipif postgres
                halt

                statement ok
                SELECT nope
                """);
        assertEquals(List.of(), result.failures());
        assertEquals(1, result.ran());
        assertEquals(2, result.skipped());
    }

    @Test
    void malformedFilesAreRejectedWithTheirLine() {
        assertParseError("statement okay\nSELECT 1\n", "test.slt:1:");
        assertParseError("\nskipif mysql\nstatement ok\nSELECT 1\n", "test.slt:2:");
        assertParseError("query IX\nSELECT 1\n", "column types");
        assertParseError("statement error 2201\nSELECT 1\n", "SQLSTATE");
        assertParseError("query I sorted\nSELECT 1\n", "sort mode");
        assertParseError("statement ok\n\n", "no SQL");
        assertParseError("statement ok\nSELECT 1\n----\n1\n", "no result section");
        assertParseError("statement ok\nSELECT 1\n\nskipif duckdb\n", "applies to no record");
    }

    private static void assertParseError(String text, String expected) {
        SltParseException e = assertThrows(SltParseException.class, () -> SltParser.parse("test.slt", text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}

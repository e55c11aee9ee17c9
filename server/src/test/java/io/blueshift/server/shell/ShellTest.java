package io.blueshift.server.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell end to end over DuckDB: tables, command tags, NULLs, multi-line input and errors. */
class ShellTest {
    private ShellFixture shell;

    @BeforeEach
    void open() throws SQLException {
        shell = new ShellFixture();
    }

    @AfterEach
    void close() throws SQLException {
        shell.close();
    }

    @Test
    void printsAlignedTablesWithNumbersRightAndTextLeft() {
        assertTrue(shell.run("""
                create table t (id integer, name varchar, price decimal(10,2));
                insert into t values (1, 'apple', 1.5), (22, NULL, 10.25), (333, 'kiwi', NULL);
                select * from t order by id;
                """));
        assertEquals("""
                CREATE TABLE
                INSERT 0 3
                 id  | name  | price\s
                -----+-------+-------
                   1 | apple |  1.50
                  22 |       | 10.25
                 333 | kiwi  |      \n\
                (3 rows)

                """, shell.out());
        assertEquals("", shell.err());
    }

    @Test
    void aStatementGoesOnOverLinesInsideADollarQuoteAndANestedComment() {
        assertTrue(shell.run("""
                select length($body$one;
                two$body$) as n /* a comment; /* nested;
                */ still the comment; */ ;
                """));
        assertEquals("""
                 n\s
                ---
                 8
                (1 row)

                """, shell.out());
        assertEquals("", shell.err());
    }

    @Test
    void explainPrintsThePlanOneOperatorALine() throws Exception {
        try (ShellFixture shell = new ShellFixture(DriverManager.getConnection("jdbc:blueshift:mem:"))) {
            explainPrintsThePlan(shell);
        }
    }

    private static void explainPrintsThePlan(ShellFixture shell) {
        boolean ok = shell.run("""
                set max_parallel_workers_per_gather = 0;
                create table planned (id integer, name varchar);
                explain select name from planned where id = 7 and name like 'a%';
                """);
        String out = shell.out();
        assertTrue(ok, shell.err() + out);
        assertTrue(out.contains(" QUERY PLAN"), out);
        assertTrue(out.contains(" Filter  (id = 7) AND (name LIKE 'a%')  Output: name\n"), out);
        assertTrue(out.contains("   -> Scan planned  columns: id, name  zone filter: id = 7\n"), out);
        assertTrue(out.contains("(2 rows)"), out);
    }

    @Test
    void oneRowFooterAndCenteredHeadings() {
        assertTrue(shell.run("select 42 as answer, 'a' as a_rather_long_heading;"));
        assertEquals("""
                 answer | a_rather_long_heading\s
                --------+-----------------------
                     42 | a
                (1 row)

                """, shell.out());
    }

    @Test
    void emptyResultsStillShowTheirHeadings() {
        assertTrue(shell.run("select 1 as x where false;"));
        assertEquals("""
                 x\s
                ---
                (0 rows)

                """, shell.out());
    }

    @Test
    void nullDisplayIsConfigurable() {
        assertTrue(shell.run("""
                \\pset null '(null)'
                select NULL::integer as n, 'x' as s;
                """));
        assertEquals("""
                Null display is "(null)".
                   n    | s\s
                --------+---
                 (null) | x
                (1 row)

                """, shell.out());
    }

    @Test
    void booleansAndLineBreaksLookAsInPsql() {
        assertTrue(shell.run("select true as t, false as f, 'one' || chr(10) || 'three' as lines, 7 as n;"));
        assertEquals("""
                 t | f | lines | n\s
                ---+---+-------+---
                 t | f | one  +| 7
                   |   | three |\s\s
                (1 row)

                """, shell.out());
    }

    @Test
    void statementsMaySpanLinesAndHideSemicolonsInQuotesAndComments() {
        assertTrue(shell.run("""
                select 'a;b' as x, -- not the end;
                  /* nor; this */ 2 as y
                ;
                """));
        assertEquals("""
                  x  | y\s
                -----+---
                 a;b | 2
                (1 row)

                """, shell.out());
    }

    @Test
    void commandTagsForUpdatesDeletesAndDdl() {
        assertTrue(shell.run("""
                create table t (a integer);
                insert into t select * from range(5);
                update t set a = a + 1 where a < 2;
                delete from t where a > 3;
                create view v as select * from t;
                drop view v;
                drop table t;
                """));
        assertEquals("""
                CREATE TABLE
                INSERT 0 5
                UPDATE 2
                DELETE 1
                CREATE VIEW
                DROP VIEW
                DROP TABLE
                """, shell.out());
    }

    @Test
    void expandedDisplayPrintsRecords() {
        assertTrue(shell.run("""
                \\x
                select 1 as id, 'a longer value here' as description union all select 2, NULL order by id;
                """));
        assertEquals("""
                Expanded display is on.
                -[ RECORD 1 ]--------------------
                id          | 1
                description | a longer value here
                -[ RECORD 2 ]--------------------
                id          | 2
                description |\s

                """, shell.out());
    }

    @Test
    void errorsCarryTheSqlStateAndDoNotEndTheShell() {
        assertFalse(shell.run("""
                select * from missing_table;
                select 1 as still_here;
                """));
        String err = shell.err();
        // DuckDB sends no SQLSTATE and draws its own caret, which the shell leaves as it is.
        assertTrue(err.startsWith("ERROR:  Catalog Error: Table with name missing_table does not exist!"), err);
        assertTrue(err.contains("\nLINE 1: select * from missing_table\n                      ^"), err);
        assertTrue(shell.out().contains("still_here"));
    }

    @Test
    void scriptsRunTheirLastStatementEvenWithoutASemicolon() {
        assertTrue(shell.run("select 5 as five"));
        assertTrue(shell.out().contains("    5\n(1 row)"));
    }

    @Test
    void timingPrintsAfterEachStatement() {
        assertTrue(shell.run("\\timing\nselect 1;\n"));
        String out = shell.out();
        assertTrue(out.startsWith("Timing is on.\n"), out);
        assertTrue(out.matches("(?s).*\\(1 row\\)\n\nTime: \\d+\\.\\d{3} ms\n"), out);
    }

    @Test
    void unknownCommandsSayHowToGetHelp() {
        assertFalse(shell.run("\\frobnicate\n"));
        assertEquals("invalid command \\frobnicate\nTry \\? for help.\n", shell.err());
    }

    @Test
    void quitStopsReadingAndIncludeRunsFiles(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("script.sql");
        Files.writeString(file, "select 'from file' as source;\n");
        assertTrue(shell.run("\\i " + file + "\n\\q\nselect 'never' as x;\n"));
        String out = shell.out();
        assertTrue(out.contains("from file"), out);
        assertFalse(out.contains("never"), out);
    }

    @Test
    void largeResultsStreamInChunksWhoseWidthsOnlyGrow() {
        assertTrue(shell.run("select case when range < 1000 then 'a' else 'longer' end as s from range(1002) order by range;"));
        String out = shell.out();
        assertTrue(out.startsWith(" s \n---\n a\n a\n"), out.substring(0, 20));
        assertTrue(out.endsWith(" a\n longer\n longer\n(1002 rows)\n\n"), out.substring(out.length() - 60));
        assertEquals(1, out.split("---", -1).length - 1, "one header for the whole result");
    }

    @Test
    void wideCharactersTakeTwoColumns() {
        assertTrue(shell.run("select '日本語' as word, 'ab' as other;"));
        assertEquals("""
                  word  | other\s
                --------+-------
                 日本語 | ab
                (1 row)

                """, shell.out());
    }

    @Test
    void helpAndCatalogsAreListed() {
        assertTrue(shell.run("\\?\n\\l\n"));
        String out = shell.out();
        assertTrue(out.startsWith("General\n  \\q"), out);
        assertTrue(out.contains("List of databases\n"), out);
        assertTrue(out.contains(" memory\n"), out);
    }
}

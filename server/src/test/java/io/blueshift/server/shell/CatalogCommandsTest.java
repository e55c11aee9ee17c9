package io.blueshift.server.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The backslash listings over DuckDB's JDBC metadata. */
class CatalogCommandsTest {
    private ShellFixture shell;

    @BeforeEach
    void open() throws SQLException {
        shell = new ShellFixture();
        assertTrue(shell.run("""
                create table orders (id integer not null, customer varchar default 'nobody', total decimal(12,2));
                create schema sales;
                create table sales.regions (name varchar);
                create view big_orders as select * from orders where total > 100;
                """));
        shell.out();
    }

    @AfterEach
    void close() throws SQLException {
        shell.close();
    }

    @Test
    void describeListsColumnsTypesNullabilityAndDefaults() {
        assertTrue(shell.run("\\d orders\n"));
        assertEquals("""
                              Table "main.orders"
                  Column  |     Type      | Nullable | Default \s
                ----------+---------------+----------+----------
                 id       | INTEGER       | not null |\s
                 customer | VARCHAR       |          | 'nobody'
                 total    | DECIMAL(12,2) |          |\s
                (3 rows)

                """, shell.out());
    }

    @Test
    void describeFindsQualifiedAndDifferentlyCasedNames() {
        assertTrue(shell.run("\\d sales.regions\n\\d BIG_ORDERS\n"));
        String out = shell.out();
        assertTrue(out.contains("Table \"sales.regions\""), out);
        assertTrue(out.contains("View \"main.big_orders\""), out);
    }

    @Test
    void describeOfAMissingRelationIsAnError() {
        assertFalse(shell.run("\\d nothing_here\n"));
        assertEquals("Did not find any relation named \"nothing_here\".\n", shell.err());
    }

    @Test
    void listsRelationsTablesViewsAndSchemas() {
        assertTrue(shell.run("\\d\n"));
        assertEquals("""
                      List of relations
                 Schema |    Name    | Type \s
                --------+------------+-------
                 main   | big_orders | view
                 main   | orders     | table
                 sales  | regions    | table
                (3 rows)

                """, shell.out());
        assertTrue(shell.run("\\dt\n\\dv\n"));
        String out = shell.out();
        assertTrue(out.contains(" main   | orders  | table\n sales  | regions | table\n(2 rows)"), out);
        assertTrue(out.contains(" main   | big_orders | view\n(1 row)"), out);
        assertTrue(shell.run("\\dn\n"));
        out = shell.out();
        assertTrue(out.contains(" main\n") && out.contains(" sales\n"), out);
        assertFalse(out.contains("information_schema"), out);
    }

    @Test
    void patternsNarrowListingsAndDescriptions() {
        assertTrue(shell.run("\\dt reg*\n"));
        assertEquals("""
                      List of tables
                 Schema |  Name   | Type \s
                --------+---------+-------
                 sales  | regions | table
                (1 row)

                """, shell.out());
        assertTrue(shell.run("\\d *orders\n"));
        String out = shell.out();
        assertTrue(out.contains("View \"main.big_orders\"") && out.contains("Table \"main.orders\""), out);
        assertTrue(shell.run("\\dv o?ders\n"));
        assertEquals("Did not find any views.\n", shell.err());
    }
}

package io.blueshift.sql;

import io.blueshift.sql.plan.SqlFrontEnd;
import io.blueshift.sql.api.SqlPositionException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.blueshift.columnar.SqlType;
import io.blueshift.storage.catalog.Catalog;
import io.blueshift.storage.catalog.ColumnDef;
import io.blueshift.storage.catalog.TableDef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Errors carry Postgres's SQLSTATE and the 1-based position of the offending token. */
class ErrorTest {
    private static Catalog catalog() {
        Catalog catalog = new Catalog();
        catalog.schema(Catalog.DEFAULT_SCHEMA)
                .put(new TableDef("t", List.of(
                        new ColumnDef("a", SqlType.INTEGER, false),
                        new ColumnDef("b", SqlType.varchar(10), true),
                        new ColumnDef("d", SqlType.DATE, true)), 100))
                .put(new TableDef("u", List.of(
                        new ColumnDef("a", SqlType.INTEGER, false),
                        new ColumnDef("c", SqlType.decimal(12, 2), true)), 10));
        return catalog;
    }

    private static SqlPositionException fail(String sql) {
        return assertThrows(SqlPositionException.class, () -> new SqlFrontEnd(catalog()).plan(sql));
    }

    private static void assertError(String sql, String sqlState, String token) {
        SqlPositionException e = fail(sql);
        assertEquals(sqlState, e.sqlState(), e.getMessage());
        assertEquals(sql.indexOf(token) + 1, e.position(), e.getMessage());
    }

    @Test
    void syntaxErrorAtTheUnexpectedToken() {
        SqlPositionException e = fail("SELECT a FROM t WHERE a = = 1");
        assertEquals("42601", e.sqlState());
        assertEquals(27, e.position(), e.getCause().getMessage());
        assertEquals("syntax error at or near \"=\"", e.getMessage());
    }

    @Test
    void syntaxErrorOnALaterLineCountsCharactersFromTheStart() {
        String sql = "SELECT a\r\nFROM t\nWHERE FROM";
        SqlPositionException e = fail(sql);
        assertEquals("42601", e.sqlState());
        assertEquals(sql.lastIndexOf("FROM") + 1, e.position());
    }

    @Test
    void syntaxErrorAtEndOfInput() {
        SqlPositionException e = fail("SELECT a FROM t WHERE");
        assertEquals("42601", e.sqlState());
        assertEquals("syntax error at end of input", e.getMessage());
        assertEquals(22, e.position(), "one past the end, as Postgres");
    }

    @Test
    void syntaxErrorAfterAReservedWordNamesTheFailingToken() {
        SqlPositionException e = fail("SELECT a FROM");
        assertEquals("42601", e.sqlState());
        assertEquals("syntax error at end of input", e.getMessage());
        assertEquals(14, e.position());
    }

    @Test
    void unknownTable() {
        assertError("SELECT a FROM nosuch", "42P01", "nosuch");
        assertEquals("relation \"nosuch\" does not exist", fail("SELECT a FROM nosuch").getMessage());
    }

    @Test
    void unknownColumn() {
        assertError("SELECT a, zz FROM t", "42703", "zz");
        assertEquals("column \"zz\" does not exist", fail("SELECT a, zz FROM t").getMessage());
    }

    @Test
    void ambiguousColumn() {
        assertError("SELECT b FROM t, u WHERE a = 1", "42702", "a = 1");
    }

    @Test
    void whereMustBeBoolean() {
        assertError("SELECT a FROM t WHERE a + 1", "42804", "a + 1");
    }

    @Test
    void unknownFunction() {
        assertError("SELECT a, nosuchfn(a) FROM t", "42883", "nosuchfn");
    }

    @Test
    void identifiersFoldToLowerCaseUnlessQuoted() {
        SqlFrontEnd frontEnd = new SqlFrontEnd(catalog());
        assertEquals(List.of("a"), frontEnd.plan("SELECT A FROM T").columnNames());
        assertEquals(List.of("a"), frontEnd.plan("SELECT \"a\" FROM \"t\"").columnNames());
        assertError("SELECT \"A\" FROM t", "42703", "\"A\"");
        assertError("SELECT a FROM \"T\"", "42P01", "\"T\"");
    }

    @Test
    void tpchIdentifiersFold() {
        SqlFrontEnd frontEnd = new SqlFrontEnd(TpchFiles.catalog());
        assertEquals(List.of("l_orderkey"), frontEnd.plan("SELECT L_ORDERKEY FROM LINEITEM").columnNames());
        SqlPositionException e = assertThrows(SqlPositionException.class,
                () -> frontEnd.plan("SELECT \"L_ORDERKEY\" FROM LINEITEM"));
        assertEquals("42703", e.sqlState());
        assertEquals(8, e.position());
    }
}

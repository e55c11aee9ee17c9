package io.blueshift.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The catalog as a browsing tool sees it through {@link DatabaseMetaData}. */
class DatabaseMetaDataTest extends JdbcTestBase {
    private DatabaseMetaData md;

    @BeforeEach
    void schema() throws Exception {
        exec("create table orders (id int primary key, customer varchar(30) not null, total numeric(10,2) default 0,"
                        + " placed date)",
                "create table order_items (order_id int, line int, sku text, primary key (order_id, line))",
                "create view big_orders as select id, total from orders where total > 100",
                "create schema sales", "create table sales.targets (region text, goal double precision)");
        md = conn.getMetaData();
    }

    /** One column of every row, read by label. */
    private static List<String> column(ResultSet rs, String label) throws Exception {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                out.add(rs.getString(label));
            }
        }
        return out;
    }

    @Test
    void tablesWithPatternsAndTypes() throws Exception {
        assertEquals(List.of("order_items", "orders", "targets", "big_orders"),
                column(md.getTables(null, null, "%", null), "TABLE_NAME"));
        assertEquals(List.of("TABLE", "TABLE", "TABLE", "VIEW"), column(md.getTables(null, null, null, null), "TABLE_TYPE"));
        assertEquals(List.of("big_orders"), column(md.getTables(null, null, "%", new String[] {"VIEW"}), "TABLE_NAME"));
        assertEquals(List.of("order_items", "orders"),
                column(md.getTables("blueshift", "public", "order%", new String[] {"TABLE"}), "TABLE_NAME"));
        assertEquals(List.of("targets"), column(md.getTables(null, "sales", null, null), "TABLE_NAME"));
        assertEquals(List.of("order_items"), column(md.getTables(null, null, "order\\_items", null), "TABLE_NAME"));
        assertEquals(List.of(), column(md.getTables("other", null, null, null), "TABLE_NAME"));
        assertEquals(List.of("blueshift"), column(md.getTables(null, "sales", null, null), "TABLE_CAT"));
    }

    @Test
    void columns() throws Exception {
        try (ResultSet rs = md.getColumns(null, "public", "orders", null)) {
            List<String> seen = new ArrayList<>();
            while (rs.next()) {
                seen.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("DATA_TYPE") + ":" + rs.getString("TYPE_NAME") + ":"
                        + rs.getInt("COLUMN_SIZE") + ":" + rs.getString("DECIMAL_DIGITS") + ":" + rs.getInt("NULLABLE") + ":"
                        + rs.getString("IS_NULLABLE") + ":" + rs.getString("COLUMN_DEF") + ":" + rs.getInt("ORDINAL_POSITION"));
            }
            assertEquals(List.of(
                    "id:" + Types.INTEGER + ":int4:10:0:0:NO:null:1",
                    "customer:" + Types.VARCHAR + ":varchar:30:null:0:NO:null:2",
                    "total:" + Types.NUMERIC + ":numeric:10:2:1:YES:0:3",
                    "placed:" + Types.DATE + ":date:13:null:1:YES:null:4"), seen);
        }
        assertEquals(List.of("order_id", "line"), column(md.getColumns(null, null, "order_items", "%i%"), "COLUMN_NAME"));
        assertEquals(24, md.getColumns(null, null, null, null).getMetaData().getColumnCount());
    }

    @Test
    void primaryKeysSchemasCatalogsTypes() throws Exception {
        assertEquals(List.of("id"), column(md.getPrimaryKeys(null, null, "orders"), "COLUMN_NAME"));
        try (ResultSet rs = md.getPrimaryKeys(null, "public", "order_items")) {
            assertTrue(rs.next());
            assertEquals("line", rs.getString("COLUMN_NAME"));
            assertEquals(2, rs.getShort("KEY_SEQ"));
            assertEquals("order_items_pkey", rs.getString("PK_NAME"));
            assertTrue(rs.next());
            assertEquals("order_id", rs.getString("COLUMN_NAME"));
            assertEquals(1, rs.getInt("KEY_SEQ"));
            assertFalse(rs.next());
        }
        assertEquals(List.of("public", "sales"), column(md.getSchemas(), "TABLE_SCHEM"));
        assertEquals(List.of("sales"), column(md.getSchemas("blueshift", "sa%"), "TABLE_SCHEM"));
        assertEquals(List.of("blueshift"), column(md.getCatalogs(), "TABLE_CAT"));
        assertEquals(List.of("TABLE", "VIEW"), column(md.getTableTypes(), "TABLE_TYPE"));
        List<String> types = column(md.getTypeInfo(), "TYPE_NAME");
        assertTrue(types.containsAll(List.of("int4", "int8", "numeric", "varchar", "text", "bpchar", "date", "timestamptz", "bool")),
                types.toString());
        assertEquals(List.of(), column(md.getImportedKeys(null, null, "orders"), "PKTABLE_NAME"));
        assertEquals(List.of(), column(md.getExportedKeys(null, null, "orders"), "FKTABLE_NAME"));
        assertEquals(List.of(), column(md.getIndexInfo(null, null, "orders", false, true), "INDEX_NAME"));
        assertEquals(List.of(), column(md.getProcedures(null, null, null), "PROCEDURE_NAME"));
        assertEquals(List.of(), column(md.getFunctions(null, null, null), "FUNCTION_NAME"));
        assertEquals(List.of("id"), column(md.getBestRowIdentifier(null, null, "orders", 0, true), "COLUMN_NAME"));
    }

    /** What a browsing tool does: read every column of every row with getObject and check its class. */
    @Test
    void everyAnswerReadsAsItsDeclaredTypes() throws Exception {
        List<ResultSet> answers = List.of(md.getTables(null, null, null, null), md.getColumns(null, null, null, null),
                md.getPrimaryKeys(null, null, "order_items"), md.getSchemas(), md.getCatalogs(), md.getTableTypes(),
                md.getTypeInfo(), md.getBestRowIdentifier(null, null, "orders", 0, true));
        int values = 0;
        for (ResultSet rs : answers) {
            try (rs) {
                var rmd = rs.getMetaData();
                while (rs.next()) {
                    for (int c = 1; c <= rmd.getColumnCount(); c++) {
                        Object v = rs.getObject(c);
                        if (v != null) {
                            assertEquals(rmd.getColumnClassName(c), v.getClass().getName(), rmd.getColumnName(c));
                            values++;
                        }
                    }
                }
            }
        }
        assertTrue(values > 100, values + " values read");
    }

    /** Each SQL capability the metadata claims, exercised. */
    @Test
    void claimedCapabilitiesWork() throws Exception {
        exec("insert into orders values (1, 'ann', 150, null), (2, 'bob', 20, null)",
                "insert into order_items values (1, 1, 'x'), (1, 2, 'y'), (3, 1, 'z')");
        assertTrue(md.nullsAreSortedHigh());
        assertEquals(List.of("20.00", "150.00", "null"), query("select o.total from (select total from orders union all select null) o"
                + " order by 1"));
        assertTrue(md.supportsFullOuterJoins());
        assertEquals(List.of("1|1", "1|1", "2|null", "null|3"),
                query("select o.id, i.order_id from orders o full outer join order_items i on o.id = i.order_id order by 1, 2"));
        assertTrue(md.supportsCorrelatedSubqueries() && md.supportsSubqueriesInExists());
        assertEquals(List.of("1"), query("select id from orders o where exists (select 1 from order_items i where i.order_id = o.id)"));
        assertTrue(md.supportsSubqueriesInIns() && md.supportsSubqueriesInQuantifieds());
        assertEquals(List.of("1"), query("select id from orders where id in (select order_id from order_items)"));
        assertEquals(List.of("1"), query("select id from orders where total > all (select total from orders where id = 2)"));
        assertTrue(md.supportsGroupByUnrelated() && md.supportsOrderByUnrelated() && md.supportsExpressionsInOrderBy());
        assertEquals(List.of("2", "1"), query("select count(*) from order_items group by order_id order by order_id"));
        assertEquals(List.of("ann", "bob"), query("select customer from orders order by -total"));
        assertTrue(md.supportsLikeEscapeClause());
        assertEquals(List.of("1"), query("select count(*) from orders where customer like 'a\\_%' escape '\\' or customer = 'bob'"));
        assertTrue(md.supportsUnion() && md.supportsColumnAliasing() && md.supportsTableCorrelationNames());
        assertEquals(List.of("1", "2", "3"), query("select x.v as y from (select id as v from orders union select order_id from order_items) x order by y"));
        assertTrue(md.supportsAlterTableWithAddColumn() && md.supportsAlterTableWithDropColumn());
        exec("alter table orders add column note text", "alter table orders drop column note");
    }

    @Test
    void productAndCapabilities() throws Exception {
        assertEquals("Blueshift", md.getDatabaseProductName());
        assertEquals(BlueshiftDriver.VERSION, md.getDriverVersion());
        assertEquals("\"", md.getIdentifierQuoteString());
        assertTrue(md.storesLowerCaseIdentifiers());
        assertFalse(md.storesUpperCaseIdentifiers());
        assertTrue(md.supportsBatchUpdates());
        assertTrue(md.supportsResultSetType(ResultSet.TYPE_FORWARD_ONLY));
        assertFalse(md.supportsResultSetType(ResultSet.TYPE_SCROLL_INSENSITIVE));
        assertEquals("jdbc:blueshift:mem:", md.getURL());
        assertEquals(conn, md.getConnection());
        assertEquals(4, md.getJDBCMajorVersion());
    }
}

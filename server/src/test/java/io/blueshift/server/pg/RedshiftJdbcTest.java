package io.blueshift.server.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server as the Redshift JDBC driver uses it: an MD5 login (the driver does no SCRAM), metadata and queries. */
class RedshiftJdbcTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(PgServer.Auth.MD5);
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table rs_sales (id int primary key, region varchar(16) not null, amount decimal(12,2), sold date)");
            s.execute("insert into rs_sales values (1, 'north', 10.50, '2024-01-31'), (2, 'south', null, null), (3, 'north', 4.25, null)");
            s.execute("create table rs_other (x bigint)");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static Connection connect() throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "alice");
        p.setProperty("password", "wonderland");
        p.setProperty("ssl", "false");
        return DriverManager.getConnection("jdbc:redshift://127.0.0.1:" + server.port() + "/dev", p);
    }

    /**
     * Runs a metadata call, aborting the test as a known gap when it fails with {@code symptom}: its SQL
     * needs what the SQL engine lacks, and the test asserts again once the engine has it.
     */
    private static ResultSet metadata(Callable<ResultSet> call, String symptom, String gap) throws Exception {
        try {
            return call.call();
        } catch (SQLException e) {
            Assumptions.assumeFalse(String.valueOf(e.getMessage()).contains(symptom), () -> "known gap: " + gap + " (" + symptom + ")");
            throw e;
        }
    }

    @Test
    void queriesWithParameters() throws Exception {
        try (Connection c = connect()) {
            assertTrue(c.getClass().getName().startsWith("com.amazon.redshift"), c.getClass().getName());
            try (var p = c.prepareStatement("select region, count(*), sum(amount) from rs_sales where id >= ? group by region order by region")) {
                p.setInt(1, 1);
                try (ResultSet rs = p.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("north", rs.getString(1));
                    assertEquals(2, rs.getInt(2));
                    assertEquals(new BigDecimal("14.75"), rs.getBigDecimal(3));
                    assertTrue(rs.next());
                    assertEquals("south", rs.getString(1));
                    assertEquals(null, rs.getBigDecimal(3));
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select current_user, version()")) {
                rs.next();
                assertEquals("alice", rs.getString(1));
                assertTrue(rs.getString(2).startsWith("PostgreSQL "), rs.getString(2));
            }
        }
    }

    @Test
    void getTablesListsTheTables() throws Exception {
        try (Connection c = connect()) {
            DatabaseMetaData md = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = metadata(() -> md.getTables(null, "public", "rs_%", new String[] {"TABLE"}),
                    "column \"table_schem\" does not exist", "the SQL engine cannot use a select-list alias in WHERE, as Redshift can")) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME") + ":" + rs.getString("TABLE_TYPE"));
                }
            }
            assertEquals(List.of("public.rs_other:TABLE", "public.rs_sales:TABLE"), tables);
            List<String> schemas = new ArrayList<>();
            try (ResultSet rs = md.getSchemas()) {
                while (rs.next()) {
                    schemas.add(rs.getString("TABLE_SCHEM"));
                }
            }
            assertTrue(schemas.contains("public"), schemas.toString());
        }
    }

    @Test
    void getColumnsDescribesTheColumns() throws Exception {
        try (Connection c = connect()) {
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = metadata(() -> c.getMetaData().getColumns(null, "public", "rs_sales", "%"),
                    "syntax error at or near \">\"", "the SQL engine has no bit shift operator >> (for numeric precision from atttypmod)")) {
                while (rs.next()) {
                    columns.add(rs.getInt("ORDINAL_POSITION") + " " + rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME")
                            + " " + rs.getInt("DATA_TYPE") + " " + rs.getInt("COLUMN_SIZE") + " " + rs.getString("IS_NULLABLE"));
                }
            }
            assertEquals(List.of("1 id int4 " + Types.INTEGER + " 10 NO", "2 region varchar " + Types.VARCHAR + " 16 NO",
                    "3 amount numeric " + Types.NUMERIC + " 12 YES", "4 sold date " + Types.DATE + " 13 YES"), columns);
        }
    }
}

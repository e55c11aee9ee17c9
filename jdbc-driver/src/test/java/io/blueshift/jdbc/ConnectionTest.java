package io.blueshift.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** URLs, the driver's registration, connection properties, shared databases and closing. */
class ConnectionTest extends JdbcTestBase {
    @Test
    void driverIsRegisteredAndAcceptsOnlyItsUrls() throws Exception {
        Driver d = DriverManager.getDriver("jdbc:blueshift:mem:");
        assertTrue(d instanceof BlueshiftDriver);
        assertTrue(d.acceptsURL("jdbc:blueshift:/tmp/db"));
        assertFalse(d.acceptsURL("jdbc:postgresql://localhost/x"));
        assertNull(d.connect("jdbc:postgresql://localhost/x", new Properties()));
        assertEquals(BlueshiftDriver.MAJOR_VERSION, d.getMajorVersion());
        assertEquals("currentSchema", d.getPropertyInfo("jdbc:blueshift:mem:", new Properties())[0].name);
        sqlError("08001", () -> d.connect("jdbc:blueshift:", new Properties()));
    }

    @Test
    void twoConnectionsToASharedDatabaseSeeTheSameTables() throws Exception {
        try (Connection a = DriverManager.getConnection("jdbc:blueshift:mem:shared");
             Connection b = DriverManager.getConnection("jdbc:blueshift:mem:shared");
             Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            sa.execute("create table t (a int)");
            sa.execute("insert into t values (41)");
            assertEquals(List.of("41"), rows(sb.executeQuery("select a from t")));
            sb.execute("insert into t values (42)");
            assertEquals(List.of("2"), rows(sa.executeQuery("select count(*) from t")));
        }
        try (Connection c = DriverManager.getConnection("jdbc:blueshift:mem:shared"); Statement s = c.createStatement()) {
            sqlError("42P01", () -> s.executeQuery("select * from t"));
        }
    }

    @Test
    void privateDatabasesAreSeparate() throws Exception {
        exec("create table t (a int)");
        try (Connection other = DriverManager.getConnection("jdbc:blueshift:mem:"); Statement s = other.createStatement()) {
            sqlError("42P01", () -> s.executeQuery("select * from t"));
        }
    }

    @Test
    void directoryUrlsOpenOneDatabasePerDirectory(@TempDir Path dir) throws Exception {
        String url = "jdbc:blueshift:" + dir.toAbsolutePath();
        try (Connection a = DriverManager.getConnection(url);
             Connection b = DriverManager.getConnection(url + "/./?timezone=UTC");
             Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            sa.execute("create table t (a int)");
            assertEquals(List.of("0"), rows(sb.executeQuery("select count(*) from t")));
        }
    }

    @Test
    void openingAndClosingManyConnectionsLeaksNothing() throws Exception {
        for (int i = 0; i < 500; i++) {
            try (Connection c = DriverManager.getConnection("jdbc:blueshift:mem:churn"); Statement s = c.createStatement()) {
                s.execute("create table t (a int)");
                s.execute("insert into t values (" + i + ")");
                assertEquals(List.of(String.valueOf(i)), rows(s.executeQuery("select a from t")));
            }
        }
    }

    @Test
    void schemaFollowsTheSearchPath() throws Exception {
        assertEquals("public", conn.getSchema());
        assertEquals("blueshift", conn.getCatalog());
        conn.setSchema("s2");
        assertEquals("s2", conn.getSchema());
        try (Connection c = DriverManager.getConnection("jdbc:blueshift:mem:?currentSchema=s3")) {
            assertEquals("s3", c.getSchema());
        }
    }

    @Test
    void unqualifiedNamesResolveInTheSchemaSet() throws Exception {
        exec("create schema s2", "create table s2.t (a int)", "insert into s2.t values (7)");
        conn.setSchema("s2");
        assertEquals(List.of("7"), query("select a from t"));
    }

    @Test
    void transactionsAndPropertiesAreAccepted() throws Exception {
        assertTrue(conn.getAutoCommit());
        conn.setAutoCommit(false);
        exec("create table t (a int)", "insert into t values (1)");
        conn.commit();
        conn.rollback();
        conn.setAutoCommit(true);
        conn.commit();
        conn.setReadOnly(true);
        assertTrue(conn.isReadOnly());
        assertTrue(conn.isValid(1));
        assertTrue(conn.getTypeMap().isEmpty());
        assertEquals("select 1", conn.nativeSQL("select 1"));
        conn.clearWarnings();
        assertNull(conn.getWarnings());
        assertSame(conn, conn.unwrap(Connection.class));
        assertTrue(conn.isWrapperFor(Connection.class));
        conn.close();
        assertFalse(conn.isValid(1));
        assertTrue(conn.isClosed());
    }
}

package io.blueshift.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The embedded Blueshift driver: {@code jdbc:blueshift:mem:} (a private in-memory database),
 * {@code jdbc:blueshift:mem:<name>} (shared in this JVM while a connection has it open) or
 * {@code jdbc:blueshift:<directory>}, each optionally followed by {@code ?key=value&...}
 * properties naming session settings ({@code search_path}, {@code timezone}, ...) or
 * {@code currentSchema}. Registered with {@link DriverManager} when loaded, and through
 * {@code META-INF/services/java.sql.Driver}.
 *
 * <p>The engine runs in the client's JVM, which needs the flags the engine needs:
 * {@code --add-modules=jdk.incubator.vector --add-opens=java.base/java.nio=ALL-UNNAMED
 * --enable-native-access=ALL-UNNAMED} (for a BI tool, in its {@code -vmargs}).
 */
public final class BlueshiftDriver implements Driver {
    /** The name of a database's single catalog. */
    public static final String CATALOG = "blueshift";
    public static final int MAJOR_VERSION = 0;
    public static final int MINOR_VERSION = 1;
    public static final String VERSION = MAJOR_VERSION + "." + MINOR_VERSION;

    static {
        try {
            DriverManager.registerDriver(new BlueshiftDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        BlueshiftUrl parsed = BlueshiftUrl.parse(url, info);
        return new BlueshiftConnection(url, parsed.location(), parsed.properties());
    }

    @Override
    public boolean acceptsURL(String url) {
        return BlueshiftUrl.accepts(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        Properties props = acceptsURL(url) ? BlueshiftUrl.parse(url, info).properties() : new Properties();
        DriverPropertyInfo schema = property(props, "currentSchema", "public",
                "The schema unqualified names resolve in (the search path).");
        DriverPropertyInfo timezone = property(props, "timezone", "UTC",
                "The session time zone for timestamp with time zone values.");
        DriverPropertyInfo user = property(props, "user", null, "Accepted and ignored: an embedded database has no users.");
        DriverPropertyInfo password = property(props, "password", null, "Accepted and ignored.");
        return new DriverPropertyInfo[] {schema, timezone, user, password};
    }

    private static DriverPropertyInfo property(Properties props, String name, String fallback, String description) {
        DriverPropertyInfo p = new DriverPropertyInfo(name, props.getProperty(name, fallback));
        p.description = description;
        p.required = false;
        return p;
    }

    @Override
    public int getMajorVersion() {
        return MAJOR_VERSION;
    }

    @Override
    public int getMinorVersion() {
        return MINOR_VERSION;
    }

    /** No: JDBC compliance asks for full SQL-92 entry level and scrollable results, which Blueshift does not claim. */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw JdbcErrors.unsupported("java.util.logging");
    }
}

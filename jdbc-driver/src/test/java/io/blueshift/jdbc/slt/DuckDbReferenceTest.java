package io.blueshift.jdbc.slt;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks the sqllogictest files and their runner against DuckDB in this JVM: every record not
 * guarded by {@code skipif duckdb} must give DuckDB's answer. DuckDB is set to Postgres's integer
 * division, NULL ordering and the session time zone pgJDBC would send, which leaves fewer records
 * to guard. DuckDB's JDBC errors carry no SQLSTATE, so error records only check that DuckDB fails.
 */
class DuckDbReferenceTest {
    @TestFactory
    Stream<DynamicTest> sltFiles() {
        return SltFiles.tests(new SltEngine("duckdb", DuckDbReferenceTest::open, false));
    }

    private static Connection open() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = connection.createStatement()) {
            st.execute("SET integer_division = true");
            st.execute("SET default_null_order = 'nulls_last_on_asc_first_on_desc'");
            st.execute("SET TimeZone = '" + TimeZone.getDefault().getID() + "'");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}

package io.blueshift.jdbc;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;

/** A private in-memory database through DriverManager for each test, and a way to read rows as text. */
abstract class JdbcTestBase {
    Connection conn;

    @BeforeEach
    void connect() throws SQLException {
        conn = DriverManager.getConnection("jdbc:blueshift:mem:");
    }

    @AfterEach
    void disconnect() throws SQLException {
        conn.close();
    }

    void exec(String... sqls) throws SQLException {
        try (Statement s = conn.createStatement()) {
            for (String sql : sqls) {
                s.execute(sql);
            }
        }
    }

    /** Each row as its columns' getString values joined by '|'. */
    static List<String> rows(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            StringBuilder sb = new StringBuilder();
            for (int c = 1; c <= n; c++) {
                sb.append(c == 1 ? "" : "|").append(rs.getString(c));
            }
            out.add(sb.toString());
        }
        return out;
    }

    /**
     * The rows of {@code sql} on {@code c} as text, columns joined by '|', numbers to 12
     * significant digits: what two engines print alike where one's AVG is a decimal and the
     * other's a double.
     */
    static List<String> roundedRows(Connection c, String sql) throws SQLException {
        return rows(c, sql, (rs, i) -> rs.getObject(i) instanceof Number num
                ? new BigDecimal(num.toString()).round(new MathContext(12)).stripTrailingZeros().toPlainString()
                : String.valueOf(rs.getObject(i)));
    }

    /** How one cell of a result prints for a comparison: column {@code i} of the current row. */
    @FunctionalInterface
    interface CellText {
        String text(ResultSet rs, int i) throws SQLException;
    }

    /** The rows of {@code sql} on {@code c} as text, each cell printed by {@code cell}, columns joined by '|'. */
    static List<String> rows(Connection c, String sql, CellText cell) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    sb.append(i == 1 ? "" : "|").append(cell.text(rs, i));
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    List<String> query(String sql) throws SQLException {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rows(rs);
        }
    }

    static SQLException sqlError(String expectedState, Executable action) {
        SQLException e = Assertions.assertThrows(SQLException.class, action);
        Assertions.assertEquals(expectedState, e.getSQLState(), e.getMessage());
        return e;
    }
}

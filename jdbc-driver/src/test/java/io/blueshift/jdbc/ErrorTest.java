package io.blueshift.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Engine errors reach JDBC with their SQLSTATE, and syntax errors with their position. */
class ErrorTest extends JdbcTestBase {
    @Test
    void undefinedTable() throws Exception {
        try (Statement s = conn.createStatement()) {
            sqlError("42P01", () -> s.executeQuery("select * from nowhere"));
        }
    }

    @Test
    void syntaxErrorWithPosition() throws Exception {
        try (Statement s = conn.createStatement()) {
            SQLException e = sqlError("42601", () -> s.executeQuery("select 1 fromm t"));
            BlueshiftSQLException b = assertInstanceOf(BlueshiftSQLException.class, e);
            assertTrue(b.position() > 0, "position " + b.position());
            assertTrue(e.getMessage().contains("position " + b.position()), e.getMessage());
        }
    }

    @Test
    void divisionByZero() throws Exception {
        try (Statement s = conn.createStatement()) {
            sqlError("22012", () -> {
                try (var rs = s.executeQuery("select 1 / 0")) {
                    rs.next();
                }
            });
        }
    }

    @Test
    void notNullViolation() throws Exception {
        exec("create table t (a int not null)");
        try (Statement s = conn.createStatement()) {
            sqlError("23502", () -> s.executeUpdate("insert into t values (null)"));
        }
        try (PreparedStatement ps = conn.prepareStatement("insert into t values (?)")) {
            ps.setNull(1, Types.INTEGER);
            sqlError("23502", ps::executeUpdate);
        }
    }

    @Test
    void errorsLeaveTheConnectionUsable() throws Exception {
        try (Statement s = conn.createStatement()) {
            sqlError("42P01", () -> s.execute("drop table nowhere"));
            assertEquals(List.of("1"), rows(s.executeQuery("select 1")));
        }
    }
}

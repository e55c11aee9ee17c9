package io.blueshift.server.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.api.SqlPositionException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Error lines as psql prints them: SQLSTATE, message and a caret under the reported position. */
class ErrorReportTest {
    private static String report(String sql, Throwable error) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ErrorReport.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), null, sql, error);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The shape a JDBC driver gives an engine error: an SQLException caused by the positioned error. */
    private static SQLException positioned(ErrorCode code, int position, String argument) {
        SqlPositionException cause = new SqlPositionException(code, position, null, argument);
        return new SQLException(cause.getMessage(), cause.sqlState(), cause);
    }

    @Test
    void caretPointsAtTheOffendingToken() {
        String sql = "select * from nosuch";
        assertEquals("""
                ERROR:  42P01: relation "nosuch" does not exist
                LINE 1: select * from nosuch
                                      ^
                """, report(sql, positioned(ErrorCode.UNDEFINED_TABLE, 15, "nosuch")));
    }

    @Test
    void caretNamesTheLineOfAMultiLineStatement() {
        String sql = "select a,\n       b\nfrom nosuch";
        assertEquals("""
                ERROR:  42P01: relation "nosuch" does not exist
                LINE 3: from nosuch
                             ^
                """, report(sql, positioned(ErrorCode.UNDEFINED_TABLE, sql.indexOf("nosuch") + 1, "nosuch")));
    }

    @Test
    void longLinesAreTrimmedAroundTheCaret() {
        String sql = "select " + "x, ".repeat(30) + "oops" + ", y".repeat(30);
        String report = report(sql, positioned(ErrorCode.SYNTAX_ERROR, sql.indexOf("oops") + 1, "syntax error at or near \"oops\""));
        String[] lines = report.split("\n");
        assertEquals("ERROR:  42601: syntax error at or near \"oops\"", lines[0]);
        assertEquals(lines[1].indexOf("oops"), lines[2].indexOf('^'), report);
        assertEquals(true, lines[1].startsWith("LINE 1: ...") && lines[1].endsWith("..."), report);
    }

    @Test
    void errorsWithoutPositionOrStateStillReadWell() {
        assertEquals("ERROR:  connection is closed\n", report("select 1", new SQLException("connection is closed")));
        assertEquals("ERROR:  22012: division by zero\n",
                report("select 1/0", new SQLException("division by zero", "22012")));
    }
}

package io.blueshift.jdbc.slt;

import io.blueshift.jdbc.slt.SltRecord.Expectation;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Runs one sqllogictest file against one engine on a fresh connection and collects every
 * failure, rather than stopping at the first, so one run shows all that a change broke. A failure
 * names file:line, the SQL, and the expected and actual outcome.
 */
public final class SltRunner {
    private final String file;
    private final SltEngine engine;
    private final List<String> failures = new ArrayList<>();
    private int ran;
    private int skipped;

    private SltRunner(String file, SltEngine engine) {
        this.file = file;
        this.engine = engine;
    }

    /** The outcome of a file: how many records ran and were skipped, and what failed. */
    public record Result(String file, String engine, int ran, int skipped, List<String> failures) {
        /** Throws an {@link AssertionError} listing every failure, if there was one. */
        public void assertPassed() {
            if (!failures.isEmpty()) {
                throw new AssertionError(failures.size() + " of " + ran + " records of " + file + " failed on "
                        + engine + " (" + skipped + " skipped)\n\n" + String.join("\n\n", failures));
            }
        }
    }

    /** Parses and runs {@code text}; {@code file} names it in messages. */
    public static Result run(String file, String text, SltEngine engine) throws SQLException {
        List<SltRecord> records = SltParser.parse(file, text);
        SltRunner runner = new SltRunner(file, engine);
        try (Connection connection = engine.connections().open()) {
            runner.runAll(records, connection);
        }
        return new Result(file, engine.name(), runner.ran, runner.skipped, List.copyOf(runner.failures));
    }

    private void runAll(List<SltRecord> records, Connection connection) {
        for (SltRecord record : records) {
            if (!record.appliesTo(engine.name())) {
                skipped++;
                continue;
            }
            switch (record) {
                case SltRecord.Halt _ -> {
                    return;
                }
                case SltRecord.Statement s -> {
                    ran++;
                    statement(connection, s);
                }
                case SltRecord.Query q -> {
                    ran++;
                    query(connection, q);
                }
            }
        }
    }

    private void statement(Connection connection, SltRecord.Statement s) {
        try (Statement st = connection.createStatement()) {
            st.execute(s.sql());
            if (s.expect().error()) {
                fail(s.line(), s.sql(), "expected an error" + state(s.expect()) + " but the statement succeeded");
            }
        } catch (SQLException e) {
            checkError(s.line(), s.sql(), s.expect(), e);
        }
    }

    private void query(Connection connection, SltRecord.Query q) {
        List<List<String>> actual;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(q.sql())) {
            if (q.expect().error()) {
                fail(q.line(), q.sql(), "expected an error" + state(q.expect()) + " but the query succeeded");
                return;
            }
            ResultSetMetaData meta = rs.getMetaData();
            if (meta.getColumnCount() != q.types().length()) {
                fail(q.line(), q.sql(), "the query returned " + meta.getColumnCount() + " columns but the record declares "
                        + q.types().length() + " (" + q.types() + ")");
                return;
            }
            actual = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>(q.types().length());
                for (int c = 0; c < q.types().length(); c++) {
                    row.add(SltValues.format(rs, c + 1, q.types().charAt(c)));
                }
                actual.add(row);
            }
        } catch (SQLException e) {
            checkError(q.line(), q.sql(), q.expect(), e);
            return;
        }
        List<String> expectedLines = arrange(q.rows(), q.sort());
        List<String> actualLines = arrange(actual, q.sort());
        if (!expectedLines.equals(actualLines)) {
            fail(q.line(), q.sql(), "wrong result (" + q.sort().name().toLowerCase(Locale.ROOT) + ")\n"
                    + "  expected " + expectedLines.size() + " lines:\n" + indent(expectedLines)
                    + "\n  actual " + actualLines.size() + " lines:\n" + indent(actualLines));
        }
    }

    /** Rows as the lines compared: in order, sorted as rows, or every value sorted on its own line. */
    private static List<String> arrange(List<List<String>> rows, SltRecord.SortMode sort) {
        List<String> lines = new ArrayList<>();
        switch (sort) {
            case NOSORT, ROWSORT -> {
                for (List<String> row : rows) {
                    lines.add(String.join("\t", row));
                }
            }
            case VALUESORT -> {
                for (List<String> row : rows) {
                    lines.addAll(row);
                }
            }
        }
        if (sort != SltRecord.SortMode.NOSORT) {
            lines.sort(Comparator.naturalOrder());
        }
        return lines;
    }

    private void checkError(int line, String sql, Expectation expect, SQLException e) {
        if (!expect.error()) {
            fail(line, sql, "unexpected error [" + e.getSQLState() + "] " + e.getMessage());
        } else if (engine.reportsSqlState() && expect.sqlState() != null && !expect.sqlState().equals(e.getSQLState())) {
            fail(line, sql, "expected SQLSTATE " + expect.sqlState() + " but got [" + e.getSQLState() + "] " + e.getMessage());
        }
    }

    private static String state(Expectation expect) {
        return expect.sqlState() == null ? "" : " with SQLSTATE " + expect.sqlState();
    }

    private void fail(int line, String sql, String what) {
        failures.add(file + ":" + line + ": " + what + "\n  SQL: " + sql.replace("\n", "\n       "));
    }

    private static String indent(List<String> lines) {
        return lines.isEmpty() ? "    (no rows)" : "    " + String.join("\n    ", lines);
    }
}

package io.blueshift.server.pg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random statements from {@link RandomSql}'s grammar, each run over the wire (pgjdbc) and through
 * the embedded driver on the same database, for a bounded time ({@code -Dblueshift.fuzz.seconds},
 * 120 by default; {@code -Dblueshift.fuzz.seed=N} replays a run, {@code =random} explores new
 * statements). A statement may succeed or fail with
 * a user's SQLSTATE; the test fails on an internal error (XX000), a statement that runs past the
 * query timeout, a lost connection, or a Java error that reaches the application, and names each
 * statement that did it.
 */
class GrammarFuzzTest {
    private static final int QUERY_TIMEOUT_SECONDS = 30;
    private static final int MAX_REPORTED = 25;
    /**
     * The seed a plain test run uses, so that CI is the same on every run (its statements ran clean
     * when it was chosen); {@code -Dblueshift.fuzz.seed=random} explores new statements and prints
     * its seed, which replays any failure it finds.
     */
    private static final long CI_SEED = 18520358552874L;

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void randomStatementsNeverBreakTheEngine() throws Exception {
        long seconds = Long.getLong("blueshift.fuzz.seconds", 120);
        String asked = System.getProperty("blueshift.fuzz.seed");
        long seed = asked == null ? CI_SEED : asked.equals("random") ? System.nanoTime() : Long.parseLong(asked);
        RandomSql grammar = new RandomSql(seed);
        List<String> failures = new ArrayList<>();
        int statements = 0;
        int errors = 0;
        try (TestServer server = new TestServer(PgServer.Auth.TRUST);
             Connection embedded = DriverManager.getConnection("jdbc:blueshift:" + server.directory)) {
            Connection wire = server.connect();
            try (Statement st = wire.createStatement()) {
                for (String sql : RandomSql.SETUP) {
                    st.execute(sql);
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline && failures.size() < MAX_REPORTED) {
                String sql = grammar.statement();
                statements++;
                String overWire = run(wire, sql);
                String inProcess = run(embedded, sql);
                for (String outcome : overWire.equals(inProcess) ? List.of(overWire) : List.of(overWire, inProcess)) {
                    if (outcome.startsWith("error")) {
                        errors++;
                    } else if (!outcome.equals("ok")) {
                        failures.add(outcome + "\n    " + sql);
                    }
                }
                if (wire.isClosed() || !wire.isValid(5)) {
                    failures.add("the wire connection was lost after\n    " + sql);
                    wire = server.connect();
                }
                if (statements % 200 == 0) {
                    try (Statement st = wire.createStatement()) {
                        st.execute("delete from fzw");
                    }
                }
            }
            wire.close();
        }
        System.out.println("grammar fuzz: seed " + seed + ", " + statements + " statements, " + errors
                + " errors with a user's SQLSTATE, " + failures.size() + " failures");
        assertTrue(failures.isEmpty(), "seed " + seed + " (replay with -Dblueshift.fuzz.seed=" + seed + "):\n"
                + String.join("\n", failures));
    }

    /** "ok", "error SQLSTATE" for a user's error, or what went wrong. */
    private static String run(Connection c, String sql) {
        try (Statement st = c.createStatement()) {
            st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            if (st.execute(sql)) {
                try (ResultSet rs = st.getResultSet()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            rs.getString(i);
                        }
                    }
                }
            }
            return "ok";
        } catch (SQLException e) {
            String state = e.getSQLState();
            if (state == null || state.equals("XX000") || state.startsWith("08")) {
                String message = String.valueOf(e.getMessage()).replaceFirst("^ERROR: ", "");
                return "SQLSTATE " + state + " (" + (message.length() > 300 ? message.substring(0, 300) + "..." : message) + ")";
            }
            if (state.equals("57014")) {
                return "ran past " + QUERY_TIMEOUT_SECONDS + " s";
            }
            return "error " + state;
        } catch (RuntimeException | Error e) {
            return "a " + e.getClass().getName() + " reached the application: " + e;
        }
    }
}

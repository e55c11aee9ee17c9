package io.blueshift.server.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The history keeps each statement whole, however many lines it took to type. */
class StatementHistoryTest {
    @Test
    void onlyWholeStatementsAreKept() {
        StatementHistory history = new StatementHistory();
        history.add(Instant.now(), "select 1,");
        history.addStatement("select 1,\n2;");
        assertEquals(1, history.size());
        assertEquals("select 1,\n2;", history.get(history.first()));
    }

    @Test
    void theShellSaysWhereEachStatementEnds() throws SQLException {
        List<String> ended = new ArrayList<>();
        Deque<String> lines = new ArrayDeque<>(List.of("select 1 as a,", "  2 as b;", "\\x", "select 3;"));
        LineSource source = new LineSource() {
            private final StringBuilder typed = new StringBuilder();

            @Override
            public String readLine(String prompt) {
                String line = lines.poll();
                if (line != null) {
                    typed.append(prompt).append(line).append('\n');
                }
                return line;
            }

            @Override
            public void statementEnded() {
                ended.add(typed.toString());
                typed.setLength(0);
            }
        };
        try (ShellFixture fixture = new ShellFixture()) {
            fixture.shell.run(source, true);
        }
        assertEquals(List.of("blueshift=> select 1 as a,\nblueshift->   2 as b;\n", "blueshift=> \\x\n",
                "blueshift=> select 3;\n"), ended);
    }
}

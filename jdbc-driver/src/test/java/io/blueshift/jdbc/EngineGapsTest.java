package io.blueshift.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/** Statements clients send that the engine does not run yet; each is disabled with what is missing. */
class EngineGapsTest extends JdbcTestBase {
    @Test
    @Disabled("engine: Postgres interval literals such as interval '1 day 02:00:00' are a syntax error (42601)")
    void postgresIntervalLiteral() throws Exception {
        assertEquals(List.of("1 day 02:00:00"), query("select interval '1 day 02:00:00'"));
    }

    @Test
    @Disabled("engine: a ? whose type nothing constrains (select ?) fails to validate; Postgres types it as text")
    void untypedParameterInTheSelectList() throws Exception {
        try (PreparedStatement ps = conn.prepareStatement("select ?")) {
            ps.setString(1, "x");
            assertEquals(List.of("x"), rows(ps.executeQuery()));
        }
    }
}

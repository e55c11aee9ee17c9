package io.blueshift.jdbc.slt;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks the sqllogictest files against a real PostgreSQL server, whose behaviour (SQLSTATEs
 * included) Blueshift follows: every record not guarded by {@code skipif postgres} must give
 * Postgres's answer. Skipped, saying why, where no server can be started, except under
 * {@code ./blueshift test}, which installs PostgreSQL first and so fails without one.
 */
class PostgresReferenceTest {
    private static PostgresReference server;

    @BeforeAll
    static void startServer() throws IOException {
        if (PostgresReference.unavailableReason().isEmpty()) {
            server = PostgresReference.start();
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> sltFiles() {
        if (server == null) {
            String asked = System.getenv("BLUESHIFT_TEST_CLIENTS");
            if (asked != null && !asked.isEmpty() && !asked.equals("skip")) {
                // ./blueshift test installs PostgreSQL first: a missing server there is a failure
                throw new IllegalStateException("PostgreSQL reference unavailable: "
                        + PostgresReference.unavailableReason().orElse("not started"));
            }
            // one skipped test carrying the reason, so the report shows that and why it was skipped
            String reason = "PostgreSQL reference skipped: " + PostgresReference.unavailableReason().orElse("not started");
            return Stream.of(DynamicTest.dynamicTest("postgres unavailable", () -> Assumptions.abort(reason)));
        }
        return SltFiles.tests(new SltEngine("postgres", server::freshDatabase, true));
    }
}

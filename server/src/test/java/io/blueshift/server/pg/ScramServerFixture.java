package io.blueshift.server.pg;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One wire server per test class, with SCRAM authentication and the users {@link TestServer}
 * creates, closed (and checked to leave no connection) when the class is done.
 */
abstract class ScramServerFixture {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(PgServer.Auth.SCRAM);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}

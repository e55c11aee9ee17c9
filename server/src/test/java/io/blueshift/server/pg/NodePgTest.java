package io.blueshift.server.pg;

import static io.blueshift.server.pg.ClientProcess.succeeded;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blueshift.server.pg.ClientProcess.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server as node-pg, the Postgres client of Node.js, uses it: a SCRAM login, then queries with
 * parameters in the extended protocol whose types the server infers. The client is installed by
 * {@code npm ci} in {@code src/test/node} ({@code .ci/run} does it).
 */
class NodePgTest extends ScramServerFixture {
    private static final Path PROJECT = Path.of("src/test/node");
    @Test
    void parameterizedQueriesTransactionsAndErrors() throws Exception {
        String node = ClientProcess.program("node");
        ClientProcess.require(Files.isDirectory(PROJECT.resolve("node_modules/pg")), "node-pg (npm ci in " + PROJECT + ")");
        Outcome o = succeeded(ClientProcess.run(List.of(node, "client.js"),
                ClientProcess.libpqEnvironment(server, "alice", "wonderland"), PROJECT));
        assertEquals("""
                insert INSERT 2
                fields id:23,name:25,price:1700,ok:16
                row {"id":1,"name":"apple","price":"1.25","ok":true}
                row {"id":2,"name":"pear's","price":null,"ok":false}
                prepared 1 2
                day 2024-02-29
                error 22012 division by zero
                count 2
                ok
                """, o.stdout(), o.all());
    }
}

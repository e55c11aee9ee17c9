package io.blueshift.server.pg;

import static io.blueshift.server.pg.ClientProcess.succeeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.server.pg.ClientProcess.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's own benchmark client, unchanged, against the server: {@code pgbench -i} (its DDL
 * with storage parameters, TRUNCATE and COPY ... FREEZE in one block, VACUUM ANALYZE, ALTER TABLE
 * ADD PRIMARY KEY and, with {@code --foreign-keys}, foreign keys), then the TPC-B-like script and
 * the select-only one on two connections. Concurrent TPC-B transactions conflict on the one branch
 * row; Blueshift fails the later commit with 40001 (first committer wins) where PostgreSQL's read
 * committed waits, so the run lets pgbench retry them, and the balances prove each transaction
 * applied whole or not at all.
 */
class PgbenchTest {
    private static TestServer server;
    private static String pgbench;
    private static String psql;

    @BeforeAll
    static void start() throws Exception {
        pgbench = ClientProcess.program(find());
        psql = ClientProcess.program("psql");
        server = new TestServer(PgServer.Auth.SCRAM);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** pgbench ships with the PostgreSQL server package, outside PATH on Debian. */
    private static String find() throws Exception {
        Path lib = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> versions = Files.list(lib)) {
                for (Path v : versions.sorted().toList().reversed()) {
                    Path p = v.resolve("bin/pgbench");
                    if (Files.isExecutable(p)) {
                        return p.toString();
                    }
                }
            }
        }
        return "pgbench";
    }

    private static Outcome run(String program, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(program));
        command.addAll(List.of(arguments));
        Map<String, String> env = ClientProcess.libpqEnvironment(server, "admin", "secret");
        return ClientProcess.run(command, env, null);
    }

    /** The sums of the deltas pgbench recorded and of the three balances it changed, and the history's rows. */
    private static String balances() throws Exception {
        return succeeded(run(psql, "-X", "-A", "-t", "-c", "select (select sum(delta) from pgbench_history), "
                + "(select sum(bbalance) from pgbench_branches), (select sum(tbalance) from pgbench_tellers), "
                + "(select sum(abalance) from pgbench_accounts), (select count(*) from pgbench_history)")).stdout().strip();
    }

    @Test
    void initializesAndRunsTheBuiltInScripts() throws Exception {
        Outcome init = succeeded(run(pgbench, "-i", "--foreign-keys"));
        assertTrue(init.stderr().contains("creating primary keys...") && init.stderr().contains("creating foreign keys...")
                && init.stderr().contains("done in"), init.all());
        assertEquals("100000|1|10\n", succeeded(run(psql, "-X", "-A", "-t", "-c",
                "select (select count(*) from pgbench_accounts), (select count(*) from pgbench_branches), "
                        + "(select count(*) from pgbench_tellers)")).stdout());
        assertEquals("pgbench_accounts_pkey\npgbench_branches_pkey\npgbench_tellers_pkey\n", succeeded(run(psql, "-X", "-A",
                "-t", "-c", "select indexname from pg_indexes where tablename like 'pgbench%' order by 1")).stdout());

        Outcome tpcb = succeeded(run(pgbench, "-c", "2", "-t", "30", "--max-tries=1000"));
        assertTrue(tpcb.stdout().contains("number of transactions actually processed: 60/60"), tpcb.all());
        assertTrue(tpcb.stdout().contains("number of failed transactions: 0 (0.000%)"), tpcb.all());
        String[] sums = balances().split("\\|");
        assertEquals(sums[0], sums[1], "history against branches: " + String.join("|", sums));
        assertEquals(sums[0], sums[2], "history against tellers: " + String.join("|", sums));
        assertEquals(sums[0], sums[3], "history against accounts: " + String.join("|", sums));
        assertEquals("60", sums[4]);

        Outcome select = succeeded(run(pgbench, "-S", "-c", "2", "-t", "50"));
        assertTrue(select.stdout().contains("number of transactions actually processed: 100/100"), select.all());
        assertTrue(select.stdout().contains("number of failed transactions: 0 (0.000%)"), select.all());
    }
}

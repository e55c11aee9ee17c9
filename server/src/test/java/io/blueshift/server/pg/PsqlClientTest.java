package io.blueshift.server.pg;

import static io.blueshift.server.pg.ClientProcess.succeeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.server.pg.ClientProcess.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server as psql, Postgres' own terminal client, uses it: queries, backslash commands, \copy, errors. */
class PsqlClientTest {
    private static TestServer server;
    private static String psql;

    @TempDir
    Path files;

    @BeforeAll
    static void start() throws Exception {
        psql = ClientProcess.program("psql");
        server = new TestServer(PgServer.Auth.SCRAM);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** psql without ~/.psqlrc, as admin, running each argument as one -c command. */
    private Outcome psql(List<String> options, String... commands) throws Exception {
        List<String> command = new ArrayList<>(List.of(psql, "-X", "-v", "ON_ERROR_STOP=1"));
        command.addAll(options);
        for (String c : commands) {
            command.add("-c");
            command.add(c);
        }
        return ClientProcess.run(command, ClientProcess.libpqEnvironment(server, "admin", "secret"), files);
    }

    @Test
    void queriesPrintAsPsqlAlignsThem() throws Exception {
        Outcome o = succeeded(psql(List.of(),
                "create table psql_q (id int primary key, name varchar(20), amount decimal(8,2))",
                "insert into psql_q values (1, 'apple', 1.5), (2, 'fig', null), (3, 'crème brûlée', -12.25)",
                "select * from psql_q order by id",
                "select count(*) as n, sum(amount) from psql_q where id > 1"));
        assertEquals("""
                CREATE TABLE
                INSERT 0 3
                 id |     name     | amount\s
                ----+--------------+--------
                  1 | apple        |   1.50
                  2 | fig          |      \s
                  3 | crème brûlée | -12.25
                (3 rows)

                 n |  sum  \s
                ---+--------
                 2 | -12.25
                (1 row)

                """, o.stdout());
        assertEquals("", o.stderr());
    }

    @Test
    void scriptsWithVariablesInUnalignedOutput() throws Exception {
        Path script = files.resolve("vars.sql");
        Files.writeString(script, """
                select x, x * x from generate_series(1, 4) as g(x) where x >= :low order by x;
                select current_user, current_database(), current_schema();
                select 41 as answer, version() like 'PostgreSQL %' as pg \\gset
                select :answer + 1, :'who' || '!', :'pg';
                """);
        Outcome o = succeeded(ClientProcess.run(List.of(psql, "-X", "-v", "ON_ERROR_STOP=1", "-A", "-t", "-F", ",",
                "-v", "low=2", "-v", "who=alice", "-f", script.toString()),
                ClientProcess.libpqEnvironment(server, "admin", "secret"), files));
        assertEquals("2,4\n3,9\n4,16\nadmin,dev,public\n42,alice!,t\n", o.stdout());
    }

    @Test
    void listsRelationsDatabasesSchemasRolesAndFunctions() throws Exception {
        succeeded(psql(List.of(), "create table psql_list_a (id int)", "create table psql_list_b (id int)"));
        Outcome o = succeeded(psql(List.of("-A", "-t"), "\\dt psql_list_*", "\\l", "\\dn", "\\du admin"));
        List<String> lines = o.stdout().lines().toList();
        assertEquals(List.of("public|psql_list_a|table|admin", "public|psql_list_b|table|admin"), lines.subList(0, 2), o.all());
        assertTrue(lines.get(2).startsWith("dev|admin|UTF8|"), o.all());
        assertEquals("public|admin", lines.get(3), o.all());
        assertTrue(lines.get(4).startsWith("admin|Superuser"), o.all());

        Outcome headed = succeeded(psql(List.of(), "\\dt psql_list_a", "\\df", "\\dfS version"));
        assertTrue(headed.stdout().contains("""
                          List of relations
                 Schema |    Name     | Type  | Owner\s
                --------+-------------+-------+-------
                 public | psql_list_a | table | admin
                (1 row)
                """), headed.all());
        // no functions of one's own: \\df lists none, but finds the built-in ones with S
        assertTrue(headed.stdout().contains("List of functions"), headed.all());
        assertTrue(headed.stdout().contains("(0 rows)"), headed.all());
        assertTrue(headed.stdout().contains(" pg_catalog | version |"), headed.all());
        assertTrue(headed.stdout().indexOf("(1 row)", headed.stdout().indexOf(" pg_catalog | version |")) > 0, headed.all());
    }

    @Test
    void describesATable() throws Exception {
        succeeded(psql(List.of(), "create table psql_d (id int primary key, name varchar(20) not null, amount decimal(8,2))"));
        Outcome o = psql(List.of(), "\\d psql_d");
        ClientProcess.knownGap(o, "column reference \"?column?\" is ambiguous",
                "the SQL engine cannot ORDER BY a UNION whose select lists repeat a column name (psql's publication query)");
        succeeded(o);
        assertTrue(o.stdout().contains("Table \"public.psql_d\""), o.all());
        assertTrue(o.stdout().contains(" id     | integer               |           | not null | "), o.all());
        assertTrue(o.stdout().contains(" name   | character varying(20) |           | not null | "), o.all());
        assertTrue(o.stdout().contains(" amount | numeric(8,2)          |           |          | "), o.all());
        assertTrue(o.stdout().contains("\"psql_d_pkey\" PRIMARY KEY, btree (id)"), o.all());
    }

    @Test
    void listsIndexesAndTableSizes() throws Exception {
        Outcome made = succeeded(psql(List.of(),
                "create table psql_ix (id int primary key, code varchar(10), qty int) with (fillfactor = 90)",
                "insert into psql_ix select x, 'c' || x, x % 7 from generate_series(1, 5000) as g(x)",
                "create index psql_ix_qty on psql_ix (qty)",
                "create unique index on psql_ix using btree (code)",
                "create index if not exists psql_ix_qty on psql_ix (qty)",
                "drop index if exists psql_ix_nope"));
        assertEquals("CREATE TABLE\nINSERT 0 5000\nCREATE INDEX\nCREATE INDEX\nCREATE INDEX\nDROP INDEX\n", made.stdout());
        assertEquals("""
                NOTICE:  storage parameters are ignored: fillfactor=90
                NOTICE:  relation "psql_ix_qty" already exists, skipping
                NOTICE:  index "psql_ix_nope" does not exist, skipping
                """, made.stderr());

        Outcome o = succeeded(psql(List.of("-A", "-t"), "\\di psql_ix*"));
        assertEquals(List.of("public|psql_ix_code_idx|index|admin|psql_ix", "public|psql_ix_pkey|index|admin|psql_ix",
                "public|psql_ix_qty|index|admin|psql_ix"), o.stdout().lines().toList(), o.all());
        Outcome described = succeeded(psql(List.of(), "\\d psql_ix"));
        assertTrue(described.stdout().contains("\"psql_ix_code_idx\" UNIQUE, btree (code)"), described.all());
        assertTrue(described.stdout().contains("\"psql_ix_qty\" btree (qty)"), described.all());

        // the unique index is enforced over the wire, with its name
        Outcome duplicate = psql(List.of(), "insert into psql_ix values (6000, 'c17', 1)");
        assertEquals(1, duplicate.exitCode(), duplicate.all());
        assertTrue(duplicate.stderr().contains("duplicate key value violates unique constraint \"psql_ix_code_idx\""),
                duplicate.all());

        Files.writeString(files.resolve("dup.csv"), "7001,new,1\n7002,c3,1\n");
        Outcome copied = psql(List.of(), "\\copy psql_ix from 'dup.csv' csv");
        assertEquals(1, copied.exitCode(), copied.all());
        assertTrue(copied.stderr().contains("unique constraint \"psql_ix_code_idx\""), copied.all());

        // \dt+ shows the table's stored size, no longer 0 bytes
        Outcome sized = succeeded(psql(List.of("-A", "-t"), "\\dt+ psql_ix", "select pg_relation_size('psql_ix') > 1000"));
        List<String> lines = sized.stdout().lines().toList();
        assertTrue(lines.get(0).startsWith("public|psql_ix|table|admin|permanent|heap|"), sized.all());
        assertFalse(lines.get(0).contains("|0 bytes|"), sized.all());
        assertEquals("t", lines.get(1), sized.all());

        succeeded(psql(List.of(), "drop index psql_ix_qty", "drop table psql_ix"));
        assertEquals("", succeeded(psql(List.of("-A", "-t"), "select relname from pg_class where relname like 'psql_ix%'")).stdout());
    }

    @Test
    void copiesFromAndToClientFiles() throws Exception {
        Files.writeString(files.resolve("in.csv"), "1,apple,1.50\n2,\"fig, dried\",\n3,\"say \"\"hi\"\"\",-2\n");
        Files.writeString(files.resolve("in.txt"), "4\ttab\\there\t\\N\n");
        Outcome o = succeeded(psql(List.of(),
                "create table psql_copy (id int, name text, amount decimal(8,2))",
                "\\copy psql_copy from 'in.csv' csv",
                "\\copy psql_copy from 'in.txt'",
                "\\copy psql_copy to 'out.csv' with (format csv, header)",
                "\\copy (select id, name from psql_copy where id > 2 order by id) to 'out.txt'"));
        assertEquals("CREATE TABLE\nCOPY 3\nCOPY 1\nCOPY 4\nCOPY 2\n", o.stdout());
        List<String> csv = Files.readAllLines(files.resolve("out.csv"));
        assertEquals("id,name,amount", csv.get(0));
        assertEquals(List.of("1,apple,1.50", "2,\"fig, dried\",", "3,\"say \"\"hi\"\"\",-2.00", "4,tab\there,"),
                csv.subList(1, csv.size()).stream().sorted().toList());
        assertEquals("3\tsay \"hi\"\n4\ttab\\there\n", Files.readString(files.resolve("out.txt")));

        // a bad row fails the \copy, and the table keeps none of its rows
        Files.writeString(files.resolve("bad.csv"), "5,x,1\n6,y,notanumber\n");
        Outcome bad = psql(List.of(), "\\copy psql_copy from 'bad.csv' csv");
        assertEquals(1, bad.exitCode(), bad.all());
        assertTrue(bad.stderr().startsWith("ERROR:  "), bad.all());
        assertEquals("4\n", succeeded(psql(List.of("-A", "-t"), "select count(*) from psql_copy")).stdout());
    }

    @Test
    void errorsShowTheirSqlstateAndStopAScript() throws Exception {
        Outcome verbose = psql(List.of(), "\\set VERBOSITY verbose", "select nosuch from generate_series(1, 2) as g(x)");
        assertEquals(1, verbose.exitCode(), verbose.all());
        assertTrue(verbose.stderr().startsWith("""
                ERROR:  42703: column "nosuch" does not exist
                LINE 1: select nosuch from generate_series(1, 2) as g(x)
                               ^
                """), verbose.all());

        Path script = files.resolve("script.sql");
        Files.writeString(script, """
                create table psql_script (id int);
                insert into psql_script values (1);
                select 1 / 0;
                insert into psql_script values (2);
                """);
        Outcome stopped = ClientProcess.run(List.of(psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-v", "VERBOSITY=verbose",
                "-f", script.toString()), ClientProcess.libpqEnvironment(server, "admin", "secret"), files);
        assertEquals(3, stopped.exitCode(), stopped.all());
        assertTrue(stopped.stderr().contains("ERROR:  22012: division by zero"), stopped.all());
        assertEquals("1\n", succeeded(psql(List.of("-A", "-t"), "select sum(id) from psql_script")).stdout());

        // in a transaction, statements after an error fail until ROLLBACK
        Outcome block = ClientProcess.run(List.of(psql, "-X", "-A", "-t", "-c", "begin", "-c", "select 1 / 0", "-c", "select 2",
                "-c", "rollback", "-c", "select 3"), ClientProcess.libpqEnvironment(server, "admin", "secret"), files);
        assertEquals("BEGIN\nROLLBACK\n3\n", block.stdout(), block.all());
        assertEquals("""
                ERROR:  division by zero
                ERROR:  current transaction is aborted, commands ignored until end of transaction block
                """, block.stderr());
    }

    @Test
    void oneQueryStringSplitsOnlyAtSemicolonsThatAreCode() throws Exception {
        // psql -c sends the whole string as one simple Query; the server splits it
        Outcome o = succeeded(psql(List.of("-A", "-t"), "select 'a;b'; select E'c\\';d'; select 1 as \"e;f\"; "
                + "select 2 -- g;h\n; select /* i; /* j; */ k; */ 3; select $$l;m$$, $t$n;$$;o$t$"));
        assertEquals("a;b\nc';d\n1\n2\n3\nl;m|n;$$;o\n", o.stdout(), o.all());
    }

    @Test
    void anUnterminatedLiteralFailsTheWholeQueryString() throws Exception {
        Outcome o = psql(List.of(), "select 1; select 'abc");
        assertEquals(1, o.exitCode(), o.all());
        assertEquals("", o.stdout(), "nothing runs, as Postgres lexes the whole string first");
        assertTrue(o.stderr().startsWith("""
                ERROR:  unterminated quoted string at or near "'abc"
                LINE 1: select 1; select 'abc
                                         ^
                """), o.all());
        Outcome comment = psql(List.of(), "select 1 /* open /* nested */");
        assertTrue(comment.stderr().startsWith("ERROR:  unterminated /* comment at or near \"/* open /* nested */\""),
                comment.all());
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        Outcome o = ClientProcess.run(List.of(psql, "-X", "-c", "select 1"),
                ClientProcess.libpqEnvironment(server, "alice", "not-her-password"), files);
        assertEquals(2, o.exitCode(), o.all());
        assertTrue(o.stderr().contains("FATAL:  password authentication failed for user \"alice\""), o.all());
        assertFalse(o.stdout().contains("1"), o.all());
        Outcome alice = succeeded(ClientProcess.run(List.of(psql, "-X", "-A", "-t", "-c", "select current_user"),
                ClientProcess.libpqEnvironment(server, "alice", "wonderland"), files));
        assertEquals("alice\n", alice.stdout());
    }
}

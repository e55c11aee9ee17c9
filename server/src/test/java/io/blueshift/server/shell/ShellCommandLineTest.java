package io.blueshift.server.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: options, exit statuses, and where output and errors go. */
class ShellCommandLineTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int launch(String stdin, String... args) {
        return Shell.launch(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void commandRunsEveryStatementAndExitsZero() {
        assertEquals(0, launch("", "--url", "jdbc:duckdb:", "-c", "create table t(a int); insert into t values (1); select a from t"));
        assertEquals("CREATE TABLE\nINSERT 0 1\n a\s\n---\n 1\n(1 row)\n\n", out());
        assertEquals("", err());
    }

    @Test
    void commandStopsAtTheFirstErrorAndExitsOne() {
        assertEquals(1, launch("", "--url", "jdbc:duckdb:", "-c", "select 1 as a; select nope; select 3 as c"));
        assertTrue(out().contains(" a \n"));
        assertTrue(!out().contains(" c "), out());
        assertTrue(err().startsWith("ERROR:  "), err());
    }

    @Test
    void commandMayBeABackslashCommand() {
        assertEquals(0, launch("", "--url", "jdbc:duckdb:", "-c", "create table t(a int)", "-c", "\\dt"));
        assertTrue(out().contains(" main   | t    | table\n"), out());
    }

    @Test
    void standardInputIsReadWhenThereIsNoCommand() {
        assertEquals(0, launch("select 1 as one;\nselect 2\n  as two;\n", "--url", "jdbc:duckdb:"));
        assertEquals(" one \n-----\n   1\n(1 row)\n\n two \n-----\n   2\n(1 row)\n\n", out());
        assertEquals(1, launch("select 1;\n\nselect nope;\n", "--url", "jdbc:duckdb:"));
        assertTrue(err().startsWith("blueshift:<stdin>:3: ERROR:  "), err());
    }

    @Test
    void filesRunInOrderAndAFailureGivesStatusOne(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("setup.sql");
        Files.writeString(file, "select 'ok' as a;\nselect broken syntax here;\nselect 'after' as b;\n");
        assertEquals(1, launch("", "--url", "jdbc:duckdb:", "-f", file.toString()));
        assertTrue(out().contains("after"), out());
        assertTrue(err().startsWith("blueshift:" + file + ":2: ERROR:  "), err());
    }

    @Test
    void onErrorStopEndsAScriptAtItsFirstErrorWithStatusThree(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("script.sql");
        Files.writeString(file, "select 'ok' as a;\nselect broken syntax here;\nselect 'after' as b;\n");
        for (List<String> option : List.of(List.of("-v", "ON_ERROR_STOP=1"), List.of("--set=ON_ERROR_STOP=on"),
                List.of("-vON_ERROR_STOP=true"), List.of("--variable", "ON_ERROR_STOP=yes"))) {
            out.reset();
            err.reset();
            List<String> args = new ArrayList<>(List.of("--url", "jdbc:duckdb:"));
            args.addAll(option);
            args.addAll(List.of("-f", file.toString(), "-c", "select 'next' as n"));
            assertEquals(3, launch("", args.toArray(String[]::new)), String.join(" ", option));
            assertTrue(out().contains(" ok"), out());
            assertTrue(!out().contains("after") && !out().contains("next"), out());
            assertTrue(err().startsWith("blueshift:" + file + ":2: ERROR:  "), err());
        }
        out.reset();
        assertEquals(3, launch("select 1 as one;\nselect nope;\nselect 2 as two;\n", "--url", "jdbc:duckdb:", "-v", "ON_ERROR_STOP=1"));
        assertTrue(out().contains(" one ") && !out().contains(" two "), out());
        // off, or unset again by a later -v NAME, the script goes on and a failure is status 1
        out.reset();
        assertEquals(1, launch("", "--url", "jdbc:duckdb:", "-v", "ON_ERROR_STOP=0", "-f", file.toString()));
        assertTrue(out().contains("after"), out());
        assertEquals(1, launch("", "--url", "jdbc:duckdb:", "-v", "ON_ERROR_STOP=1", "-v", "ON_ERROR_STOP", "-f", file.toString()));
        // a -c command that fails is status 1 as in psql, and stops the commands after it
        out.reset();
        assertEquals(1, launch("", "--url", "jdbc:duckdb:", "-v", "ON_ERROR_STOP=1", "-c", "select nope", "-c", "select 3 as c"));
        assertTrue(!out().contains(" c "), out());
        assertEquals(0, launch("", "--url", "jdbc:duckdb:", "-v", "ON_ERROR_STOP=1", "-v", "OTHER=x", "-c", "select 1"));
    }

    @Test
    void badVariablesAreCommandLineErrors() {
        assertEquals(2, launch("", "--url", "jdbc:duckdb:", "-v", "ON_ERROR_STOP=maybe", "-c", "select 1"));
        assertTrue(err().startsWith("blueshift: unrecognized value \"maybe\" for \"ON_ERROR_STOP\": Boolean expected"), err());
        err.reset();
        assertEquals(2, launch("", "--url", "jdbc:duckdb:", "-v", "=1"));
        assertEquals(2, launch("", "--url", "jdbc:duckdb:", "-v"));
    }

    @Test
    void missingFilesAndBadOptionsAreReported() {
        assertEquals(1, launch("", "--url", "jdbc:duckdb:", "-f", "/no/such/file.sql"));
        assertEquals("blueshift: /no/such/file.sql: No such file or directory\n", err());
        err.reset();
        assertEquals(2, launch("", "--bogus"));
        assertTrue(err().startsWith("blueshift: unknown option --bogus\nUsage: blueshift"), err());
    }

    @Test
    void failedConnectionsSayWhichUrl() {
        assertEquals(2, launch("", "--url", "jdbc:nosuchengine:x", "-c", "select 1"));
        assertTrue(err().startsWith("blueshift: cannot open jdbc:nosuchengine:x: "), err());
    }

    @Test
    void argumentsDefaultToTheBlueshiftDirectory() {
        ShellArguments defaults = ShellArguments.parse();
        assertEquals("jdbc:blueshift:./blueshift-data", defaults.url());
        assertEquals("./blueshift-data", defaults.databaseName());
        ShellArguments given = ShellArguments.parse("-c", "select 1", "-f", "x.sql", "/data/warehouse");
        assertEquals("jdbc:blueshift:/data/warehouse", given.url());
        assertEquals(List.of(new ShellArguments.Command("select 1"), new ShellArguments.File("x.sql")), given.actions());
        assertEquals("jdbc:duckdb:", ShellArguments.parse("--url=jdbc:duckdb:").databaseName());
        assertThrows(IllegalArgumentException.class, () -> ShellArguments.parse("-c"));
        assertThrows(IllegalArgumentException.class, () -> ShellArguments.parse("--url", "jdbc:duckdb:", "dir"));
    }

    @Test
    void helpPrintsUsage() {
        assertEquals(0, launch("", "--help"));
        assertTrue(out().startsWith("Usage: blueshift [OPTION]... [DATABASE-DIRECTORY]"), out());
    }
}

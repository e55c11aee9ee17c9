package io.blueshift.perf.tpch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TpchRunnerTest {
    private final TpchFiles files = TpchFiles.locate();

    @Test
    void optionsDefaultToSf1AndTheBlueshiftEngine() {
        TpchRunner.Options o = TpchRunner.parse(new String[0], files);
        assertEquals(1.0, o.scaleFactor());
        assertEquals(5, o.runs());
        assertEquals(5, o.warmup());
        assertEquals(22, o.queries().size());
        assertEquals("jdbc:blueshift:" + files.work(1).resolve("blueshift"), o.engineUrl());
        assertEquals(files.work(1).resolve("data"), o.dataDir());

        TpchRunner.Options chosen = TpchRunner.parse(
                new String[] {"--sf", "0.1", "--runs", "2", "--queries", "1,q6", "--engine-url", "jdbc:duckdb:"}, files);
        assertEquals(List.of(1, 6), chosen.queries());
        assertEquals(files.work(0.1).resolve("data"), chosen.dataDir());
        assertThrows(IllegalArgumentException.class, () -> TpchRunner.parse(new String[] {"--sf"}, files));
        assertThrows(IllegalArgumentException.class, () -> TpchRunner.parse(new String[] {"--runs", "0"}, files));
        assertThrows(IllegalArgumentException.class, () -> TpchRunner.parse(new String[] {"--warmup", "0"}, files));
        assertEquals(2, TpchRunner.parse(new String[] {"--warmup", "2"}, files).warmup());
        assertTrue(o.cold());
        assertFalse(TpchRunner.parse(new String[] {"--no-cold"}, files).cold());
        assertEquals(null, o.memoryLimit());
        assertEquals("8GB", TpchRunner.parse(new String[] {"--memory-limit", "8GB"}, files).memoryLimit());
        assertThrows(IllegalArgumentException.class, () -> TpchRunner.parse(new String[] {"--memory-limit", "lots"}, files));
    }

    @Test
    void theColdStartTakesTheShellsTimeOfTheQueryNotOfTheSettingBeforeIt() {
        String shell = """
                Timing is on.
                SET
                Time: 3.250 ms
                 count
                -------
                    25
                (1 row)

                Time: 4537.678 ms (00:04.538)
                """;
        assertEquals(4537.678, ColdStart.lastTime(shell).orElseThrow());
        assertTrue(ColdStart.lastTime("ERROR:  relation \"nation\" does not exist").isEmpty());
    }

    @Test
    void printsAMarkdownTableOfBothEngines() throws IOException, SQLException {
        TpchRunner.Options options = TpchRunner.parse(
                new String[] {"--sf", "0.01", "--runs", "1", "--warmup", "2", "--queries", "1,6", "--engine-url", "jdbc:duckdb:"},
                files);
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        boolean ok;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            ok = TpchRunner.run(files, options);
        } finally {
            System.setOut(stdout);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertTrue(ok, out);
        assertTrue(out.contains("| query | engine median (min-max) | DuckDB median (min-max) | engine/DuckDB | check |"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("| q06 | ") && l.endsWith(" | ok |")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("| geomean | | | ") && l.endsWith("over 2 of 2 queries |")), out);
        assertTrue(out.contains("1 runs per query after 2 warm-up runs"), out);
        assertTrue(out.contains("| query | engine first | engine warm | first/warm | DuckDB first | DuckDB warm | first/warm |"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("\\| q01 \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\|")), out);
    }
}

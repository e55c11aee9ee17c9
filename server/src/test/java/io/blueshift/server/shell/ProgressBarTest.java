package io.blueshift.server.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.sql.api.Progress;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressBarTest {
    @Test
    void barShowsShareRowsBytesRateAndTimeLeft() {
        String line = ProgressBar.line(new Progress("COPY", 2_700_000, 300L << 20, 600L << 20, 3_000_000_000L));
        assertEquals("COPY [==============>               ]  50%  2,700,000 rows  300 MB  100 MB/s  3 s left  3 s", line);
        assertEquals("UNLOAD  1,000 rows  500 rows/s  2 s", ProgressBar.line(new Progress("UNLOAD", 1000, -1, -1, 2_000_000_000L)));
    }

    /** A shell on a terminal draws the bar while a long COPY runs and wipes it at the end. */
    @Test
    void shellDrawsTheBarDuringACopy(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("rows.txt");
        try (var out = Files.newBufferedWriter(f)) {
            for (int i = 0; i < 3_000_000; i++) {
                out.write(i + "|label " + i + "\n");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Connection c = DriverManager.getConnection("jdbc:blueshift:mem:")) {
            Shell shell = new Shell(c, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
            shell.showProgress();
            assertTrue(shell.run(new StreamLineSource(new BufferedReader(new StringReader(
                    "create table r (id int, label text);\ncopy r from '" + f + "';\n")), null), false), err.toString(StandardCharsets.UTF_8));
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("COPY 3000000"), out.toString(StandardCharsets.UTF_8));
        String bar = err.toString(StandardCharsets.UTF_8);
        assertTrue(bar.contains("\rCOPY [") && bar.contains(" rows") && bar.endsWith("\r\u001B[K"), bar);
    }
}

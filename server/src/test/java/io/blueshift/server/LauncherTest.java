package io.blueshift.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The {@code blueshift} launcher script as a newcomer first meets it: its help lists every command. */
class LauncherTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @Test
    void helpListsEveryCommandTheLauncherRuns() throws IOException, InterruptedException {
        String script = Files.readString(ROOT.resolve("blueshift"), StandardCharsets.UTF_8);
        List<String> commands = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^  ([a-z][a-z-]*)(?:\\|[^)]*)?\\)$").matcher(script);
        while (m.find()) {
            commands.add(m.group(1));
        }
        assertTrue(commands.containsAll(List.of("test", "serve", "tpch", "bench", "mvn")), commands.toString());
        for (String flag : List.of("--help", "help", "-h")) {
            Process p = new ProcessBuilder("bash", ROOT.resolve("blueshift").toString(), flag)
                    .redirectErrorStream(true).start();
            String help = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), help);
            for (String command : commands) {
                assertTrue(Pattern.compile("(?m)^  " + Pattern.quote(command) + "\\b").matcher(help).find(),
                        () -> "`blueshift " + flag + "` does not list " + command + ":\n" + help);
            }
        }
    }
}

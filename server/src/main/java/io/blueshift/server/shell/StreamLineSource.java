package io.blueshift.server.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Lines from a file or a pipe: no prompts, no editing, no terminal probing. It counts lines so
 * that errors can say where in a script they arose ({@code blueshift:load.sql:12: ERROR: ...}),
 * as psql does.
 */
final class StreamLineSource implements LineSource {
    private final BufferedReader reader;
    private final String name;
    private long lineNumber;

    /** {@code name} is what errors call the input, or null to leave their location out. */
    StreamLineSource(BufferedReader reader, String name) {
        this.reader = reader;
        this.name = name;
    }

    @Override
    public String readLine(String prompt) {
        try {
            String line = reader.readLine();
            if (line != null) {
                lineNumber++;
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String location() {
        return name == null ? null : name + ":" + lineNumber;
    }
}

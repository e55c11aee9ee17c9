package io.blueshift.server.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Where the shell's input lines come from: a terminal with line editing, or a plain stream. */
interface LineSource extends AutoCloseable {
    /**
     * The next line without its terminator, or null at the end of the input. A terminal throws
     * {@link org.jline.reader.UserInterruptException} when the user presses Ctrl-C.
     */
    String readLine(String prompt);

    /** Called when the lines read so far completed a statement or a command, for the history. */
    default void statementEnded() {
    }

    @Override
    default void close() {
    }

    /** A file or a pipe: no prompts, no editing, no terminal probing. */
    static LineSource of(BufferedReader reader) {
        return prompt -> {
            try {
                return reader.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}

package io.blueshift.server.shell;

/** Where the shell's input lines come from: a terminal with line editing, or a plain stream. */
interface LineSource extends AutoCloseable {
    /**
     * The next line without its terminator, or null at the end of the input. A terminal throws
     * {@link org.jline.reader.UserInterruptException} when the user presses Ctrl-C.
     */
    String readLine(String prompt);

    /** Where the last line read came from ({@code file:line}), for error messages; null for a terminal. */
    default String location() {
        return null;
    }

    /** Called when the lines read so far completed a statement or a command, for the history. */
    default void statementEnded() {
    }

    @Override
    default void close() {
    }

}

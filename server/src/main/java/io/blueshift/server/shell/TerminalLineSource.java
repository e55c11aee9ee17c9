package io.blueshift.server.shell;

import java.io.IOException;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Lines typed at a terminal, read with JLine: editing, a history kept across sessions in
 * {@code ~/.blueshift_history}, and completion of keywords and table names. Ctrl-C at the prompt
 * surfaces as {@link org.jline.reader.UserInterruptException}; Ctrl-C while a statement runs
 * reaches the handler given here, which cancels it.
 */
final class TerminalLineSource implements LineSource {
    private final Terminal terminal;
    private final LineReader reader;
    private final StatementHistory history = new StatementHistory();
    /** The lines of the statement being typed, for the history. */
    private final StringBuilder statement = new StringBuilder();

    TerminalLineSource(Runnable onInterrupt, SqlCompleter completer) throws IOException {
        terminal = TerminalBuilder.builder().name("blueshift").system(true).build();
        // Outside readLine, Ctrl-C means "cancel the running statement" rather than "exit".
        terminal.handle(Terminal.Signal.INT, signal -> onInterrupt.run());
        DefaultParser parser = new DefaultParser();
        parser.setEscapeChars(null); // a backslash starts a command here, it escapes nothing
        parser.setEofOnUnclosedQuote(false);
        reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("blueshift")
                .parser(parser)
                .history(history)
                .completer(completer)
                .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".blueshift_history"))
                .variable(LineReader.HISTORY_SIZE, 5000)
                .variable(LineReader.BLINK_MATCHING_PAREN, 0) // no cursor jumps while typing ")"
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // "!=" is an operator, not history
                .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
                .build();
    }

    @Override
    public String readLine(String prompt) {
        try {
            String line = reader.readLine(prompt);
            if (!line.isBlank()) {
                statement.append(statement.isEmpty() ? "" : "\n").append(line);
            }
            return line;
        } catch (EndOfFileException e) {
            return null;
        } catch (UserInterruptException e) {
            statement.setLength(0);
            throw e;
        }
    }

    @Override
    public void statementEnded() {
        if (!statement.isEmpty()) {
            history.addStatement(statement.toString());
            statement.setLength(0);
        }
    }

    @Override
    public void close() {
        try {
            history.save();
            terminal.close();
        } catch (IOException e) {
            // the history is a convenience; losing its last lines must not fail the exit
        }
    }
}

package io.blueshift.server.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import org.jline.reader.UserInterruptException;

/**
 * Blueshift's interactive SQL shell, modelled on psql: statements end with {@code ;} and may span
 * lines, results print as aligned tables, backslash commands list and describe what is in the
 * database, and errors are reported without ending the session. It speaks to the engine only
 * through a {@link Connection}, so it runs against any JDBC driver.
 *
 * <p>Without {@code -c} or {@code -f} and with a terminal on standard input, lines are read with
 * editing, history and completion; otherwise statements are read from the files, the command line
 * or the pipe with no prompts and no terminal handling at all.
 */
public final class Shell {
    /** The prompt's name; psql's marker follows it: {@code blueshift=> }, {@code blueshift-> }, ... */
    private static final String PROMPT_NAME = "blueshift";

    private final PrintStream out;
    private final PrintStream err;
    private final CatalogListings catalog;
    private final SqlRunner runner;
    private final MetaCommands commands;
    private boolean quit;
    /** A statement failed under ON_ERROR_STOP and ended the script. */
    private boolean stoppedOnError;
    private final ShellSettings settings;

    /** Draws a progress bar on the error stream while COPY and UNLOAD run (for a terminal). */
    public void showProgress() {
        settings.progress = true;
    }

    /** A shell over an open connection; {@code timing} is the initial {@code \timing} setting. */
    public Shell(Connection connection, PrintStream out, PrintStream err, boolean timing) {
        this.out = out;
        this.err = err;
        ShellSettings settings = new ShellSettings(timing);
        catalog = new CatalogListings(connection);
        this.settings = settings;
        runner = new SqlRunner(connection, out, err, settings);
        commands = new MetaCommands(runner, catalog, settings, out, err, this::runFile);
    }

    public static void main(String[] args) {
        System.exit(launch(args, System.in, System.out, System.err));
    }

    /** Parses the arguments, connects and runs; returns the exit status. */
    static int launch(String[] args, InputStream in, PrintStream out, PrintStream err) {
        ShellArguments arguments;
        boolean onErrorStop;
        try {
            arguments = ShellArguments.parse(args);
            onErrorStop = arguments.onErrorStop();
        } catch (IllegalArgumentException e) {
            err.println("blueshift: " + e.getMessage());
            err.print(ShellArguments.USAGE);
            return 2;
        }
        if (arguments.help()) {
            out.print(ShellArguments.USAGE);
            return 0;
        }
        boolean interactive = arguments.actions().isEmpty() && System.console() != null
                && System.console().isTerminal();
        try (Connection connection = DriverManager.getConnection(arguments.url())) {
            Shell shell = new Shell(connection, out, err, interactive);
            shell.settings.onErrorStop = onErrorStop;
            if (interactive) {
                shell.showProgress();
                out.println("Blueshift " + version() + ", database " + arguments.databaseName()
                        + ". Type \\? for help, \\q to quit.");
                return shell.runTerminal(); // a session's failed statements were shown already
            }
            if (arguments.actions().isEmpty()) {
                return shell.runStream(in) ? 0 : shell.scriptFailed();
            }
            for (ShellArguments.Action action : arguments.actions()) {
                boolean ok = switch (action) {
                    case ShellArguments.Command command -> shell.runCommand(command.sql());
                    case ShellArguments.File file -> file.path().equals("-") ? shell.runStream(in)
                            : shell.runFile(Path.of(file.path()));
                };
                if (!ok) {
                    return action instanceof ShellArguments.File ? shell.scriptFailed() : 1;
                }
                if (shell.quit) {
                    break;
                }
            }
            return 0;
        } catch (SQLException e) {
            err.println("blueshift: cannot open " + arguments.url() + ": " + e.getMessage());
            return 2;
        }
    }

    /**
     * The exit status of a script (-f, standard input) in which a statement failed: 3 when
     * ON_ERROR_STOP ended it there, as psql answers, else 1.
     */
    private int scriptFailed() {
        return settings.onErrorStop && stoppedOnError ? 3 : 1;
    }

    private static String version() {
        String version = Shell.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /** Runs one {@code -c} argument: a backslash command, or statements separated by {@code ;}. */
    public boolean runCommand(String text) {
        if (text.strip().startsWith("\\")) {
            return runMeta(text);
        }
        StatementSplitter splitter = new StatementSplitter();
        for (String line : text.split("\n", -1)) {
            for (String sql : splitter.addLine(line)) {
                if (!runner.run(sql, null)) {
                    return false;
                }
            }
        }
        return !splitter.hasPending() || runner.run(splitter.pendingText(), null);
    }

    /** Runs the statements in a file ({@code -f}, {@code \i}); returns false when one failed. */
    public boolean runFile(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return run(new StreamLineSource(reader, file.toString()), false);
        } catch (NoSuchFileException e) {
            err.println("blueshift: " + file + ": No such file or directory");
        } catch (IOException e) {
            err.println("blueshift: " + file + ": " + e.getMessage());
        }
        return false;
    }

    /** Runs the statements read from a pipe; returns false when one failed. */
    public boolean runStream(InputStream in) {
        return run(new StreamLineSource(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), "<stdin>"),
                false);
    }

    /** Runs an interactive session; its exit status is 0 however many statements failed, as in psql. */
    private int runTerminal() {
        try (TerminalLineSource terminal = new TerminalLineSource(runner::cancel, new SqlCompleter(catalog))) {
            run(terminal, true);
            return 0;
        } catch (IOException e) {
            err.println("blueshift: cannot use the terminal: " + e.getMessage());
            return 2;
        }
    }

    /**
     * Reads lines until the end of the input or {@code \q}, running each statement as its
     * {@code ;} arrives and each backslash command as its line ends. A failed statement is
     * reported and the next one runs, as in psql. Returns false when any failed.
     */
    boolean run(LineSource source, boolean interactive) {
        StatementSplitter splitter = new StatementSplitter();
        boolean ok = true;
        while (!quit) {
            String line;
            try {
                line = source.readLine(PROMPT_NAME + splitter.promptMarker() + "> ");
            } catch (UserInterruptException e) {
                splitter.reset(); // Ctrl-C at the prompt drops what was typed, as in psql
                continue;
            }
            if (line == null) {
                if (interactive) {
                    out.println();
                } else if (splitter.hasPending()) {
                    if (!runner.run(splitter.pendingText(), source.location())) { // a script's last statement may lack its ;
                        ok = false;
                        stoppedOnError = settings.onErrorStop;
                    }
                }
                break;
            }
            if (!splitter.hasPending() && line.strip().startsWith("\\")) {
                if (!runMeta(line)) {
                    ok = false;
                    if (settings.onErrorStop && !interactive) {
                        quit = true; // a failed backslash command ends the script too, as in psql
                        stoppedOnError = true;
                    }
                }
            } else if (interactive && !splitter.hasPending() && isQuitWord(line)) {
                quit = true;
            } else if (interactive && !splitter.hasPending() && line.strip().equalsIgnoreCase("help")) {
                out.print(MetaCommands.HELP);
            } else {
                for (String sql : splitter.addLine(line)) {
                    if (!runner.run(sql, source.location())) {
                        ok = false;
                        if (settings.onErrorStop && !interactive) {
                            quit = true; // psql -v ON_ERROR_STOP=1: the rest of the script is not run
                            stoppedOnError = true;
                            break;
                        }
                    }
                }
            }
            if (!splitter.hasPending()) {
                source.statementEnded();
            }
        }
        return ok;
    }

    private boolean runMeta(String line) {
        return switch (commands.run(line)) {
            case OK -> true;
            case FAILED -> false;
            case QUIT -> {
                quit = true;
                yield true;
            }
        };
    }

    /** psql lets a lone {@code quit} or {@code exit} end the session; newcomers type them first. */
    private static boolean isQuitWord(String line) {
        String word = line.strip().toLowerCase(Locale.ROOT);
        return word.equals("quit") || word.equals("exit") || word.equals("quit;") || word.equals("exit;");
    }
}

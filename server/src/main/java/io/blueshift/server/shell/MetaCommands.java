package io.blueshift.server.shell;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The backslash commands: catalog listings, display settings, {@code \i} and {@code \q}. Their
 * names and messages follow psql's, so that what users know from psql works here.
 */
final class MetaCommands {
    /** What a backslash command asks of the shell. */
    enum Outcome { OK, FAILED, QUIT }

    /** Runs a file of statements for {@code \i}; returns false when a statement in it failed. */
    interface FileRunner {
        boolean run(Path file);
    }

    static final String HELP = """
            General
              \\q                quit (Ctrl-D does too)
              \\? or help         show this help
              \\i FILE           run the statements in FILE

            Catalog (through JDBC metadata)
              \\d                list tables and views
              \\d NAME           describe a table or view: columns, types, nullability, defaults
              \\dt [PATTERN]     list tables (PATTERN may use * and ?)
              \\dv [PATTERN]     list views
              \\dn               list schemas
              \\l                list databases (catalogs)

            Display
              \\timing [on|off]  show how long each statement takes (on by default)
              \\x [on|off]       expanded display: one "column | value" line per column
              \\pset null TEXT   show NULL as TEXT (empty by default)
              \\set ON_ERROR_STOP [on|off]  stop a script at its first error

            End a statement with ; to run it. Ctrl-C cancels a running statement or clears the line.
            """;

    private final SqlRunner runner;
    private final CatalogListings catalog;
    private final ShellSettings settings;
    private final PrintStream out;
    private final PrintStream err;
    private final FileRunner files;

    MetaCommands(SqlRunner runner, CatalogListings catalog, ShellSettings settings, PrintStream out, PrintStream err,
            FileRunner files) {
        this.runner = runner;
        this.catalog = catalog;
        this.settings = settings;
        this.out = out;
        this.err = err;
        this.files = files;
    }

    /** Runs one backslash command line, e.g. {@code \d orders}. */
    Outcome run(String line) {
        List<String> words = words(line.strip().substring(1));
        String command = words.isEmpty() ? "" : words.getFirst();
        if (command.length() > 1 && command.endsWith("+")) {
            command = command.substring(0, command.length() - 1); // psql's "more detail" suffix
        }
        List<String> args = words.isEmpty() ? List.of() : words.subList(1, words.size());
        try {
            return switch (command) {
                case "q", "quit" -> Outcome.QUIT;
                case "?", "h", "help" -> {
                    out.print(HELP);
                    yield Outcome.OK;
                }
                case "i", "include" -> include(args);
                case "timing" -> {
                    settings.timing = toggle(args, settings.timing);
                    out.println("Timing is " + (settings.timing ? "on." : "off."));
                    yield Outcome.OK;
                }
                case "x" -> {
                    settings.expanded = toggle(args, settings.expanded);
                    out.println("Expanded display is " + (settings.expanded ? "on." : "off."));
                    yield Outcome.OK;
                }
                case "pset" -> pset(args);
                case "set" -> set(args);
                case "d" -> args.isEmpty() ? relations("relations", type -> true, "*") : describe(args.getFirst());
                case "dt" -> relations("tables", type -> type.equals("table"), args.isEmpty() ? "*" : args.getFirst());
                case "dv" -> relations("views", type -> type.equals("view"), args.isEmpty() ? "*" : args.getFirst());
                case "dn" -> list("List of schemas", catalog.schemaRows());
                case "l", "list" -> list("List of databases", catalog.catalogRows());
                default -> {
                    err.println("invalid command \\" + command + "\nTry \\? for help.");
                    yield Outcome.FAILED;
                }
            };
        } catch (SQLException | RuntimeException e) {
            ErrorReport.print(err, null, null, e);
            return Outcome.FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private Outcome include(List<String> args) {
        if (args.isEmpty()) {
            err.println("\\i: missing required argument");
            return Outcome.FAILED;
        }
        return files.run(Path.of(args.getFirst())) ? Outcome.OK : Outcome.FAILED;
    }

    private Outcome pset(List<String> args) {
        if (args.size() >= 1 && args.getFirst().equals("null")) {
            settings.nullString = args.size() > 1 ? args.get(1) : "";
            out.println("Null display is \"" + settings.nullString + "\".");
            return Outcome.OK;
        }
        if (args.size() >= 1 && args.getFirst().equals("expanded")) {
            return run("\\x " + String.join(" ", args.subList(1, args.size())));
        }
        err.println("\\pset: unknown option; this shell knows \\pset null TEXT and \\pset expanded [on|off]");
        return Outcome.FAILED;
    }

    /** {@code \set ON_ERROR_STOP [on|off]}: the one psql variable this shell acts on (no value: on). */
    private Outcome set(List<String> args) {
        if (args.isEmpty() || !args.getFirst().equals("ON_ERROR_STOP")) {
            err.println("\\set: this shell knows \\set ON_ERROR_STOP [on|off]");
            return Outcome.FAILED;
        }
        settings.onErrorStop = args.size() == 1 || toggle(args.subList(1, args.size()), false);
        return Outcome.OK;
    }

    private Outcome relations(String what, Predicate<String> types, String pattern) throws SQLException {
        List<CatalogListings.Relation> relations = catalog.find(pattern, types);
        if (relations.isEmpty()) {
            err.println("Did not find any " + what + ".");
            return Outcome.OK;
        }
        return list("List of " + what, catalog.relationRows(relations));
    }

    private Outcome describe(String name) throws SQLException {
        List<CatalogListings.Relation> relations = catalog.find(name, type -> true);
        if (relations.isEmpty()) {
            err.println("Did not find any relation named \"" + name + "\".");
            return Outcome.FAILED;
        }
        for (CatalogListings.Relation relation : relations) {
            String kind = relation.type().equals("view") ? "View" : "Table";
            runner.print(kind + " \"" + relation.qualifiedName() + "\"", catalog.columnRows(relation));
        }
        return Outcome.OK;
    }

    private Outcome list(String title, RowSource rows) throws SQLException {
        runner.print(title, rows);
        return Outcome.OK;
    }

    /** {@code on} and {@code off} set a switch; no argument flips it. */
    private static boolean toggle(List<String> args, boolean current) {
        if (args.isEmpty()) {
            return !current;
        }
        return switch (args.getFirst().toLowerCase(Locale.ROOT)) {
            case "on", "true", "1" -> true;
            case "off", "false", "0" -> false;
            default -> throw new IllegalArgumentException("unrecognized value \"" + args.getFirst()
                    + "\": expected on or off");
        };
    }

    /** Splits a command line into words; single quotes group words, and {@code ''} inside them is a quote. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\'' && i + 1 < line.length() && line.charAt(i + 1) == '\'') {
                    word.append('\'');
                    i++;
                } else if (c == '\'') {
                    quoted = false;
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                if (word == null) {
                    word = new StringBuilder();
                }
                if (c == '\'') {
                    quoted = true;
                } else {
                    word.append(c);
                }
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}

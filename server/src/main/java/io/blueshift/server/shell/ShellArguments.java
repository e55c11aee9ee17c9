package io.blueshift.server.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shell's command line: {@code [-c SQL]... [-f FILE]... [-v NAME=VALUE]... [--url JDBC_URL]
 * [DIRECTORY]}. The {@code -c} and {@code -f} actions run in the order given, as psql runs them;
 * {@code -v} sets a psql variable before they run ({@code NAME} alone unsets it).
 */
record ShellArguments(List<Action> actions, String url, String directory, boolean help, Map<String, String> variables) {
    static final String DEFAULT_DIRECTORY = "./blueshift-data";

    static final String USAGE = """
            Usage: blueshift [OPTION]... [DATABASE-DIRECTORY]
            Opens Blueshift's SQL shell on the database in DATABASE-DIRECTORY (default ./blueshift-data).

              -c, --command SQL  run SQL (one or more statements separated by ;) and exit
              -f, --file FILE    run the statements in FILE and exit ("-" reads standard input)
              -v, --set, --variable NAME=VALUE
                                 set a variable, as psql does; this shell acts on ON_ERROR_STOP
                  --url URL      connect to this JDBC URL instead (default jdbc:blueshift:DIRECTORY)
              -h, --help         show this help and exit

            Without -c or -f, statements are read from the terminal, or from standard input when it
            is not a terminal (echo "select 1;" | blueshift). Exit status: 0 on success, 1 when a
            statement failed, 2 when the command line or the connection failed, 3 when a statement
            of a script (-f or standard input) failed with ON_ERROR_STOP on, which ends the script
            there (-v ON_ERROR_STOP=1, as in psql).
            """;

    /** A {@code -c} command or a {@code -f} file. */
    sealed interface Action {
    }

    record Command(String sql) implements Action {
    }

    record File(String path) implements Action {
    }

    static ShellArguments parse(String... args) {
        List<Action> actions = new ArrayList<>();
        String url = null;
        String directory = null;
        boolean help = false;
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-v", "--set", "--variable" -> variable(variables, value(args, ++i, arg));
                case "-c", "--command" -> actions.add(new Command(value(args, ++i, arg)));
                case "-f", "--file" -> actions.add(new File(value(args, ++i, arg)));
                case "--url" -> url = value(args, ++i, arg);
                case "-h", "--help", "-?" -> help = true;
                default -> {
                    if (arg.startsWith("--url=")) {
                        url = arg.substring("--url=".length());
                    } else if (arg.startsWith("-v") && !arg.startsWith("--")) {
                        variable(variables, arg.substring(2));
                    } else if (arg.startsWith("--set=") || arg.startsWith("--variable=")) {
                        variable(variables, arg.substring(arg.indexOf('=') + 1));
                    } else if (arg.startsWith("-") && !arg.equals("-")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    } else if (directory != null) {
                        throw new IllegalArgumentException("more than one database directory: " + directory + ", " + arg);
                    } else {
                        directory = arg;
                    }
                }
            }
        }
        if (url != null && directory != null) {
            throw new IllegalArgumentException("give either --url or a database directory, not both");
        }
        String dir = directory == null ? DEFAULT_DIRECTORY : directory;
        return new ShellArguments(List.copyOf(actions), url == null ? "jdbc:blueshift:" + dir : url, dir, help,
                Map.copyOf(variables));
    }

    /** {@code NAME=VALUE} sets a variable, {@code NAME} alone unsets it (psql's {@code -v}). */
    private static void variable(Map<String, String> variables, String assignment) {
        int eq = assignment.indexOf('=');
        String name = eq < 0 ? assignment : assignment.substring(0, eq);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("invalid variable assignment \"" + assignment + "\"");
        }
        if (eq < 0) {
            variables.remove(name);
        } else {
            variables.put(name, assignment.substring(eq + 1));
        }
    }

    /**
     * Whether ON_ERROR_STOP is on: psql's booleans (on, off, true, false, yes, no, 1, 0, and
     * unambiguous prefixes of the words, in any case); another value is a command-line error.
     */
    boolean onErrorStop() {
        String value = variables.get("ON_ERROR_STOP");
        if (value == null) {
            return false;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("1") || v.equals("on") || !v.isEmpty() && ("true".startsWith(v) || "yes".startsWith(v))) {
            return true;
        }
        if (v.equals("0") || v.length() >= 2 && "off".startsWith(v) || !v.isEmpty() && ("false".startsWith(v) || "no".startsWith(v))) {
            return false;
        }
        throw new IllegalArgumentException("unrecognized value \"" + value + "\" for \"ON_ERROR_STOP\": Boolean expected");
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException("option " + option + " needs a value");
        }
        return args[i];
    }

    /** What the banner names: the directory for Blueshift's own URL, the URL otherwise. */
    String databaseName() {
        return url.equals("jdbc:blueshift:" + directory) ? directory : url;
    }
}

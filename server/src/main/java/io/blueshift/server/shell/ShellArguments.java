package io.blueshift.server.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * The shell's command line: {@code [-c SQL]... [-f FILE]... [--url JDBC_URL] [DIRECTORY]}. The
 * {@code -c} and {@code -f} actions run in the order given, as psql runs them.
 */
record ShellArguments(List<Action> actions, String url, String directory, boolean help) {
    static final String DEFAULT_DIRECTORY = "./blueshift-data";

    static final String USAGE = """
            Usage: blueshift [OPTION]... [DATABASE-DIRECTORY]
            Opens Blueshift's SQL shell on the database in DATABASE-DIRECTORY (default ./blueshift-data).

              -c, --command SQL  run SQL (one or more statements separated by ;) and exit
              -f, --file FILE    run the statements in FILE and exit ("-" reads standard input)
                  --url URL      connect to this JDBC URL instead (default jdbc:blueshift:DIRECTORY)
              -h, --help         show this help and exit

            Without -c or -f, statements are read from the terminal, or from standard input when it
            is not a terminal (echo "select 1;" | blueshift). Exit status: 0 on success, 1 when a
            statement failed, 2 when the command line or the connection failed.
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
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-c", "--command" -> actions.add(new Command(value(args, ++i, arg)));
                case "-f", "--file" -> actions.add(new File(value(args, ++i, arg)));
                case "--url" -> url = value(args, ++i, arg);
                case "-h", "--help", "-?" -> help = true;
                default -> {
                    if (arg.startsWith("--url=")) {
                        url = arg.substring("--url=".length());
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
        return new ShellArguments(List.copyOf(actions), url == null ? "jdbc:blueshift:" + dir : url, dir, help);
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

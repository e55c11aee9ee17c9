package io.blueshift.server.shell;

import io.blueshift.sql.parser.SqlScanner;
import java.util.Locale;
import java.util.Set;

/**
 * The command tag psql prints for a statement that returns no rows ({@code INSERT 0 3},
 * {@code CREATE TABLE}). JDBC reports only an update count, so the tag is rebuilt from the
 * statement's leading keywords the way a Postgres server names it.
 */
final class CommandTag {
    /** Words between CREATE and the kind of object that Postgres leaves out of the tag. */
    private static final Set<String> MODIFIERS = Set.of("OR", "REPLACE", "TEMP", "TEMPORARY", "LOCAL", "GLOBAL",
            "UNIQUE", "UNLOGGED", "IF", "NOT", "EXISTS");
    /** Kinds of object named with two words. */
    private static final Set<String> TWO_WORD_KINDS = Set.of("MATERIALIZED", "FOREIGN", "EXTERNAL");
    /** Statements whose tag ends with the number of rows they touched. */
    private static final Set<String> COUNTED = Set.of("UPDATE", "DELETE", "MERGE", "COPY", "FETCH", "MOVE", "SELECT");

    private CommandTag() {
    }

    static String of(String sql, long updateCount) {
        String[] words = stripLeadingComments(sql).split("[\\s(;]+", 6);
        String verb = words[0].toUpperCase(Locale.ROOT);
        String count = updateCount < 0 ? "0" : Long.toString(updateCount);
        return switch (verb) {
            case "INSERT" -> "INSERT 0 " + count;
            case "CREATE", "DROP", "ALTER" -> verb + " " + objectKind(words);
            case "TRUNCATE" -> "TRUNCATE TABLE";
            case "START" -> "START TRANSACTION";
            default -> COUNTED.contains(verb) ? verb + " " + count : verb;
        };
    }

    private static String objectKind(String[] words) {
        int i = 1;
        while (i < words.length - 1 && MODIFIERS.contains(words[i].toUpperCase(Locale.ROOT))) {
            i++;
        }
        if (i >= words.length) {
            return "";
        }
        String kind = words[i].toUpperCase(Locale.ROOT);
        if (TWO_WORD_KINDS.contains(kind) && i + 1 < words.length) {
            kind += " " + words[i + 1].toUpperCase(Locale.ROOT);
        }
        return kind;
    }

    private static String stripLeadingComments(String sql) {
        return sql.substring(SqlScanner.skipSpaceAndComments(sql, 0));
    }
}

package io.blueshift.server.shell;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion of SQL keywords, backslash commands and the names of tables and views. Keywords
 * come back in the case the user started typing them in; relation names are read from the
 * metadata on every Tab, so tables created a moment ago complete too.
 */
final class SqlCompleter implements Completer {
    private static final List<String> KEYWORDS = List.of("SELECT", "FROM", "WHERE", "GROUP", "BY", "ORDER",
            "HAVING", "LIMIT", "OFFSET", "JOIN", "LEFT", "RIGHT", "FULL", "INNER", "OUTER", "CROSS", "ON", "USING",
            "AS", "AND", "OR", "NOT", "NULL", "IS", "IN", "EXISTS", "BETWEEN", "LIKE", "ILIKE", "CASE", "WHEN",
            "THEN", "ELSE", "END", "DISTINCT", "UNION", "INTERSECT", "EXCEPT", "ALL", "WITH", "INSERT", "INTO",
            "VALUES", "UPDATE", "SET", "DELETE", "CREATE", "TABLE", "VIEW", "DROP", "ALTER", "IF", "PRIMARY", "KEY",
            "DEFAULT", "CAST", "COUNT", "SUM", "AVG", "MIN", "MAX", "ASC", "DESC", "NULLS", "FIRST", "LAST",
            "EXPLAIN", "ANALYZE", "BEGIN", "COMMIT", "ROLLBACK", "TRUE", "FALSE", "INTEGER", "BIGINT", "SMALLINT",
            "DECIMAL", "NUMERIC", "REAL", "DOUBLE", "PRECISION", "VARCHAR", "CHAR", "TEXT", "BOOLEAN", "DATE",
            "TIMESTAMP", "INTERVAL", "COPY", "TRUNCATE", "SHOW");
    private static final List<String> COMMANDS = List.of("\\q", "\\?", "\\i", "\\d", "\\dt", "\\dv", "\\dn", "\\l",
            "\\timing", "\\x", "\\pset");

    private final CatalogListings catalog;

    SqlCompleter(CatalogListings catalog) {
        this.catalog = catalog;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String word = line.word();
        if (word.startsWith("\\")) {
            for (String command : COMMANDS) {
                candidates.add(new Candidate(command));
            }
            return;
        }
        boolean lower = !word.isEmpty() && Character.isLowerCase(word.charAt(0));
        for (String keyword : KEYWORDS) {
            candidates.add(new Candidate(lower ? keyword.toLowerCase(Locale.ROOT) : keyword));
        }
        try {
            for (CatalogListings.Relation relation : catalog.relations(type -> true)) {
                candidates.add(new Candidate(relation.name()));
            }
        } catch (SQLException | RuntimeException e) {
            // completion is best effort; a failing metadata query leaves the keywords
        }
    }
}

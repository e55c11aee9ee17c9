package io.blueshift.sql.parser;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * {@code SELECT ... WHERE ...} (and {@code GROUP BY}, {@code HAVING}) without a FROM clause, which
 * Postgres accepts (one row, or none when the condition is false) and Calcite's grammar does not:
 * a FROM over one row of no interest is written in before the first of those clauses of every
 * select that has no FROM. The parser front tries it only after the statement as written failed
 * to parse, so no statement that parsed before changes. The inserted text holds no line break;
 * {@link #column} maps a column of the rewritten text back to the statement as written.
 */
public final class FromlessSelect {
    /** One row, one column whose name no query uses. */
    static final String FROM = "FROM (VALUES (0)) AS \"?no from\"(\"?no column\") ";

    /** Where text went in: a line (1-based) and the column (1-based) it starts at in the rewritten text. */
    public record Insertion(int line, int column, int length) {
    }

    /** The statement with its FROM clauses, and where they went in. */
    public record Rewritten(String sql, List<Insertion> insertions) {
        /** The column of the statement as written for {@code column} of {@code line} of the rewritten text. */
        public int column(int line, int column) {
            int shift = 0;
            for (Insertion in : insertions) {
                if (in.line() == line && column >= in.column()) {
                    shift += Math.min(in.length(), column - in.column());
                }
            }
            return column - shift;
        }
    }

    private FromlessSelect() {
    }

    /** The statement with FROM clauses added, or null when no select needs one. */
    public static Rewritten addFrom(String sql) {
        // one entry per SELECT whose clauses are still open: its parenthesis depth and whether it has a FROM
        Deque<int[]> selects = new ArrayDeque<>();
        List<Integer> at = new ArrayList<>();
        int depth = 0;
        int i = 0;
        while (i < sql.length()) {
            SqlScanner.Region region = SqlScanner.regionAt(sql, i);
            if (region != SqlScanner.Region.CODE) {
                i = SqlScanner.skip(sql, i);
                continue;
            }
            char c = sql.charAt(i);
            if (c == '(') {
                depth++;
                i++;
            } else if (c == ')') {
                depth--;
                while (!selects.isEmpty() && selects.peek()[0] > depth) {
                    selects.pop();
                }
                i++;
            } else if (SqlScanner.isWordStart(c)) {
                int end = SqlScanner.wordEnd(sql, i);
                String word = sql.substring(i, end).toLowerCase(Locale.ROOT);
                int[] top = selects.peek();
                boolean here = top != null && top[0] == depth;
                switch (word) {
                    case "select" -> {
                        if (here) {
                            selects.pop(); // the next select of a UNION at the same level
                        }
                        // SELECT * of no table stays an error (42601), as in Postgres
                        int next = SqlScanner.skipSpaceAndComments(sql, end);
                        boolean star = next < sql.length() && sql.charAt(next) == '*';
                        selects.push(new int[] {depth, star ? 1 : 0});
                    }
                    case "from" -> {
                        if (here) {
                            top[1] = 1;
                        }
                    }
                    case "where", "having", "group" -> {
                        boolean clause = !word.equals("group") || nextWord(sql, end).equals("by");
                        if (here && top[1] == 0 && clause) {
                            at.add(i);
                            top[1] = 1;
                        }
                    }
                    default -> {
                    }
                }
                i = end;
            } else {
                i++;
            }
        }
        if (at.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder(sql.length() + at.size() * FROM.length());
        List<Insertion> insertions = new ArrayList<>();
        int from = 0;
        for (int position : at) {
            out.append(sql, from, position);
            int lineStart = out.lastIndexOf("\n") + 1;
            int line = 1;
            for (int k = 0; k < out.length(); k++) {
                line += out.charAt(k) == '\n' ? 1 : 0;
            }
            insertions.add(new Insertion(line, out.length() - lineStart + 1, FROM.length()));
            out.append(FROM);
            from = position;
        }
        out.append(sql, from, sql.length());
        return new Rewritten(out.toString(), List.copyOf(insertions));
    }

    private static String nextWord(String sql, int i) {
        int start = SqlScanner.skipSpaceAndComments(sql, i);
        if (start >= sql.length() || !SqlScanner.isWordStart(sql.charAt(start))) {
            return "";
        }
        return sql.substring(start, SqlScanner.wordEnd(sql, start)).toLowerCase(Locale.ROOT);
    }
}

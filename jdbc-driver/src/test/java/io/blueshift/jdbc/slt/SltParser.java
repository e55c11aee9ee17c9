package io.blueshift.jdbc.slt;

import io.blueshift.jdbc.slt.SltRecord.Condition;
import io.blueshift.jdbc.slt.SltRecord.Expectation;
import io.blueshift.jdbc.slt.SltRecord.SortMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the sqllogictest dialect described in {@code src/test/resources/slt/README.md} into
 * {@link SltRecord}s. It is strict: an unknown directive, engine name, type letter or SQLSTATE is
 * a parse error, so a typo cannot silently turn a record into one that never runs.
 */
final class SltParser {
    /** The engines a {@code skipif}/{@code onlyif} line may name. */
    static final Set<String> ENGINES = Set.of("blueshift", "duckdb", "postgres");

    private static final Pattern SQLSTATE = Pattern.compile("[0-9A-Z]{5}");
    private static final Pattern TYPES = Pattern.compile("[ITRDB]+");
    private static final String SEPARATOR = "----";

    private final String file;
    private final List<String> lines;
    private int pos;

    private SltParser(String file, String text) {
        this.file = file;
        this.lines = text.lines().toList();
    }

    /** Parses a whole file; {@code file} is only used in error messages. */
    static List<SltRecord> parse(String file, String text) {
        return new SltParser(file, text).records();
    }

    private List<SltRecord> records() {
        List<SltRecord> records = new ArrayList<>();
        List<Condition> conditions = new ArrayList<>();
        boolean skipping = false;
        while (pos < lines.size()) {
            int lineNo = pos + 1;
            String line = lines.get(pos++).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            String head = words[0];
            switch (head) {
                case "skipif", "onlyif" -> {
                    conditions.add(new Condition(head.equals("onlyif"), engine(words, lineNo)));
                    continue;
                }
                case "mode" -> {
                    skipping = mode(words, lineNo);
                    continue;
                }
                default -> { }
            }
            SltRecord record = switch (head) {
                case "statement" -> statement(words, lineNo, List.copyOf(conditions));
                case "query" -> query(words, lineNo, List.copyOf(conditions));
                case "halt" -> new SltRecord.Halt(lineNo, List.copyOf(conditions));
                default -> throw error(lineNo, "unknown directive '" + head + "'");
            };
            conditions.clear();
            if (!skipping) {
                records.add(record);
            }
        }
        if (!conditions.isEmpty()) {
            throw error(lines.size(), "skipif/onlyif at the end of the file applies to no record");
        }
        return records;
    }

    private String engine(String[] words, int lineNo) {
        if (words.length != 2 || !ENGINES.contains(words[1])) {
            throw error(lineNo, "expected '" + words[0] + " <engine>' with engine one of " + ENGINES);
        }
        return words[1];
    }

    private boolean mode(String[] words, int lineNo) {
        if (words.length == 2 && (words[1].equals("skip") || words[1].equals("unskip"))) {
            return words[1].equals("skip");
        }
        throw error(lineNo, "expected 'mode skip' or 'mode unskip'");
    }

    private SltRecord statement(String[] words, int lineNo, List<Condition> conditions) {
        Expectation expect = switch (words.length > 1 ? words[1] : "") {
            case "ok" -> {
                if (words.length != 2) {
                    throw error(lineNo, "'statement ok' takes nothing after it");
                }
                yield Expectation.OK;
            }
            case "error" -> errorExpectation(words, lineNo);
            default -> throw error(lineNo, "expected 'statement ok' or 'statement error [SQLSTATE]'");
        };
        String sql = sql(lineNo);
        if (pos < lines.size() && lines.get(pos).strip().equals(SEPARATOR)) {
            throw error(pos + 1, "a statement has no result section; use 'query'");
        }
        return new SltRecord.Statement(lineNo, conditions, sql, expect);
    }

    private SltRecord query(String[] words, int lineNo, List<Condition> conditions) {
        if (words.length < 2) {
            throw error(lineNo, "expected 'query <types> [nosort|rowsort|valuesort]' or 'query error [SQLSTATE]'");
        }
        if (words[1].equals("error")) {
            Expectation expect = errorExpectation(words, lineNo);
            String sql = sql(lineNo);
            if (pos < lines.size() && lines.get(pos).strip().equals(SEPARATOR)) {
                throw error(pos + 1, "'query error' has no result section");
            }
            return new SltRecord.Query(lineNo, conditions, sql, expect, "", SortMode.NOSORT, List.of());
        }
        String types = words[1];
        if (!TYPES.matcher(types).matches()) {
            throw error(lineNo, "column types must be letters among I, T, R, D, B: '" + types + "'");
        }
        if (words.length > 3) {
            throw error(lineNo, "unexpected text after the sort mode");
        }
        SortMode sort = words.length == 3 ? sortMode(words[2], lineNo) : SortMode.NOSORT;
        String sql = sql(lineNo);
        List<List<String>> rows = new ArrayList<>();
        if (pos < lines.size() && lines.get(pos).strip().equals(SEPARATOR)) {
            pos++;
            while (pos < lines.size() && !lines.get(pos).isBlank()) {
                rows.add(Arrays.asList(lines.get(pos++).split("\t", -1)));
            }
        }
        return new SltRecord.Query(lineNo, conditions, sql, Expectation.OK, types, sort, List.copyOf(rows));
    }

    private Expectation errorExpectation(String[] words, int lineNo) {
        if (words.length == 2) {
            return new Expectation(true, null);
        }
        if (words.length == 3 && SQLSTATE.matcher(words[2]).matches()) {
            return new Expectation(true, words[2]);
        }
        throw error(lineNo, "expected '" + words[0] + " error' optionally followed by a five-character SQLSTATE");
    }

    private SortMode sortMode(String word, int lineNo) {
        return switch (word) {
            case "nosort" -> SortMode.NOSORT;
            case "rowsort" -> SortMode.ROWSORT;
            case "valuesort" -> SortMode.VALUESORT;
            default -> throw error(lineNo, "unknown sort mode '" + word + "'");
        };
    }

    /** The SQL text: every line up to a blank line, the {@code ----} separator or the end of the file. */
    private String sql(int lineNo) {
        StringBuilder sql = new StringBuilder();
        while (pos < lines.size() && !lines.get(pos).isBlank() && !lines.get(pos).strip().equals(SEPARATOR)) {
            if (!sql.isEmpty()) {
                sql.append('\n');
            }
            sql.append(lines.get(pos++));
        }
        if (sql.isEmpty()) {
            throw error(lineNo, "the record has no SQL");
        }
        return sql.toString();
    }

    private SltParseException error(int lineNo, String message) {
        return new SltParseException(file, lineNo, message);
    }
}

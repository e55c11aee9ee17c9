package io.blueshift.perf.tpch;

import io.blueshift.sql.parser.SqlScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The eight TPC-H tables as {@code testdata/tpch/schema.sql} declares them. The statements are run
 * as written; the parsed column types tell the generic loader which JDBC setter each field needs.
 */
public record TpchSchema(List<Table> tables) {
    private static final Pattern CREATE = Pattern.compile(
            "CREATE TABLE (\\w+) \\((.*)\\)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** The column types schema.sql uses, each bound to one JDBC setter by the generic loader. */
    public enum ColumnType { INTEGER, BIGINT, DECIMAL, DATE, VARCHAR }

    public record Column(String name, ColumnType type) {
    }

    /** One table: its CREATE TABLE statement (without the semicolon) and its columns in order. */
    public record Table(String name, String createStatement, List<Column> columns) {
    }

    public static TpchSchema read(Path schemaFile) throws IOException {
        List<Table> tables = new ArrayList<>();
        for (SqlScanner.Statement statement : SqlScanner.split(Files.readString(schemaFile, StandardCharsets.UTF_8))) {
            String text = statement.text().substring(SqlScanner.skipSpaceAndComments(statement.text(), 0));
            Matcher m = CREATE.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a CREATE TABLE statement in " + schemaFile + ": " + text);
            }
            tables.add(new Table(m.group(1).toLowerCase(Locale.ROOT), text, columns(m.group(2))));
        }
        return new TpchSchema(List.copyOf(tables));
    }

    public Table table(String name) {
        for (Table t : tables) {
            if (t.name.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no table " + name + " in the TPC-H schema");
    }

    /** Splits "a INTEGER NOT NULL, b DECIMAL(15,2) NOT NULL" at the commas outside parentheses. */
    private static List<Column> columns(String list) {
        List<Column> columns = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= list.length(); i++) {
            char c = i < list.length() ? list.charAt(i) : ',';
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String[] words = list.substring(start, i).strip().split("\\s+");
                columns.add(new Column(words[0].toLowerCase(Locale.ROOT), type(words[1])));
                start = i + 1;
            }
        }
        return List.copyOf(columns);
    }

    private static ColumnType type(String declared) {
        String base = declared.toUpperCase(Locale.ROOT);
        int paren = base.indexOf('(');
        return ColumnType.valueOf(paren < 0 ? base : base.substring(0, paren));
    }
}

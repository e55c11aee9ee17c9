package io.blueshift.sql;

import io.blueshift.columnar.SqlType;
import io.blueshift.storage.catalog.Catalog;
import io.blueshift.storage.catalog.ColumnDef;
import io.blueshift.storage.catalog.TableDef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The TPC-H files (queries, schema, answers) kept in the repository under {@code testdata/tpch}. */
final class TpchFiles {
    /** Row counts at scale factor 1, the estimates join ordering reads. */
    private static final Map<String, Double> ROWS_SF1 = Map.of(
            "nation", 25.0, "region", 5.0, "part", 200_000.0, "supplier", 10_000.0,
            "partsupp", 800_000.0, "customer", 150_000.0, "orders", 1_500_000.0, "lineitem", 6_001_215.0);
    private static final Pattern TABLE = Pattern.compile("CREATE TABLE (\\w+) \\((.*)\\);");
    private static final Pattern COLUMN = Pattern.compile(
            "\\s*(\\w+) (INTEGER|BIGINT|DATE|DECIMAL\\((\\d+),(\\d+)\\)|VARCHAR\\((\\d+)\\))( NOT NULL)?\\s*");

    private TpchFiles() {
    }

    static Path root() {
        Path dir = Path.of(System.getProperty("user.dir")).resolve("../testdata/tpch").normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("TPC-H files missing at " + dir);
        }
        return dir;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String query(int n) {
        return read(root().resolve(String.format(Locale.ROOT, "queries/q%02d.sql", n)));
    }

    /** Column names of the expected answer: the header line of the SF 0.1 answer file. */
    static List<String> answerColumns(int n) {
        String text = read(root().resolve(String.format(Locale.ROOT, "answers/sf0.1/q%02d.csv", n)));
        return List.of(text.substring(0, text.indexOf('\n')).split("\\|"));
    }

    /** The catalog of schema.sql, read with a parser just big enough for its CREATE TABLEs. */
    static Catalog catalog() {
        Catalog catalog = new Catalog();
        for (String line : read(root().resolve("schema.sql")).split("\n")) {
            Matcher table = TABLE.matcher(line);
            if (!table.matches()) {
                continue;
            }
            List<ColumnDef> columns = new ArrayList<>();
            for (String column : table.group(2).split(",(?![^()]*\\))")) {
                Matcher m = COLUMN.matcher(column);
                if (!m.matches()) {
                    throw new IllegalStateException("unparsed column: " + column);
                }
                columns.add(new ColumnDef(m.group(1), type(m), m.group(6) == null));
            }
            String name = table.group(1);
            catalog.schema(Catalog.DEFAULT_SCHEMA).put(new TableDef(name, columns, ROWS_SF1.get(name)));
        }
        return catalog;
    }

    private static SqlType type(Matcher m) {
        String type = m.group(2);
        if (type.startsWith("DECIMAL")) {
            return SqlType.decimal(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
        }
        if (type.startsWith("VARCHAR")) {
            return SqlType.varchar(Integer.parseInt(m.group(5)));
        }
        return switch (type) {
            case "INTEGER" -> SqlType.INTEGER;
            case "BIGINT" -> SqlType.BIGINT;
            case "DATE" -> SqlType.DATE;
            default -> throw new IllegalStateException(type);
        };
    }
}

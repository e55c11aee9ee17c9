package io.blueshift.perf.tpch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TpchDataTest {
    private static final double SF = 0.01;

    @Test
    void writesTheGeneratorsRowsInDbgenLayoutAndReusesThem(@TempDir Path dir) throws IOException {
        TpchData data = TpchData.generate(dir, SF);
        TpchSchema schema = TpchSchema.read(TpchFiles.locate().schema());
        for (TpchTable<?> table : TpchTable.getTables()) {
            List<String> names = new ArrayList<>();
            for (TpchColumn<?> column : table.getColumns()) {
                names.add(column.getColumnName());
            }
            List<String> declared = new ArrayList<>();
            for (TpchSchema.Column column : schema.table(table.getTableName()).columns()) {
                declared.add(column.name());
            }
            assertEquals(declared, names, "generator columns in schema.sql order for " + table.getTableName());
            assertEquals(normalized(firstLines(table, 50)), normalized(firstLines(data.file(table.getTableName()), 50)),
                    table.getTableName() + " rows as the generator formats them");
        }
        try (Stream<String> lines = Files.lines(data.file("lineitem"))) {
            assertEquals(60_175, lines.count());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporary parts removed");
        }

        FileTime written = Files.getLastModifiedTime(data.file("orders"));
        Files.delete(data.file("region"));
        TpchData.generate(dir, SF);
        assertEquals(written, Files.getLastModifiedTime(data.file("orders")), "existing tables are reused");
        assertEquals(5, Files.readAllLines(data.file("region")).size(), "missing tables are generated again");
        assertThrows(IllegalArgumentException.class, () -> TpchData.generate(dir, 0.1));
    }

    /**
     * Reads numbers by value: the generator prints quantities as integers ("17") where the files
     * hold every decimal column with two digits ("17.00").
     */
    private static List<List<Object>> normalized(List<String> lines) {
        List<List<Object>> rows = new ArrayList<>();
        for (String line : lines) {
            List<Object> row = new ArrayList<>();
            for (String field : line.split("\\|", -1)) {
                row.add(field.matches("-?\\d+(\\.\\d+)?") ? new BigDecimal(field).stripTrailingZeros() : field);
            }
            rows.add(row);
        }
        return rows;
    }

    /** The generator's own dbgen lines, without their trailing separator. */
    private static List<String> firstLines(TpchTable<?> table, int count) {
        List<String> lines = new ArrayList<>();
        for (var row : table.createGenerator(SF, 1, 1)) {
            String line = row.toLine();
            lines.add(line.endsWith("|") ? line.substring(0, line.length() - 1) : line);
            if (lines.size() == count) {
                break;
            }
        }
        return lines;
    }

    private static List<String> firstLines(Path file, int count) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            for (String line = in.readLine(); line != null && lines.size() < count; line = in.readLine()) {
                lines.add(line);
            }
        }
        return lines;
    }
}

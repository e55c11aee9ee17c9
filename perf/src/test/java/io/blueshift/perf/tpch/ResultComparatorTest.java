package io.blueshift.perf.tpch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultComparatorTest {
    private static QueryResult result(boolean floatingTotal, Object[]... rows) {
        List<List<Object>> list = new ArrayList<>();
        for (Object[] row : rows) {
            list.add(Arrays.asList(row));
        }
        return new QueryResult(List.of(new QueryResult.Column("flag", false), new QueryResult.Column("day", false),
                new QueryResult.Column("total", floatingTotal)), list);
    }

    private static Object[] row(String flag, String day, Object total) {
        return new Object[] {flag, LocalDate.parse(day), total};
    }

    @Test
    void equalResultsMatchAndChangedValueIsNamed() {
        QueryResult expected = result(false, row("A", "1995-03-15", new BigDecimal("10.25")),
                row("N", "1995-03-16", new BigDecimal("3.00")));
        assertTrue(ResultComparator.compare("q99", expected, expected).matches());

        QueryResult changed = result(false, row("A", "1995-03-15", new BigDecimal("10.25")),
                row("N", "1995-03-16", new BigDecimal("3.01")));
        ResultComparator.Comparison c = ResultComparator.compare("q99", expected, changed);
        assertFalse(c.matches());
        assertEquals("q99 row 2 column 3 (total): expected 3.00 but was 3.01", c.message());

        QueryResult otherDate = result(false, row("A", "1995-03-15", new BigDecimal("10.25")),
                row("N", "1995-03-17", new BigDecimal("3.00")));
        assertFalse(ResultComparator.compare("q99", expected, otherDate).matches());
    }

    @Test
    void missingRowAndMissingColumnAreReported() {
        QueryResult expected = result(false, row("A", "1995-03-15", 1L), row("N", "1995-03-16", 2L));
        ResultComparator.Comparison c = ResultComparator.compare("q99", expected,
                result(false, row("A", "1995-03-15", 1L)));
        assertFalse(c.matches());
        assertEquals("q99: expected 2 rows but was 1; first missing row: ['N', 1995-03-16, 2]", c.message());

        QueryResult narrow = new QueryResult(List.of(new QueryResult.Column("flag", false)),
                List.of(List.of("A"), List.of("N")));
        assertFalse(ResultComparator.compare("q99", expected, narrow).matches());
    }

    @Test
    void exactNumbersAgreeToTheDigitsShown() {
        assertTrue(ResultComparator.equal(new BigDecimal("3774200"), new BigDecimal("3774200.00"), false));
        assertTrue(ResultComparator.equal(new BigDecimal("0.05"), new BigDecimal("0.0500"), false));
        assertTrue(ResultComparator.equal(7L, new BigDecimal("7.00"), false));
        assertFalse(ResultComparator.equal(new BigDecimal("5054096266.6828"), new BigDecimal("5054096266.6829"), false));
    }

    @Test
    void floatingValuesHaveARelativeToleranceEdge() {
        double base = 36002.12382901414;
        assertTrue(ResultComparator.equal(base, base * (1 + 0.9e-9), true));
        assertFalse(ResultComparator.equal(base, base * (1 + 1.1e-9), true));
        assertTrue(ResultComparator.equal(new BigDecimal("36002.12382901414"), base * (1 - 0.9e-9), true));
        assertFalse(ResultComparator.equal(0.0, 1e-300, true));
        assertTrue(ResultComparator.equal(0.0, -0.0, true));
        // A floating column is not compared digit by digit: these differ at the 16th digit only.
        assertFalse(ResultComparator.equal(new BigDecimal("1.000000000000001"), new BigDecimal("1.000000000000002"), false));
        assertTrue(ResultComparator.equal(new BigDecimal("1.000000000000001"), new BigDecimal("1.000000000000002"), true));
    }

    @Test
    void stringsIgnoreTrailingBlanksOnly() {
        assertTrue(ResultComparator.equal("MAIL", "MAIL      ", false));
        assertFalse(ResultComparator.equal("MAIL", " MAIL", false));
        assertFalse(ResultComparator.equal("mail", "MAIL", false));
        assertFalse(ResultComparator.equal(null, "MAIL", false));
        assertTrue(ResultComparator.equal(null, null, false));
    }

    @Test
    void tiedRowsInAnotherOrderMatchAndSaySo() {
        QueryResult expected = result(false, row("A", "1995-03-15", 5L), row("B", "1995-03-15", 5L));
        QueryResult swapped = result(false, row("B", "1995-03-15", 5L), row("A", "1995-03-15", 5L));
        ResultComparator.Comparison c = ResultComparator.compare("q99", expected, swapped);
        assertTrue(c.matches());
        assertTrue(c.message().startsWith("q99: equal after sorting both"), c.message());

        QueryResult different = result(false, row("B", "1995-03-15", 5L), row("C", "1995-03-15", 5L));
        assertFalse(ResultComparator.compare("q99", expected, different).matches());
    }

    @Test
    void answerFileCellsAreReadAsTheEngineTypes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("q99.csv");
        Files.writeString(file, "flag|day|total\nA|1995-03-15|25.537587116854997\nN|1995-03-16|3\n");
        QueryResult answer = AnswerFile.read(file);
        assertTrue(answer.columns().get(2).floating(), "more than six fraction digits means a printed double");
        QueryResult engine = result(false, row("A", "1995-03-15", new BigDecimal("25.53758711685499700001")),
                row("N", "1995-03-16", 3L));
        assertTrue(ResultComparator.compare("q99", answer, engine).matches());
        QueryResult wrong = result(false, row("A", "1995-03-15", new BigDecimal("25.53758")),
                row("N", "1995-03-16", 3L));
        ResultComparator.Comparison c = ResultComparator.compare("q99", answer, wrong);
        assertFalse(c.matches());
        assertEquals("q99 row 1 column 3 (total): expected 25.537587116854997 but was 25.53758", c.message());
    }
}

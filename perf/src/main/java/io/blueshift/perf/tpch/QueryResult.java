package io.blueshift.perf.tpch;

import java.util.List;

/**
 * A query result held as Java values: {@code Long} or {@code BigDecimal} for exact numbers,
 * {@code Double} for floating ones, {@code LocalDate} for dates, {@code String} otherwise (and for
 * every cell of an answer file, which carries no types). Each column says whether its values are
 * floating, which decides how {@link ResultComparator} compares them.
 */
public record QueryResult(List<Column> columns, List<List<Object>> rows) {
    /** A result column; {@code floating} means compare with a relative tolerance, not digit by digit. */
    public record Column(String name, boolean floating) {
    }

    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}

package io.blueshift.storage;

/** One version in which a table changed: when, by which operation, and the rows it added and removed. */
public record HistoryRow(String schema, String table, long version, long micros, String operation, long added,
                         long removed, long rows) {
}

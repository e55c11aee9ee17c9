package io.blueshift.storage.format;

import java.util.List;

/** A run of rows of a segment, stored column by column. */
public record RowGroup(int rowCount, List<StoredColumn> columns) {
    public RowGroup {
        columns = List.copyOf(columns);
    }
}

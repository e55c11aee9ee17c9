package io.blueshift.sql.files.parquet;

import io.blueshift.columnar.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns of a Parquet file as Blueshift reads them, with the file's row and row group
 * counts (from its footer; nothing else is read).
 */
public record ParquetSchema(List<String> names, List<SqlType> types, long rowCount, int rowGroupCount) {
    public ParquetSchema {
        names = List.copyOf(names);
        types = List.copyOf(types);
    }

    static ParquetSchema of(List<ParquetColumn> columns, long rowCount, int rowGroupCount) {
        List<String> names = new ArrayList<>(columns.size());
        List<SqlType> types = new ArrayList<>(columns.size());
        for (ParquetColumn c : columns) {
            names.add(c.name());
            types.add(c.type());
        }
        return new ParquetSchema(names, types, rowCount, rowGroupCount);
    }

    /** The index of the column named {@code name} (exact match), or -1. */
    public int indexOf(String name) {
        return names.indexOf(name);
    }
}

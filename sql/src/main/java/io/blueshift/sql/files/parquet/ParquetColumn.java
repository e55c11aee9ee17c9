package io.blueshift.sql.files.parquet;

import io.blueshift.columnar.SqlType;

/**
 * A column of a Parquet file as Blueshift reads it: its place in the file's schema, name, SQL
 * type, and how its stored values become that type's vector ({@code multiplier} scales
 * milliseconds to microseconds).
 */
record ParquetColumn(int index, String name, SqlType type, ParquetTypes.Decode decode, long multiplier) {
}

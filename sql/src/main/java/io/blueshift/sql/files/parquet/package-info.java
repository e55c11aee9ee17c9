/**
 * Parquet files read into and written from Arrow batches through parquet-java without Hadoop:
 * type mapping, codecs over aircompressor, column pruning and row-group skipping by statistics.
 */
package io.blueshift.sql.files.parquet;

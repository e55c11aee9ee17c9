/**
 * Files in and out of the database: COPY from files (the parallel loader and its field parsers),
 * UNLOAD, and files queried in place ({@code read_parquet}, {@code read_csv}, external tables).
 * Parquet itself is in {@code files.parquet}.
 */
package io.blueshift.sql.files;

/**
 * Files in and out of the database: COPY from files, the client's STDIN and {@code read_csv} (the
 * parallel loader and its field parsers, reading the {@code ddl.CopyOptions} every COPY builds), UNLOAD and COPY TO STDOUT's text and CSV writer
 * ({@code DelimitedWriter}), and files queried in place ({@code read_parquet}, {@code read_csv},
 * external tables).
 * Parquet itself is in {@code files.parquet}.
 */
package io.blueshift.sql.files;

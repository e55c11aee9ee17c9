/**
 * Parsers for the statements Calcite does not know (Redshift DDL, COPY, UNLOAD, MERGE, external
 * tables) into plain records the commands execute; {@code CopyOptions} is the one record of COPY's
 * options (from files, STDIN and STDOUT, and {@code read_csv}'s named arguments), checked where it is built.
 */
package io.blueshift.sql.ddl;

/**
 * Parsers for the statements Calcite does not know (Redshift DDL, COPY, UNLOAD, MERGE, external
 * tables) into plain records the commands execute.
 */
package io.blueshift.sql.ddl;

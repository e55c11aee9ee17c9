/**
 * One class per statement family, as PostgreSQL's {@code commands/} and Trino's tasks: DDL,
 * INSERT, UPDATE and DELETE, MERGE, ANALYZE/VACUUM/RESTORE, users, external schemas and tables,
 * Redshift's SHOW. Each takes the statement, already parsed, and the session it runs in.
 */
package io.blueshift.sql.commands;

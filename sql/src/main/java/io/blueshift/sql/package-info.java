/**
 * The front door every interface uses: {@link io.blueshift.sql.Database} (one database: catalog,
 * storage, memory) and {@link io.blueshift.sql.Session} (a connection: it routes each statement to
 * the package that carries it out), with {@link io.blueshift.sql.Prepared} statements and the
 * session's named {@link io.blueshift.sql.Cursors}. Everything else lives in the packages below:
 * {@code session} (settings and results), {@code commands} (one class per statement family),
 * {@code files} (COPY, UNLOAD, files in place, Parquet), {@code storage} (transactions, commit,
 * history, slices), {@code plan} (parse, validate, optimize), {@code physical} (the physical
 * planner), {@code function} (the function library), {@code parser} and {@code ddl} (statement
 * text), {@code catalog} (schemas, tables, pg_catalog) and {@code api} (what clients see).
 */
package io.blueshift.sql;

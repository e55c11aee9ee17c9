/**
 * The catalog (schemas, tables, views, users) and what clients read of it: {@code pg_catalog},
 * {@code information_schema}, Redshift's system views and Calcite's view of the schemas.
 */
package io.blueshift.sql.catalog;

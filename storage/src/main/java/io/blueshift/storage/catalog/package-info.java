/**
 * The definitions the storage engine keeps durable: schemas, tables and views with their columns,
 * primary keys and physical design, and users. The SQL layer presents them (pg_catalog,
 * information_schema, the planner's schema) in {@code io.blueshift.sql.catalog}.
 */
package io.blueshift.storage.catalog;

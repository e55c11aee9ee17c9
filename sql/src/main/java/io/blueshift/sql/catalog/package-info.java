/**
 * What clients and the planner read of the catalog whose definitions the storage engine keeps
 * ({@code io.blueshift.storage.catalog}): {@code pg_catalog}, {@code information_schema}, Redshift's
 * system views and Calcite's view of the schemas; and {@code Principal}, who privilege checks ask
 * about.
 */
package io.blueshift.sql.catalog;

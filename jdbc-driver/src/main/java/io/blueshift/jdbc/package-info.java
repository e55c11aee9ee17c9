/**
 * The embedded {@code jdbc:blueshift:} driver: a JDBC face on {@link io.blueshift.sql.Database}
 * and {@link io.blueshift.sql.Session}. {@link io.blueshift.jdbc.BlueshiftDriver} opens one
 * database and one session per connection; statements run on the session, query results stream
 * batch by batch from the engine, and {@link java.sql.DatabaseMetaData} answers come from the
 * catalog in memory. Engine errors arrive as {@link java.sql.SQLException}s with the engine's
 * SQLSTATE ({@link io.blueshift.jdbc.BlueshiftSQLException} adds the position in the statement).
 * The module's build also writes {@code target/blueshift-jdbc-<version>.jar}, the driver with
 * all its dependencies, for tools that load one jar.
 */
package io.blueshift.jdbc;

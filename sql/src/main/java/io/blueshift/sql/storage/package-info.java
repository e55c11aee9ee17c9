/**
 * The storage engine under SQL: transactions (snapshot, first committer wins), the commit that
 * makes a version durable in the database directory, table history (time travel, the change
 * feed) and the distribution of rows over slices.
 */
package io.blueshift.sql.storage;

/**
 * The storage engine, below the executor and everything SQL: {@link io.blueshift.storage.StorageEngine}
 * holds the transaction manager (snapshots, the commit with its conflict check and a total lock
 * order), durability (each commit a new version of the database directory), history (time travel,
 * the change feed) and the distribution of rows over slices. Its subpackages hold the tables'
 * rows and versions ({@code table}), the on-disk format ({@code format}) and the definitions it
 * keeps durable ({@code catalog}). Being its own module, it cannot import statements, sessions,
 * the parser or plans.
 */
package io.blueshift.storage;

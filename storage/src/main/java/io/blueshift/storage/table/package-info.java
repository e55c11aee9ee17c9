/**
 * A table's rows in memory: {@link io.blueshift.storage.table.MemTable} holds immutable chunks
 * (Arrow batches) and their deletion vectors ({@link io.blueshift.storage.table.Deletes}) as
 * versions readers pin, with zone maps and the statistics the planner reads.
 */
package io.blueshift.storage.table;

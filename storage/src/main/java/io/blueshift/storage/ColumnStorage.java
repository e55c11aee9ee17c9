package io.blueshift.storage;

/** Per column of a table: the encodings its stored chunks use, most used first, and their bytes on disk. */
public record ColumnStorage(String encodings, long bytes) {
}

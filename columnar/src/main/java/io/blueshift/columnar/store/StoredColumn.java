package io.blueshift.columnar.store;

/** Where one column chunk of a row group lies in its segment file, how it is encoded, and its zone map. */
public record StoredColumn(Encoding encoding, long offset, int length, int crc, ZoneMap zone) {
}

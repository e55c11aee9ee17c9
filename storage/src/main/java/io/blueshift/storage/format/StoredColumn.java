package io.blueshift.storage.format;

import io.blueshift.columnar.ZoneMap;


/** Where one column chunk of a row group lies in its segment file, how it is encoded and compressed, and its zone map. */
public record StoredColumn(Encoding encoding, Compression compression, long offset, int length, int crc, ZoneMap zone) {
    /** How a column asks to be stored: an encoding (null: chosen from the data) and a compression. */
    public record Choice(Encoding encoding, Compression compression) {
        public static final Choice AUTO = new Choice(null, Compression.AUTO);
    }
}

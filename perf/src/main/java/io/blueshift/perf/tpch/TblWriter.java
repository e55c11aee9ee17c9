package io.blueshift.perf.tpch;

import io.trino.tpch.GenerateUtils;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes rows in the dbgen {@code .tbl} layout ({@code |} between fields, one row a line) straight
 * into a byte buffer. The generator's own {@code toLine()} formats every row with
 * {@code String.format}, which makes SF1 take minutes; this writer formats numbers by hand and keeps
 * each date's text once, so generation is bound by the generator itself.
 */
final class TblWriter implements AutoCloseable {
    private static final int BUFFER = 1 << 16;
    /** Epoch days below this (2000-01-01 is 10957) cover every TPC-H date. */
    private static final int DATE_CACHE = 12_000;

    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER];
    private final byte[][] dates = new byte[DATE_CACHE][];
    private final byte[] digits = new byte[20];
    private int position;

    TblWriter(OutputStream out) {
        this.out = out;
    }

    void separator() throws IOException {
        put((byte) '|');
    }

    void endRow() throws IOException {
        put((byte) '\n');
    }

    void writeLong(long value) throws IOException {
        if (value < 0) {
            put((byte) '-');
            value = -value;
        }
        int n = 0;
        do {
            digits[n++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        while (n > 0) {
            put(digits[--n]);
        }
    }

    /** A money or quantity value held in hundredths, written with two decimals ("-12.05"). */
    void writeCents(long cents) throws IOException {
        if (cents < 0) {
            put((byte) '-');
            cents = -cents;
        }
        writeLong(cents / 100);
        put((byte) '.');
        put((byte) ('0' + cents / 10 % 10));
        put((byte) ('0' + cents % 10));
    }

    /** A date in the generator's own encoding, written as yyyy-MM-dd. */
    void writeDate(int generatedDate) throws IOException {
        int epochDay = GenerateUtils.toEpochDate(generatedDate);
        byte[] text = epochDay >= 0 && epochDay < DATE_CACHE ? dates[epochDay] : null;
        if (text == null) {
            text = GenerateUtils.formatDate(generatedDate).getBytes(StandardCharsets.US_ASCII);
            if (epochDay >= 0 && epochDay < DATE_CACHE) {
                dates[epochDay] = text;
            }
        }
        for (byte b : text) {
            put(b);
        }
    }

    /** TPC-H text is ASCII, so each char is one byte. */
    void writeAscii(String text) throws IOException {
        for (int i = 0; i < text.length(); i++) {
            put((byte) text.charAt(i));
        }
    }

    private void put(byte b) throws IOException {
        if (position == BUFFER) {
            out.write(buffer, 0, position);
            position = 0;
        }
        buffer[position++] = b;
    }

    @Override
    public void close() throws IOException {
        try (out) {
            out.write(buffer, 0, position);
            position = 0;
        }
    }
}

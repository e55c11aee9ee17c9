package io.blueshift.sql.files.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.kernels.BlueshiftException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;

/**
 * Parquet types that neither Blueshift nor DuckDB writes but Spark, Impala and Hive files hold:
 * INT96 timestamps, REQUIRED columns, TIME(MILLIS) on INT32, TIMESTAMP(NANOS) before 1970,
 * decimals on variable-length BINARY, unsigned and 8-bit integers, un-annotated BINARY and ENUM.
 * The files are written with parquet-java's column writers directly.
 */
class ParquetForeignTypesTest extends ParquetFixture {
    private interface Rows {
        void write(ColumnWriter[] w);
    }

    private static void writeRaw(Path file, MessageType schema, int rows, Rows each) throws Exception {
        ParquetFileWriter fw = new ParquetFileWriter(new LocalOutputFile(file), schema, ParquetFileWriter.Mode.OVERWRITE,
                1 << 20, 0);
        fw.start();
        ParquetProperties props = ParquetProperties.builder().build();
        ColumnChunkPageWriteStore pages = ColumnChunkPageWriteStore.builder().withSchema(schema)
                .withAllocator(props.getAllocator())
                .withCompressorProvider(d -> ParquetCodecs.INSTANCE.getCompressor(CompressionCodecName.SNAPPY))
                .build();
        ColumnWriteStore store = props.newColumnWriteStore(schema, pages, pages);
        List<ColumnDescriptor> columns = schema.getColumns();
        ColumnWriter[] w = new ColumnWriter[columns.size()];
        for (int c = 0; c < w.length; c++) {
            w[c] = store.getColumnWriter(columns.get(c));
        }
        for (int r = 0; r < rows; r++) {
            each.write(w);
            store.endRecord();
        }
        fw.startBlock(rows);
        store.flush();
        pages.flushToFileWriter(fw);
        fw.endBlock();
        store.close();
        pages.close();
        fw.end(Map.of());
        fw.close();
    }

    private static Binary int96(LocalDateTime t) {
        long julianDay = t.toLocalDate().toEpochDay() + ParquetTypes.JULIAN_EPOCH_DAY;
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(t.toLocalTime().toNanoOfDay()).putInt((int) julianDay);
        return Binary.fromConstantByteArray(b.array());
    }

    /**
     * Strings another writer left as NUL or bytes that are not UTF-8 enter as no other text does:
     * 22021, or with ACCEPTINVCHARS' replacement for each bad byte.
     */
    @Test
    void stringsThatAreNotUtf8OrHoldNulAreRefused() throws Exception {
        MessageType schema = MessageTypeParser.parseMessageType("""
                message foreign {
                  optional binary s (STRING);
                }
                """);
        byte[][] values = {{'a', 0, 'b'}, {'a', (byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}};
        String[] messages = {"0x00", "0xff", "0xed 0xa0 0x80"};
        String[] replaced = {"a?b", "a?", "???"};
        for (int v = 0; v < values.length; v++) {
            Path file = dir.resolve("bad" + v + ".parquet");
            byte[] value = values[v];
            writeRaw(file, schema, 2, new Rows() {
                int row;

                @Override
                public void write(ColumnWriter[] w) {
                    w[0].write(Binary.fromConstantByteArray(row++ == 0 ? "日本語".getBytes(StandardCharsets.UTF_8) : value), 0, 1);
                }
            });
            BlueshiftException e = assertThrows(BlueshiftException.class, () -> {
                try (ParquetBatchReader r = ParquetFiles.read(file, allocator); Batch b = r.next()) {
                    b.rowCount();
                }
            });
            assertEquals("22021", e.sqlState());
            assertEquals("invalid byte sequence for encoding \"UTF8\": " + messages[v], e.getMessage());
            // COPY's ACCEPTINVCHARS: each bad byte becomes the replacement, the valid text stays
            try (ParquetBatchReader r = ParquetFiles.read(file, allocator).replacingInvalidText((byte) '?');
                 Batch b = r.next()) {
                assertEquals("日本語", b.get(0, 0));
                assertEquals(replaced[v], b.get(0, 1));
            }
        }
    }

    @Test
    void sparkAndImpalaTypesAreRead() throws Exception {
        MessageType schema = MessageTypeParser.parseMessageType("""
                message spark {
                  optional int96 ts96;
                  required int64 id;
                  optional int32 tms (TIME(MILLIS,true));
                  optional int64 tsn (TIMESTAMP(NANOS,false));
                  optional binary dec (DECIMAL(20,3));
                  optional fixed_len_byte_array(16) dec16 (DECIMAL(10,2));
                  optional int32 u32 (INTEGER(32,false));
                  optional int32 i8 (INTEGER(8,true));
                  optional binary raw;
                  optional binary e (ENUM);
                }
                """);
        Path file = dir.resolve("spark.parquet");
        LocalDateTime[] stamps = {LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000), LocalDateTime.of(1960, 7, 20, 23, 59, 59)};
        writeRaw(file, schema, 2, new Rows() {
            int row;

            @Override
            public void write(ColumnWriter[] w) {
                int r = row++;
                w[0].write(int96(stamps[r]), 0, 1);
                w[1].write(r == 0 ? Long.MAX_VALUE : -1L, 0, 0);
                if (r == 0) {
                    w[2].write((int) (LocalTime.of(13, 14, 15, 16_000_000).toNanoOfDay() / 1_000_000), 0, 1);
                    w[3].write(-1L, 0, 1); // one nanosecond before 1970: the microsecond before
                    w[4].write(Binary.fromConstantByteArray(new BigDecimal("-12345678901234567.891").unscaledValue()
                            .toByteArray()), 0, 1);
                    byte[] fixed = new byte[16];
                    Arrays.fill(fixed, (byte) 0xFF);
                    byte[] v = BigDecimal.valueOf(-1234567890L).toBigInteger().toByteArray();
                    System.arraycopy(v, 0, fixed, 16 - v.length, v.length);
                    w[5].write(Binary.fromConstantByteArray(fixed), 0, 1);
                    w[6].write(-1, 0, 1); // 4294967295
                    w[7].write(-128, 0, 1);
                    w[8].write(Binary.fromString("bytes"), 0, 1);
                    w[9].write(Binary.fromString("RED"), 0, 1);
                } else {
                    for (int c = 2; c < w.length; c++) {
                        w[c].writeNull(0, 0);
                    }
                }
            }
        });
        ParquetSchema s = ParquetFiles.schema(file);
        assertEquals(List.of(SqlType.TIMESTAMP, SqlType.BIGINT, SqlType.TIME, SqlType.TIMESTAMP, SqlType.decimal(20, 3),
                SqlType.decimal(10, 2), SqlType.BIGINT, SqlType.SMALLINT, SqlType.TEXT, SqlType.TEXT), s.types());
        try (ParquetBatchReader r = ParquetFiles.read(file, allocator); Batch b = r.next()) {
            assertEquals(2, b.rowCount());
            List<Object[]> rows = ParquetTestData.values(b);
            assertEquals(List.of(stamps[0], Long.MAX_VALUE, LocalTime.of(13, 14, 15, 16_000_000),
                    LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000), new BigDecimal("-12345678901234567.891"),
                    new BigDecimal("-12345678.90"), 4294967295L, (short) -128, "bytes", "RED"),
                    Arrays.asList(rows.get(0)));
            Object[] second = rows.get(1);
            assertEquals(stamps[1], second[0]);
            assertEquals(-1L, second[1]);
            for (int c = 2; c < second.length; c++) {
                assertEquals(null, second[c], "column " + c);
            }
        }
    }

    @Test
    void nestedColumnsAreNotSupported() throws Exception {
        MessageType schema = MessageTypeParser.parseMessageType("""
                message nested {
                  optional int32 a;
                  repeated int32 list;
                }
                """);
        Path file = dir.resolve("nested.parquet");
        writeRaw(file, schema, 1, w -> {
            w[0].write(1, 0, 1);
            w[1].write(2, 0, 1);
        });
        BlueshiftException e = assertThrows(BlueshiftException.class, () -> ParquetFiles.schema(file));
        assertEquals("0A000", e.sqlState());
    }
}

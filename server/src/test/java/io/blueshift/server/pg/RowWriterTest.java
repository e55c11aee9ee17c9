package io.blueshift.server.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.junit.jupiter.api.Test;

/** Floats print as Postgres 15 prints float8 and float4 (shortest exact digits, its exponent rules). */
class RowWriterTest {
    @Test
    void floatsPrintAsPostgresPrintsThem() {
        // values and texts from PostgreSQL 15: select x::float8, x::float4
        String[][] doubles = {{"0.5", "0.5"}, {"1e-7", "1e-07"}, {"1e20", "1e+20"}, {"123456789012345", "123456789012345"},
            {"1e15", "1e+15"}, {"0.0001", "0.0001"}, {"0.00001234", "1.234e-05"}, {"-2.5", "-2.5"}, {"100", "100"},
            {"1234567.5", "1234567.5"}, {"0.1", "0.1"}, {"3.141592653589793", "3.141592653589793"}, {"-0.000123", "-0.000123"},
            {"12345678901234567890", "1.2345678901234567e+19"}, {"1.7976931348623157e308", "1.7976931348623157e+308"},
            {"4.9e-324", "5e-324"}};
        for (String[] d : doubles) {
            assertEquals(d[1], RowWriter.floatText(Double.parseDouble(d[0]), false), d[0]);
        }
        String[][] floats = {{"0.5", "0.5"}, {"123456", "123456"}, {"1234567", "1.234567e+06"}, {"1e-5", "1e-05"},
            {"0.1", "0.1"}, {"3.1415927", "3.1415927"}, {"100000", "100000"}};
        for (String[] f : floats) {
            assertEquals(f[1], RowWriter.floatText(Float.parseFloat(f[0]), true), f[0]);
        }
        assertEquals("-0", RowWriter.floatText(-0.0, false));
        assertEquals("NaN", RowWriter.floatText(Double.NaN, false));
        assertEquals("-Infinity", RowWriter.floatText(Double.NEGATIVE_INFINITY, false));
    }

    /** The text always reads back to the same double. */
    @Test
    void floatTextRoundTrips() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(d)) {
                assertEquals(d, Double.parseDouble(RowWriter.floatText(d, false)));
            }
            float f = Float.intBitsToFloat(random.nextInt());
            if (Float.isFinite(f)) {
                assertEquals(f, Float.parseFloat(RowWriter.floatText(f, true)));
            }
        }
    }

    /** The long fast path writes exactly the bytes of the general one, for every scale and sign. */
    @Test
    void numericBinaryFastPathMatchesTheGeneralOne() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            long unscaled = switch (i % 4) {
                case 0 -> random.nextLong(-100, 100);
                case 1 -> random.nextLong(-1_000_000_000L, 1_000_000_000L);
                case 2 -> random.nextLong() / (1L << random.nextInt(1, 40));
                default -> (long) Math.pow(10, random.nextInt(0, 18)) * (random.nextBoolean() ? 1 : -1);
            };
            int scale = random.nextInt(0, 19);
            PgOutput fast = new PgOutput(OutputStream.nullOutputStream());
            PgTypes.encodeNumeric(fast, unscaled, scale);
            PgOutput general = new PgOutput(OutputStream.nullOutputStream());
            PgTypes.encodeNumeric(general, BigDecimal.valueOf(unscaled, scale));
            assertEquals(HexFormat.of().formatHex(general.array(), 0, general.position()),
                    HexFormat.of().formatHex(fast.array(), 0, fast.position()), unscaled + " scale " + scale);
        }
    }

    /** Dates and timestamps print as ISO text, also around leap days, year ends and the first and last years. */
    @Test
    void datesAndTimestampsPrintAsPostgres() throws Exception {
        List<LocalDate> days = new ArrayList<>();
        for (long d = -719_162; d <= 2_932_896; d += 997) {
            days.add(LocalDate.ofEpochDay(d));
        }
        days.addAll(List.of(LocalDate.of(2000, 2, 29), LocalDate.of(1900, 3, 1),
                LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.of(1969, 12, 31)));
        SqlType[] types = {SqlType.DATE, SqlType.TIMESTAMP};
        try (RootAllocator allocator = new RootAllocator();
             DateDayVector date = new DateDayVector("d", allocator);
             TimeStampMicroVector ts = new TimeStampMicroVector("t", allocator)) {
            date.allocateNew(days.size());
            ts.allocateNew(days.size());
            for (int i = 0; i < days.size(); i++) {
                date.set(i, (int) days.get(i).toEpochDay());
                ts.set(i, days.get(i).toEpochDay() * 86_400_000_000L + 3_723_000_450L);
            }
            date.setValueCount(days.size());
            ts.setValueCount(days.size());
            Batch batch = new Batch(List.of("d", "t"), types,
                    new FieldVector[] {date, ts}, days.size());
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            PgOutput out = new PgOutput(sent);
            new RowWriter(types, new boolean[2]).write(batch, 0, days.size(), out);
            out.flush();
            ByteBuffer b = ByteBuffer.wrap(sent.toByteArray());
            for (LocalDate day : days) {
                assertEquals('D', b.get());
                b.getInt();
                b.getShort();
                byte[] text = new byte[b.getInt()];
                b.get(text);
                assertEquals(day.toString(), new String(text, StandardCharsets.US_ASCII));
                text = new byte[b.getInt()];
                b.get(text);
                assertEquals(day + " 01:02:03.00045", new String(text, StandardCharsets.US_ASCII));
            }
        }
    }
}

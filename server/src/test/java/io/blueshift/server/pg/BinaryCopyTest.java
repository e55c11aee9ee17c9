package io.blueshift.server.pg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/** COPY in Postgres' binary format, byte for byte through pgJDBC's CopyManager. */
class BinaryCopyTest extends ScramServerFixture {
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    /** One row (int4 7, text 'hé', NULL numeric), then the trailer. */
    private static final byte[] ROWS = concat(new byte[] {0, 3, 0, 0, 0, 4, 0, 0, 0, 7, 0, 0, 0, 3, 'h', (byte) 0xC3, (byte) 0xA9,
            (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, new byte[] {(byte) 0xFF, (byte) 0xFF});

    @Test
    void binaryRowsGoInAndComeOutAsPostgresWritesThem() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table bin (id int, name text, amount decimal(8,2))");
            CopyManager copy = c.unwrap(BaseConnection.class).getCopyAPI();
            byte[] data = concat(HEADER, ROWS);
            // fed in small pieces, so that a row arrives in several CopyData messages
            assertEquals(1, copy.copyIn("COPY bin FROM STDIN (FORMAT binary)", new ByteArrayInputStream(data), 5));
            try (ResultSet rs = s.executeQuery("select id, name, amount from bin")) {
                rs.next();
                assertEquals(7, rs.getInt(1));
                assertEquals("hé", rs.getString(2));
                assertEquals(null, rs.getBigDecimal(3));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(1, copy.copyOut("COPY bin TO STDOUT WITH BINARY", out));
            assertArrayEquals(data, out.toByteArray());
            out.reset();
            assertEquals(0, copy.copyOut("COPY (select * from bin where id < 0) TO STDOUT (FORMAT binary)", out));
            assertArrayEquals(concat(HEADER, new byte[] {(byte) 0xFF, (byte) 0xFF}), out.toByteArray());
        }
    }

    @Test
    void badBinaryDataFailsTheCopyAndLeavesTheTableAsItWas() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table bin_bad (id int, name text, amount decimal(8,2))");
            CopyManager copy = c.unwrap(BaseConnection.class).getCopyAPI();
            byte[] badSignature = concat(HEADER, ROWS);
            badSignature[0] = 'X';
            byte[] truncated = Arrays.copyOf(concat(HEADER, ROWS), HEADER.length + 12);
            byte[] twoFields = concat(HEADER, new byte[] {0, 2, 0, 0, 0, 4, 0, 0, 0, 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
            for (byte[] bad : new byte[][] {badSignature, truncated, twoFields}) {
                SQLException e = assertThrows(SQLException.class,
                        () -> copy.copyIn("COPY bin_bad FROM STDIN (FORMAT binary)", new ByteArrayInputStream(bad)));
                assertEquals("22P04", e.getSQLState());
            }
            assertEquals("0A000", assertThrows(SQLException.class,
                    () -> copy.copyIn("COPY bin_bad FROM STDIN (FORMAT binary, HEADER)", new ByteArrayInputStream(HEADER))).getSQLState());
            try (ResultSet rs = s.executeQuery("select count(*) from bin_bad")) {
                rs.next();
                assertEquals(0, rs.getInt(1));
            }
        }
    }
}

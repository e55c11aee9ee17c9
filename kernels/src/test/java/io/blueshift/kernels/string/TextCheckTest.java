package io.blueshift.kernels.string;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.blueshift.kernels.BlueshiftException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextCheckTest {
    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static String message(byte[] b) {
        BlueshiftException e = assertThrows(BlueshiftException.class, () -> TextCheck.check(b, 0, b.length));
        assertEquals("22021", e.sqlState());
        return e.getMessage();
    }

    @Test
    void wellFormedTextPasses() {
        byte[] b = "ascii, ÄÖü, Ωμέγα, 日本語, 😀".getBytes(StandardCharsets.UTF_8);
        assertEquals(-1, TextCheck.firstInvalid(b, 0, b.length));
        assertEquals("ascii, ÄÖü, Ωμέγα, 日本語, 😀", TextCheck.decode(b));
    }

    @Test
    void errorsNameTheBytesAsPostgresDoes() {
        assertEquals("invalid byte sequence for encoding \"UTF8\": 0x00", message(bytes('a', 0, 'b')));
        assertEquals("invalid byte sequence for encoding \"UTF8\": 0xff", message(bytes('a', 0xFF)));
        // a truncated sequence names what its lead byte announces, within the value
        assertEquals("invalid byte sequence for encoding \"UTF8\": 0xe6 0x97 0x22", message(bytes(0xE6, 0x97, '"')));
        assertEquals("invalid byte sequence for encoding \"UTF8\": 0xe6 0x97", message(bytes('a', 0xE6, 0x97)));
        // an encoded surrogate, an overlong slash and a code point past U+10FFFF
        assertEquals("invalid byte sequence for encoding \"UTF8\": 0xed 0xa0 0x80", message(bytes(0xED, 0xA0, 0x80)));
        assertEquals("invalid byte sequence for encoding \"UTF8\": 0xc0 0xaf", message(bytes(0xC0, 0xAF)));
        assertEquals("invalid byte sequence for encoding \"UTF8\": 0xf4 0x90 0x80 0x80", message(bytes(0xF4, 0x90, 0x80, 0x80)));
    }

    @Test
    void agreesWithTheJdksStrictDecoderOnRandomBytes() {
        Random random = new Random(13);
        int[] alphabet = {'a', 0x7F, 0x80, 0xBF, 0xC2, 0xC0, 0xDF, 0xE0, 0xE6, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0x90, 0xA0, 0x9F};
        for (int round = 0; round < 50_000; round++) {
            byte[] b = new byte[random.nextInt(8)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) alphabet[random.nextInt(alphabet.length)];
            }
            boolean jdkValid;
            try {
                StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b));
                jdkValid = true;
            } catch (CharacterCodingException e) {
                jdkValid = false;
            }
            assertEquals(jdkValid, TextCheck.firstInvalid(b, 0, b.length) < 0, () -> HexFormat.of().formatHex(b));
        }
    }

    @Test
    void javaTextWithNulOrAHalfSurrogatePairFails() {
        TextCheck.check("日本語 😀");
        assertEquals("invalid byte sequence for encoding \"UTF8\": 0x00",
                assertThrows(BlueshiftException.class, () -> TextCheck.check("a\0b")).getMessage());
        assertEquals("invalid byte sequence for encoding \"UTF8\": 0xed 0xa0 0xbd",
                assertThrows(BlueshiftException.class, () -> TextCheck.check("x\uD83D")).getMessage());
        assertThrows(BlueshiftException.class, () -> TextCheck.check("\uDE00x"));
    }

    @Test
    void replacementKeepsTheLengthInBytes() {
        byte[] b = bytes('a', 0xFF, 0xFE, 'b', 0xE6, 0x97, 0, 0xC3, 0xA4);
        assertEquals(5, TextCheck.replaceInvalid(b, 0, b.length, (byte) '?'));
        assertEquals("a??b???ä", new String(b, StandardCharsets.UTF_8));
    }
}

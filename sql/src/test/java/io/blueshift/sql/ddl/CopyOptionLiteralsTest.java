package io.blueshift.sql.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.blueshift.sql.api.SqlPositionException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DDL layer reads literals, names and comments the way the one SQL scanner does. */
class CopyOptionLiteralsTest {
    @Test
    void escapeStringsAndDollarQuotesAreOptionValues() {
        CopyParser.CopyFrom copy = CopyParser.parse(
                "COPY t FROM '/data/x.csv' WITH (FORMAT csv, DELIMITER E'\\t', NULL E'it\\'s', QUOTE $$'$$)");
        assertEquals("/data/x.csv", copy.source());
        assertEquals(CopyOptions.Format.CSV, copy.options().format());
        assertEquals('\t', copy.options().delimiter());
        assertEquals("it's", copy.options().nullText());
        assertEquals('\'', copy.options().quote());
    }

    @Test
    void commentsNestAndHideWhatTheyHold() {
        CopyParser.CopyFrom copy = CopyParser.parse(
                "COPY /* a /* nested */ FROM 'no' */ t (\"a\"\"b\", c) -- FROM 'nope'\n FROM 'yes.csv'");
        assertEquals("yes.csv", copy.source());
        assertEquals(List.of("a\"b", "c"), copy.columns());
    }

    @Test
    void tokensKeepTheirPlaceInTheText() {
        List<Lexer.Token> tokens = Lexer.tokens("x E'it\\'s' y");
        assertEquals(new Lexer.Token(Lexer.Kind.STRING, "it's", 2, 10), tokens.get(1));
        assertEquals(10, tokens.get(2).start() - 1);
    }

    @Test
    void openLiteralsAndCommentsAreSyntaxErrors() {
        SqlPositionException e = assertThrows(SqlPositionException.class,
                () -> CopyParser.parse("COPY t FROM 'x.csv' NULL E'it\\'s"));
        assertEquals("42601", e.sqlState());
        assertEquals(26, e.position());
        assertEquals("42601", assertThrows(SqlPositionException.class,
                () -> CopyParser.parse("COPY t FROM 'x.csv' /* open")).sqlState());
    }
}

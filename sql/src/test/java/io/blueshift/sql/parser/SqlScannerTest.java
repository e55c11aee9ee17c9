package io.blueshift.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.sql.api.SqlPositionException;
import io.blueshift.sql.parser.SqlScanner.Region;
import io.blueshift.sql.parser.SqlScanner.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SqlScannerTest {
    /** The statement texts of {@code sql}. */
    private static List<String> split(String sql) {
        List<String> texts = new ArrayList<>();
        for (Statement s : SqlScanner.split(sql)) {
            texts.add(s.text());
        }
        return texts;
    }

    /** The region starting at 0 and its text. */
    private static String region(String sql) {
        int end = SqlScanner.skip(sql, 0);
        return SqlScanner.regionAt(sql, 0) + ":" + (end < 0 ? "" : sql.substring(0, end));
    }

    @Test
    void stringLiteralsDoubleTheirQuotesAndKeepBackslashesPlain() {
        assertEquals("STRING:'it''s'", region("'it''s' rest"));
        assertEquals("STRING:'a\\'", region("'a\\' rest'"), "standard-conforming: a backslash is plain");
        assertEquals("it's", SqlScanner.stringValue("'it''s'", 0, 7));
        assertEquals("a\\", SqlScanner.stringValue("'a\\'", 0, 4));
        assertEquals("", SqlScanner.stringValue("''", 0, 2));
    }

    @Test
    void escapeStringsHonourBackslashes() {
        assertEquals("ESCAPE_STRING:E'it\\'s'", region("E'it\\'s' rest'"));
        assertEquals("ESCAPE_STRING:e'\\\\'", region("e'\\\\' rest"));
        String sql = "E'it\\'s\\n\\t\\\\ \\x41\\101\\u00e9 ''q'' \\z'";
        assertEquals("it's\n\t\\ AA\u00e9 'q' z", SqlScanner.stringValue(sql, 0, SqlScanner.skip(sql, 0)));
        // E only prefixes when it is not the end of a word
        assertEquals(Region.CODE, SqlScanner.regionAt("type'x'", 3));
        assertEquals(Region.ESCAPE_STRING, SqlScanner.regionAt("(E'x')", 1));
    }

    @Test
    void unicodeStringsAndNames() {
        String sql = "U&'d\\0061t\\+000061' x";
        assertEquals(Region.UNICODE_STRING, SqlScanner.regionAt(sql, 0));
        assertEquals("data", SqlScanner.stringValue(sql, 0, SqlScanner.skip(sql, 0)));
        assertEquals("QUOTED_NAME:U&\"a;b\"", region("U&\"a;b\" c"));
    }

    @Test
    void quotedNamesDoubleTheirQuotes() {
        assertEquals("QUOTED_NAME:\"a\"\"b;c\"", region("\"a\"\"b;c\" d"));
    }

    @Test
    void lineCommentsEndAtTheLineBreak() {
        assertEquals("LINE_COMMENT:-- a; 'b", region("-- a; 'b\nselect 1"));
        assertEquals("LINE_COMMENT:-- to the end", region("-- to the end"));
        assertEquals(Region.CODE, SqlScanner.regionAt("- -", 0));
    }

    @Test
    void blockCommentsNest() {
        assertEquals("BLOCK_COMMENT:/* a /* b; */ c */", region("/* a /* b; */ c */ d */"));
        assertEquals("BLOCK_COMMENT:/**/", region("/**/x"));
    }

    @Test
    void dollarQuotesWithAndWithoutTags() {
        assertEquals("DOLLAR_QUOTE:$$it's; $$", region("$$it's; $$ x"));
        assertEquals("DOLLAR_QUOTE:$fn$ a $$ b; $x$ $fn$", region("$fn$ a $$ b; $x$ $fn$ c"));
        assertEquals(" a $$ b ", SqlScanner.stringValue("$fn$ a $$ b $fn$", 0, 16));
        assertEquals(Region.CODE, SqlScanner.regionAt("$1", 0), "a parameter is not a dollar quote");
        assertEquals(2, SqlScanner.parameterEnd("$1+$2", 0));
        assertEquals(-1, SqlScanner.parameterEnd("a$1", 1), "a $ inside a name is part of it");
        assertEquals(Region.CODE, SqlScanner.regionAt("a$b$", 1));
        assertEquals(Region.CODE, SqlScanner.regionAt("$1$", 0), "a tag does not start with a digit");
    }

    @Test
    void unterminatedRegionsAreReported() {
        assertEquals(7, SqlScanner.unterminated("select 'abc"));
        assertEquals(7, SqlScanner.unterminated("select E'abc\\'"));
        assertEquals(7, SqlScanner.unterminated("select 'abc''"));
        assertEquals(7, SqlScanner.unterminated("select \"abc"));
        assertEquals(7, SqlScanner.unterminated("select /* a /* b */ c"));
        assertEquals(7, SqlScanner.unterminated("select $x$ a $$ b"));
        assertEquals(-1, SqlScanner.unterminated("select 1 -- no line break"));
        assertEquals(-1, SqlScanner.unterminated("select 'a', \"b\", $$c$$, /* d */ $1"));
        assertEquals(11, SqlScanner.skip("select 'abc", 7), "skip runs to the end of an open region");

        SqlPositionException e = assertThrows(SqlPositionException.class,
                () -> SqlScanner.checkTerminated("select 1, 'abc"));
        assertEquals("42601", e.sqlState());
        assertEquals(11, e.position());
        assertTrue(e.getMessage().contains("unterminated quoted string at or near \"'abc\""), e.getMessage());
        assertTrue(assertThrows(SqlPositionException.class, () -> SqlScanner.checkTerminated("select /* x"))
                .getMessage().contains("unterminated /* comment"));
        assertTrue(assertThrows(SqlPositionException.class, () -> SqlScanner.checkTerminated("select $$ x"))
                .getMessage().contains("unterminated dollar-quoted string"));
        assertTrue(assertThrows(SqlPositionException.class, () -> SqlScanner.checkTerminated("select \"x"))
                .getMessage().contains("unterminated quoted identifier"));
    }

    @Test
    void splitsAtTopLevelSemicolonsOnly() {
        assertEquals(List.of("select 'a;b'", "select E'c\\';d'", "select \"e;f\"", "select 1 -- g;h",
                        "select /* i; /* j; */ k; */ 2", "select $$l;m$$, $t$n;$$;o$t$, $1"),
                split("select 'a;b'; select E'c\\';d'; select \"e;f\"; select 1 -- g;h\n; "
                        + "select /* i; /* j; */ k; */ 2; select $$l;m$$, $t$n;$$;o$t$, $1;"));
        assertEquals(List.of(), split(" ; -- only a comment\n; /* and another */ ;"));
        List<Statement> statements = SqlScanner.split("select 1;  select 2");
        assertEquals(11, statements.get(1).offset());
        assertEquals(List.of("-- lead\nselect 1"), split("-- lead\nselect 1;"), "comments before code stay with it");
    }

    @Test
    void firstKeywordLooksPastCommentsAndParentheses() {
        assertEquals("select", SqlScanner.firstKeyword("  -- c\n/* a /* nested */ */ ( (Select 1))"));
        assertEquals("insert", SqlScanner.firstKeyword("INSERT INTO t VALUES (1)"));
        assertEquals("", SqlScanner.firstKeyword("-- nothing"));
        assertEquals("", SqlScanner.firstKeyword("'select'"));
        assertEquals("", SqlScanner.firstKeyword("E'x'"), "an escape string is not the word E");
        assertEquals(List.of("explain", "analyze", "select"),
                SqlScanner.keywords("explain /* c */ analyze select * from t", 3));
        assertEquals(List.of("create", "table"), SqlScanner.keywords("create table \"t\" (a int)", 5));
        assertEquals("values", SqlScanner.firstKeyword("Values (1)"));
    }

    @Test
    void firstKeywordFoldsCaseWithoutTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertEquals("insert", SqlScanner.firstKeyword("INSERT INTO t VALUES (1)"));
        } finally {
            Locale.setDefault(saved);
        }
    }
}

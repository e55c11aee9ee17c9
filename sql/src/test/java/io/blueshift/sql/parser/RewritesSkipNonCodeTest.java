package io.blueshift.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The text rewrites before parsing touch code only, never a literal, quoted name or comment. */
class RewritesSkipNonCodeTest {
    @Test
    void castsInsideCommentsAndStringsAreLeftAlone() {
        assertEquals("select 10 / (4::float8) /* a::b /* c::d */ e::f */, E'x::y', $$p::q$$, \"n::m\"",
                CastPrecedence.parenthesize(
                        "select 10 / 4::float8 /* a::b /* c::d */ e::f */, E'x::y', $$p::q$$, \"n::m\""));
        assertEquals("select x -- a::b\n, (y::int)", CastPrecedence.parenthesize("select x -- a::b\n, y::int"));
    }

    @Test
    void castOfAnEscapeStringTakesTheWholeLiteral() {
        assertEquals("select 1 / (E'it\\'s'::text)", CastPrecedence.parenthesize("select 1 / E'it\\'s'::text"));
        assertEquals("select (t.\"a\"\"b\"::int)", CastPrecedence.parenthesize("select t.\"a\"\"b\"::int"));
    }

    @Test
    void distinctOnInsideCommentsAndStringsIsLeftAlone() {
        String sql = "select /* distinct on (a) */ a, E'\\'distinct on (b)', $$distinct on (c)$$ from t";
        assertEquals(sql, DistinctOn.mark(sql));
        String marked = DistinctOn.mark("select distinct on (a, ')') a from t");
        assertEquals("select distinct_on(a, ')'), a from t", marked);
    }

    @Test
    void catalogSyntaxInsideCommentsAndStringsIsLeftAlone() {
        assertEquals("select 'a' /* operator(pg_catalog.~) */", PgCatalogSyntax.normalize(
                "select 'a' /* operator(pg_catalog.~) */"));
        assertEquals("select a  ~  'x'", PgCatalogSyntax.normalize("select a operator(pg_catalog.~) 'x'"));
    }

    @Test
    void escapeUnicodeAndDollarStringsBecomePlainLiteralsOfTheSameLength() {
        assertEquals("select 'it''s' , 'dat'      , 'a;b'  , 'x''y'   ", PgCatalogSyntax.plainLiterals(
                "select E'it\\'s', U&'d\\0061t', $$a;b$$, $q$x'y$q$"));
        assertEquals("select 1 " + " ".repeat(9) + "\n" + " ".repeat(8) + " + 2",
                PgCatalogSyntax.plainLiterals("select 1 /* a /* b\n */ c */ + 2"));
        assertEquals("select /* flat */ 1", PgCatalogSyntax.plainLiterals("select /* flat */ 1"));
    }

    @Test
    void shiftInsideACommentIsLeftAlone() {
        assertEquals("select pg_shift_right(a, 2) -- b >> 1",
                RedshiftSyntax.normalize("select a >> 2 -- b >> 1"));
    }
}

package io.blueshift.server.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {
    private static List<String> split(String... lines) {
        StatementSplitter splitter = new StatementSplitter();
        List<String> statements = new ArrayList<>();
        for (String line : lines) {
            statements.addAll(splitter.addLine(line));
        }
        assertFalse(splitter.hasPending(), "left pending: " + splitter.pendingText());
        return statements;
    }

    @Test
    void splitsAtSemicolonsAndDropsEmptyStatements() {
        assertEquals(List.of("select 1", "select 2"), split("select 1; ;select 2;"));
    }

    @Test
    void statementsSpanLines() {
        StatementSplitter splitter = new StatementSplitter();
        assertEquals(List.of(), splitter.addLine("select a,"));
        assertTrue(splitter.hasPending());
        assertEquals(List.of(), splitter.addLine("  b"));
        assertEquals(List.of("select a,\n  b\nfrom t", "select 3"), splitter.addLine("from t; select 3;"));
        assertFalse(splitter.hasPending());
    }

    @Test
    void semicolonsInsideQuotesAndCommentsDoNotEndAStatement() {
        assertEquals(List.of("select 'a;b', \"c;d\", 'it''s;' -- e;f\nfrom t"),
                split("select 'a;b', \"c;d\", 'it''s;' -- e;f", "from t;"));
        assertEquals(List.of("select /* a; /* nested; */ still; */ 1"), split("select /* a; /* nested; */ still; */ 1;"));
        assertEquals(List.of("select E'it\\'s;', e'\\\\', 'plain\\'", "select 1"),
                split("select E'it\\'s;', e'\\\\', 'plain\\'; select 1;"));
        assertEquals(List.of("select $$a;b$$, $tag$c;$$;d$tag$, $1"), split("select $$a;b$$, $tag$c;$$;d$tag$, $1;"));
    }

    @Test
    void quotesMaySpanLines() {
        StatementSplitter splitter = new StatementSplitter();
        assertEquals(List.of(), splitter.addLine("select 'one;"));
        assertEquals(List.of("select 'one;\ntwo'"), splitter.addLine("two';"));
    }

    @Test
    void commentsAloneAreNotStatements() {
        StatementSplitter splitter = new StatementSplitter();
        assertEquals(List.of(), splitter.addLine("-- just a comment; really"));
        assertFalse(splitter.hasPending());
        assertEquals(List.of(), splitter.addLine("/* open"));
        assertTrue(splitter.hasPending());
        assertEquals(List.of("/* open\n; still comment */ select 1"), splitter.addLine("; still comment */ select 1;"));
    }

    @Test
    void resetForgetsAnOpenQuote() {
        StatementSplitter splitter = new StatementSplitter();
        splitter.addLine("select 'oops");
        splitter.reset();
        assertFalse(splitter.hasPending());
        assertEquals(List.of("select 2"), splitter.addLine("select 2;"));
    }

    @Test
    void promptMarkersSayWhatTheNextLineContinues() {
        StatementSplitter splitter = new StatementSplitter();
        assertEquals('=', splitter.promptMarker());
        splitter.addLine("select (1 +");
        assertEquals('(', splitter.promptMarker());
        splitter.addLine("2) as x,");
        assertEquals('-', splitter.promptMarker());
        splitter.addLine("'open");
        assertEquals('\'', splitter.promptMarker());
        splitter.addLine("' as \"quoted");
        assertEquals('"', splitter.promptMarker());
        splitter.addLine("\" /* still");
        assertEquals('*', splitter.promptMarker());
        splitter.addLine("*/ , $$ body");
        assertEquals('$', splitter.promptMarker());
        splitter.addLine("$$;");
        assertEquals('=', splitter.promptMarker());
    }

    @Test
    void aStatementGoesOnOverLinesInsideADollarQuoteOrBlockComment() {
        StatementSplitter splitter = new StatementSplitter();
        assertEquals(List.of(), splitter.addLine("select $fn$ one;"));
        assertEquals('$', splitter.promptMarker());
        assertEquals(List.of(), splitter.addLine("two; $$ not the end;"));
        assertEquals('$', splitter.promptMarker());
        assertEquals(List.of("select $fn$ one;\ntwo; $$ not the end;\n$fn$ as body"), splitter.addLine("$fn$ as body;"));
        assertFalse(splitter.hasPending());

        assertEquals(List.of(), splitter.addLine("select 1 /* outer; /* inner;"));
        assertEquals('*', splitter.promptMarker());
        assertEquals(List.of(), splitter.addLine("*/ still a comment;"));
        assertEquals('*', splitter.promptMarker(), "comments nest, so one */ is not enough");
        assertEquals(List.of("select 1 /* outer; /* inner;\n*/ still a comment;\n*/ + 1"), splitter.addLine("*/ + 1;"));
    }

    @Test
    void escapeStringsAndQuotedNamesGoOnOverLines() {
        StatementSplitter splitter = new StatementSplitter();
        assertEquals(List.of(), splitter.addLine("select E'it\\'s;"));
        assertEquals('\'', splitter.promptMarker());
        assertEquals(List.of("select E'it\\'s;\n'"), splitter.addLine("'; select \"a;"));
        assertEquals('"', splitter.promptMarker());
        assertTrue(splitter.hasPending());
        assertEquals(List.of("select \"a;\nb\""), splitter.addLine("b\";"));
    }

    @Test
    void aParameterIsNotADollarQuote() {
        assertEquals(List.of("select $1", "select a$b$, 2"), split("select $1; select a$b$, 2;"));
    }
}

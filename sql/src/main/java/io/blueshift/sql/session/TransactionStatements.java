package io.blueshift.sql.session;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.api.SqlPositionException;
import io.blueshift.sql.parser.SqlScanner;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the transaction control statements whole, as Postgres' grammar has them, so that nothing
 * after their keyword is ignored ({@code BEGIN this is not sql} is 42601 at {@code this}):
 * <ul>
 *   <li>{@code BEGIN [WORK | TRANSACTION] [mode [, ...]]}, {@code START TRANSACTION [mode [, ...]]};</li>
 *   <li>{@code COMMIT | END [WORK | TRANSACTION] [AND [NO] CHAIN]};</li>
 *   <li>{@code ROLLBACK | ABORT [WORK | TRANSACTION] [AND [NO] CHAIN]};</li>
 * </ul>
 * where a mode is {@code ISOLATION LEVEL {SERIALIZABLE | REPEATABLE READ | READ COMMITTED | READ
 * UNCOMMITTED}}, {@code READ WRITE | READ ONLY} or {@code [NOT] DEFERRABLE}, separated by commas or
 * spaces. Savepoints and two-phase commit are refused with 0A000 rather than taken for a plain
 * ROLLBACK or COMMIT.
 */
final class TransactionStatements {
    private final String text;
    private int at;

    private TransactionStatements(String text) {
        this.text = text;
        this.at = SqlScanner.skipSpaceAndComments(text, 0);
    }

    /** BEGIN or START TRANSACTION with its modes. */
    static Statement begin(String sql) {
        TransactionStatements t = new TransactionStatements(sql);
        if (t.accept("start")) {
            t.expect("transaction");
        } else {
            t.expect("begin");
            if (!t.accept("work")) {
                t.accept("transaction");
            }
        }
        Map<String, String> modes = t.modes();
        t.end();
        return new Statement.Begin(modes);
    }

    /** COMMIT or END. */
    static Statement commit(String sql) {
        TransactionStatements t = new TransactionStatements(sql);
        if (!t.accept("end")) {
            t.expect("commit");
            if (t.peekIs("prepared")) {
                throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "COMMIT PREPARED");
            }
        }
        boolean chain = t.chain();
        t.end();
        return new Statement.Commit(chain);
    }

    /** ROLLBACK or ABORT. */
    static Statement rollback(String sql) {
        TransactionStatements t = new TransactionStatements(sql);
        if (!t.accept("abort")) {
            t.expect("rollback");
            if (t.peekIs("prepared")) {
                throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "ROLLBACK PREPARED");
            }
        }
        if (!t.accept("work")) {
            t.accept("transaction");
        }
        if (t.peekIs("to")) {
            throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "ROLLBACK TO SAVEPOINT");
        }
        boolean chain = t.andChain();
        t.end();
        return new Statement.Rollback(chain);
    }

    /** {@code [WORK | TRANSACTION] [AND [NO] CHAIN]}: whether a new block follows at once. */
    private boolean chain() {
        if (!accept("work")) {
            accept("transaction");
        }
        return andChain();
    }

    private boolean andChain() {
        if (!accept("and")) {
            return false;
        }
        boolean no = accept("no");
        expect("chain");
        return !no;
    }

    /** The transaction modes, as the settings they set ({@code transaction_read_only} = on ...). */
    private Map<String, String> modes() {
        Map<String, String> modes = new LinkedHashMap<>();
        boolean first = true;
        while (at < text.length()) {
            if (!first && accept(",") && at >= text.length()) {
                throw syntaxError();
            }
            first = false;
            if (accept("isolation")) {
                expect("level");
                String level;
                if (accept("serializable")) {
                    level = "serializable";
                } else if (accept("repeatable")) {
                    expect("read");
                    level = "repeatable read";
                } else {
                    expect("read");
                    if (accept("committed")) {
                        level = "read committed";
                    } else {
                        expect("uncommitted");
                        level = "read uncommitted";
                    }
                }
                modes.put("transaction_isolation", level);
            } else if (accept("read")) {
                if (accept("only")) {
                    modes.put("transaction_read_only", "on");
                } else {
                    expect("write");
                    modes.put("transaction_read_only", "off");
                }
            } else if (accept("not")) {
                expect("deferrable");
                modes.put("transaction_deferrable", "off");
            } else {
                expect("deferrable");
                modes.put("transaction_deferrable", "on");
            }
        }
        return modes;
    }

    // ---- tokens -------------------------------------------------------------------------------

    /** The end of the token at {@link #at}: a word, or one character (a literal or name whole). */
    private int tokenEnd() {
        char c = text.charAt(at);
        if (SqlScanner.isWordStart(c) && SqlScanner.regionAt(text, at) == SqlScanner.Region.CODE) {
            return SqlScanner.wordEnd(text, at);
        }
        int skip = SqlScanner.skip(text, at);
        return skip > at ? skip : at + 1;
    }

    private boolean peekIs(String word) {
        if (at >= text.length()) {
            return false;
        }
        int end = tokenEnd();
        return end - at == word.length() && text.regionMatches(true, at, word, 0, word.length());
    }

    private boolean accept(String word) {
        if (!peekIs(word)) {
            return false;
        }
        at = SqlScanner.skipSpaceAndComments(text, tokenEnd());
        return true;
    }

    private void expect(String word) {
        if (!accept(word)) {
            throw syntaxError();
        }
    }

    private void end() {
        if (at < text.length()) {
            throw syntaxError();
        }
    }

    /** 42601 at the token the statement cannot go on with, worded and placed as Postgres does. */
    private SqlPositionException syntaxError() {
        if (at >= text.length()) {
            return new SqlPositionException(ErrorCode.SYNTAX_ERROR, text.length() + 1, null, "syntax error at end of input");
        }
        String token = text.substring(at, tokenEnd());
        return new SqlPositionException(ErrorCode.SYNTAX_ERROR, at + 1, null,
                "syntax error at or near \"" + token + "\"");
    }
}

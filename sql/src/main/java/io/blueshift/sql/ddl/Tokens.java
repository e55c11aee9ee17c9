package io.blueshift.sql.ddl;

import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.api.SqlPositionException;
import io.blueshift.sql.ddl.Lexer.Kind;
import io.blueshift.sql.ddl.Lexer.Token;
import java.util.List;

/** A statement's tokens read front to back, with the errors a parser reports at a token's position. */
final class Tokens {
    final String sql;
    private final List<Token> tokens;
    int at;

    Tokens(String sql) {
        this.sql = sql;
        this.tokens = Lexer.tokens(sql);
    }

    Token peek() {
        return tokens.get(at);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(at + ahead, tokens.size() - 1));
    }

    /** The token before the current one (the last one read). */
    Token previous() {
        return tokens.get(at - 1);
    }

    Token next() {
        Token t = tokens.get(at);
        if (t.kind() != Kind.END) {
            at++;
        }
        return t;
    }

    boolean atEnd() {
        return peek().kind() == Kind.END || peek().isSymbol(";");
    }

    boolean accept(String word) {
        if (peek().is(word)) {
            at++;
            return true;
        }
        return false;
    }

    boolean acceptSymbol(String s) {
        if (peek().isSymbol(s)) {
            at++;
            return true;
        }
        return false;
    }

    void expect(String word) {
        if (!accept(word)) {
            throw unexpected(peek());
        }
    }

    void expectSymbol(String s) {
        if (!acceptSymbol(s)) {
            throw unexpected(peek());
        }
    }

    String identifier() {
        Token t = next();
        if (t.kind() != Kind.WORD && t.kind() != Kind.QUOTED) {
            throw unexpected(t);
        }
        return t.text();
    }

    /** A string literal's text. */
    String string() {
        Token t = next();
        if (t.kind() != Kind.STRING) {
            throw unexpected(t);
        }
        return t.text();
    }

    /** {@code name} or {@code schema.name}. */
    Ddl.Name name() {
        String first = identifier();
        if (acceptSymbol(".")) {
            return new Ddl.Name(first, identifier());
        }
        return new Ddl.Name(null, first);
    }

    static SqlPositionException unexpected(Token t) {
        return error(t, t.kind() == Kind.END ? "syntax error at end of input" : "syntax error at or near \"" + t.text() + "\"");
    }

    static SqlPositionException error(Token t, String message) {
        return new SqlPositionException(ErrorCode.SYNTAX_ERROR, t.start() + 1, null, message);
    }
}

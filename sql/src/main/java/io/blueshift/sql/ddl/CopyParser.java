package io.blueshift.sql.ddl;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.api.SqlPositionException;
import io.blueshift.sql.ddl.Lexer.Kind;
import io.blueshift.sql.ddl.Lexer.Token;
import io.blueshift.sql.ddl.CopyOptions.Arity;
import io.blueshift.sql.ddl.CopyOptions.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every COPY statement: {@code COPY table [(columns)] FROM 'path, glob or prefix' | STDIN [options]}
 * and {@code COPY table [(columns)] | (query) TO STDOUT [options]}, with the options in Redshift's
 * form ({@code DELIMITER '|' IGNOREHEADER 1 GZIP ...}), Postgres' ({@code WITH (FORMAT csv, HEADER)})
 * and Postgres' old one ({@code WITH CSV HEADER QUOTE AS '"'}). This is the syntax; which options
 * exist and what values they take is {@link CopyOptions.Builder}'s to check, so a bad value fails
 * here, before any file or table is touched.
 */
public final class CopyParser {
    /** A COPY from files. */
    public record CopyFrom(Ddl.Name table, List<String> columns, String source, CopyOptions options) {
    }

    /**
     * Any COPY: {@code query} is set instead of {@code table} for {@code COPY (query) TO};
     * {@code file} is null for STDIN and STDOUT.
     */
    public record Copy(Ddl.Name table, List<String> columns, String query, boolean from, String file, CopyOptions options) {
    }

    private CopyParser() {
    }

    /** The COPY of {@code sql} when it reads from a quoted file source; null for other statements (COPY ... STDIN). */
    public static CopyFrom parse(String sql) {
        Copy copy = parseAny(sql);
        if (copy == null || !copy.from() || copy.file() == null) {
            return null;
        }
        return new CopyFrom(copy.table(), copy.columns(), copy.file(), copy.options());
    }

    /** Any COPY statement; null when {@code sql} is not one. Options take Postgres' defaults for STDIN and STDOUT. */
    public static Copy parseAny(String sql) {
        Tokens p = new Tokens(sql);
        if (!p.peek().is("copy")) {
            return null;
        }
        p.at++;
        Ddl.Name table = null;
        String query = null;
        List<String> columns = new ArrayList<>();
        if (p.peek().isSymbol("(")) {
            query = query(p);
        } else {
            table = p.name();
            if (p.peek().isSymbol("(")) {
                p.at++;
                do {
                    columns.add(p.identifier());
                } while (p.acceptSymbol(","));
                p.expectSymbol(")");
            }
        }
        boolean from;
        if (p.accept("from")) {
            from = true;
        } else if (p.accept("to")) {
            from = false;
        } else {
            throw Tokens.unexpected(p.peek());
        }
        if (from && query != null) {
            throw Tokens.error(p.previous(), "COPY FROM needs a table, not a query");
        }
        Token source = p.next();
        String file = null;
        if (source.kind() == Kind.STRING) {
            file = source.text();
        } else if (!(from ? source.is("stdin") : source.is("stdout"))) {
            throw Tokens.unexpected(source);
        }
        CopyOptions.Builder options = CopyOptions.builder(file == null ? Dialect.POSTGRES : Dialect.REDSHIFT);
        p.accept("with");
        if (p.peek().isSymbol("(")) {
            postgresOptions(p, options);
        }
        while (!p.atEnd()) {
            keywordOption(p, options);
        }
        return new Copy(table, columns, query, from, file, options.build());
    }

    /** {@code (query)}: the text between the parentheses, nested ones included. */
    private static String query(Tokens p) {
        Token open = p.next();
        int depth = 1;
        while (true) {
            Token t = p.next();
            if (t.kind() == Kind.END) {
                throw Tokens.unexpected(t);
            }
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")") && --depth == 0) {
                return p.sql.substring(open.end(), t.start()).strip();
            }
        }
    }

    /** Postgres' {@code (name [value], ...)}: every option takes a value or none. */
    private static void postgresOptions(Tokens p, CopyOptions.Builder options) {
        p.expectSymbol("(");
        do {
            Token name = p.next();
            if (name.kind() != Kind.WORD) {
                throw Tokens.unexpected(name);
            }
            String value = null;
            if (!p.peek().isSymbol(",") && !p.peek().isSymbol(")")) {
                if (p.peek().isSymbol("(") || p.peek().isSymbol("*")) {
                    // FORCE_QUOTE (a, b) or *: a column list
                    skipColumnList(p);
                    value = "*";
                } else {
                    value = value(p);
                }
            }
            set(options, name, value);
        } while (p.acceptSymbol(","));
        p.expectSymbol(")");
    }

    private static void skipColumnList(Tokens p) {
        if (p.acceptSymbol("*")) {
            return;
        }
        p.expectSymbol("(");
        do {
            p.identifier();
        } while (p.acceptSymbol(","));
        p.expectSymbol(")");
    }

    /** One option of Redshift's form or Postgres' old one: a word, an optional AS, then what the option takes. */
    private static void keywordOption(Tokens p, CopyOptions.Builder options) {
        Token t = p.next();
        if (t.kind() != Kind.WORD) {
            throw Tokens.unexpected(t);
        }
        String name = t.text();
        if (name.equals("force")) {
            throw new SqlPositionException(ErrorCode.FEATURE_NOT_SUPPORTED, t.start() + 1, null, "COPY option FORCE");
        }
        Arity arity;
        try {
            arity = CopyOptions.arity(name);
        } catch (BlueshiftException e) {
            throw Tokens.error(t, e.getMessage());
        }
        p.accept("as");
        switch (arity) {
            case FLAG -> {
                set(options, t, null);
                if (name.equals("json") && p.peek().kind() == Kind.STRING) {
                    jsonPaths(options, p.next());
                }
            }
            case OPTIONAL_VALUE -> {
                Token next = p.peek();
                boolean hasValue = switch (name) {
                    case "escape", "acceptinvchars" -> next.kind() == Kind.STRING;
                    default -> next.is("true") || next.is("false") || next.is("on") || next.is("off") || next.is("match")
                            || next.kind() == Kind.NUMBER;
                };
                set(options, t, hasValue ? value(p) : null);
            }
            case VALUE -> {
                String value = value(p);
                set(options, t, value);
                if (name.equals("format") && p.peek().kind() == Kind.STRING) {
                    // FORMAT AS JSON 'auto' | 's3://jsonpaths'; FORMAT AS CSV 'quote'
                    Token extra = p.next();
                    if (value.equalsIgnoreCase("json")) {
                        jsonPaths(options, extra);
                    } else {
                        set(options, extra, "quote", extra.text());
                    }
                }
            }
        }
    }

    private static void jsonPaths(CopyOptions.Builder options, Token value) {
        try {
            options.jsonPaths(value.text());
        } catch (SqlPositionException e) {
            throw e;
        } catch (BlueshiftException e) {
            throw at(e, value);
        }
    }

    /** An option's value: a string (any form the lexer reads, E'\t' included), a word, or a number with its sign. */
    private static String value(Tokens p) {
        Token v = p.next();
        return switch (v.kind()) {
            case STRING, WORD, NUMBER -> v.text();
            case SYMBOL -> {
                if ((v.isSymbol("-") || v.isSymbol("+")) && p.peek().kind() == Kind.NUMBER) {
                    yield v.text() + p.next().text();
                }
                throw Tokens.unexpected(v);
            }
            case QUOTED, END -> throw Tokens.unexpected(v);
        };
    }

    private static void set(CopyOptions.Builder options, Token name, String value) {
        set(options, name, name.text(), value);
    }

    /** Hands one option to the builder; its complaint points at the option in the statement. */
    private static void set(CopyOptions.Builder options, Token at, String name, String value) {
        try {
            options.set(name.toLowerCase(Locale.ROOT), value);
        } catch (SqlPositionException e) {
            throw e;
        } catch (BlueshiftException e) {
            throw at(e, at);
        }
    }

    /** The builder's error at a token's position, where its message stands on its own. */
    private static BlueshiftException at(BlueshiftException e, Token t) {
        return e.code() == ErrorCode.INVALID_PARAMETER_VALUE || e.code() == ErrorCode.SYNTAX_ERROR
                ? new SqlPositionException(e.code(), t.start() + 1, null, e.getMessage()) : e;
    }
}

package io.blueshift.sql.ddl;

import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.SqlPositionException;
import io.blueshift.sql.ddl.Lexer.Kind;
import io.blueshift.sql.ddl.Lexer.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Redshift Spectrum's DDL: {@code CREATE EXTERNAL SCHEMA [IF NOT EXISTS] name FROM DATA CATALOG ...}
 * (the catalog clauses are accepted and not kept) and {@code CREATE EXTERNAL TABLE schema.name
 * (column type, ...) [PARTITIONED BY (column type, ...)] [ROW FORMAT DELIMITED FIELDS TERMINATED BY
 * 'c' ...] STORED AS PARQUET | TEXTFILE LOCATION 'folder' [TABLE PROPERTIES ('k'='v', ...)]}.
 */
public final class ExternalParser {
    /** A column as declared: its name and type text. */
    public record Column(String name, String type) {
    }

    public record ExternalSchema(String name, boolean ifNotExists) {
    }

    public record ExternalTable(Ddl.Name name, List<Column> columns, List<Column> partitions, String storedAs, String location,
                                String delimiter, Map<String, String> properties) {
    }

    private final String sql;
    private final List<Token> tokens;
    private int at;

    private ExternalParser(String sql) {
        this.sql = sql;
        this.tokens = Lexer.tokens(sql);
    }

    /** An ExternalSchema or ExternalTable; null when the statement is not CREATE EXTERNAL. */
    public static Object parse(String sql) {
        ExternalParser p = new ExternalParser(sql);
        if (!p.peek().is("create") || !p.peek(1).is("external")) {
            return null;
        }
        p.at += 2;
        if (p.accept("schema")) {
            boolean ifNotExists = false;
            if (p.accept("if")) {
                p.expect("not");
                p.expect("exists");
                ifNotExists = true;
            }
            return new ExternalSchema(p.identifier(), ifNotExists);
        }
        p.expect("table");
        Ddl.Name name = p.name();
        List<Column> columns = p.columns();
        List<Column> partitions = List.of();
        String storedAs = null;
        String location = null;
        String delimiter = null;
        Map<String, String> properties = new LinkedHashMap<>();
        while (p.peek().kind() != Kind.END && !p.peek().isSymbol(";")) {
            Token t = p.next();
            switch (t.text()) {
                case "partitioned" -> {
                    p.expect("by");
                    partitions = p.columns();
                }
                case "row" -> {
                    p.expect("format");
                    // DELIMITED FIELDS TERMINATED BY 'c' [LINES TERMINATED BY '\n'], or SERDE 'class' [WITH SERDEPROPERTIES (...)]
                    while (!p.peek().is("stored") && p.peek().kind() != Kind.END) {
                        Token w = p.next();
                        if (w.is("fields") && p.accept("terminated")) {
                            p.expect("by");
                            delimiter = p.next().text();
                        }
                    }
                }
                case "stored" -> {
                    p.expect("as");
                    storedAs = p.next().text().toLowerCase(Locale.ROOT);
                }
                case "location" -> location = p.string();
                case "table" -> {
                    p.expect("properties");
                    p.expectSymbol("(");
                    do {
                        String k = p.string();
                        p.expectSymbol("=");
                        properties.put(k.toLowerCase(Locale.ROOT), p.string());
                    } while (p.acceptSymbol(","));
                    p.expectSymbol(")");
                }
                default -> throw error(t, "syntax error at or near \"" + t.text() + "\"");
            }
        }
        if (storedAs == null || location == null) {
            throw error(p.peek(), "CREATE EXTERNAL TABLE needs STORED AS and LOCATION");
        }
        return new ExternalTable(name, columns, partitions, storedAs, location, delimiter, properties);
    }

    private List<Column> columns() {
        expectSymbol("(");
        List<Column> out = new ArrayList<>();
        do {
            String column = identifier();
            int start = peek().start();
            int depth = 0;
            while (peek().kind() != Kind.END && !(depth == 0 && (peek().isSymbol(",") || peek().isSymbol(")")))) {
                Token t = next();
                depth += t.isSymbol("(") ? 1 : t.isSymbol(")") ? -1 : 0;
            }
            out.add(new Column(column, sql.substring(start, tokens.get(at - 1).end()).strip()));
        } while (acceptSymbol(","));
        expectSymbol(")");
        return out;
    }

    private Ddl.Name name() {
        String first = identifier();
        if (acceptSymbol(".")) {
            return new Ddl.Name(first, identifier());
        }
        return new Ddl.Name(null, first);
    }

    private String identifier() {
        Token t = next();
        if (t.kind() != Kind.WORD && t.kind() != Kind.QUOTED) {
            throw error(t, "syntax error at or near \"" + t.text() + "\"");
        }
        return t.text();
    }

    private String string() {
        Token t = next();
        if (t.kind() != Kind.STRING) {
            throw error(t, "syntax error at or near \"" + t.text() + "\"");
        }
        return t.text();
    }

    private Token peek() {
        return tokens.get(at);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(at + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(at);
        if (t.kind() != Kind.END) {
            at++;
        }
        return t;
    }

    private boolean accept(String word) {
        if (peek().is(word)) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(String word) {
        if (!accept(word)) {
            Token t = peek();
            throw error(t, t.kind() == Kind.END ? "syntax error at end of input" : "syntax error at or near \"" + t.text() + "\"");
        }
    }

    private boolean acceptSymbol(String s) {
        if (peek().isSymbol(s)) {
            at++;
            return true;
        }
        return false;
    }

    private void expectSymbol(String s) {
        if (!acceptSymbol(s)) {
            Token t = peek();
            throw error(t, t.kind() == Kind.END ? "syntax error at end of input" : "syntax error at or near \"" + t.text() + "\"");
        }
    }

    private static SqlPositionException error(Token t, String message) {
        return new SqlPositionException(ErrorCode.SYNTAX_ERROR, t.start() + 1, null, message);
    }
}

package io.blueshift.sql.ddl;

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


    /** An ExternalSchema or ExternalTable; null when the statement is not CREATE EXTERNAL. */
    public static Object parse(String sql) {
        Tokens p = new Tokens(sql);
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
        List<Column> columns = columns(p);
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
                    partitions = columns(p);
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
                default -> throw Tokens.error(t, "syntax error at or near \"" + t.text() + "\"");
            }
        }
        if (storedAs == null || location == null) {
            throw Tokens.error(p.peek(), "CREATE EXTERNAL TABLE needs STORED AS and LOCATION");
        }
        return new ExternalTable(name, columns, partitions, storedAs, location, delimiter, properties);
    }

    private static List<Column> columns(Tokens p) {
        p.expectSymbol("(");
        List<Column> out = new ArrayList<>();
        do {
            String column = p.identifier();
            int start = p.peek().start();
            int depth = 0;
            while (p.peek().kind() != Kind.END && !(depth == 0 && (p.peek().isSymbol(",") || p.peek().isSymbol(")")))) {
                Token t = p.next();
                depth += t.isSymbol("(") ? 1 : t.isSymbol(")") ? -1 : 0;
            }
            out.add(new Column(column, p.sql.substring(start, p.previous().end()).strip()));
        } while (p.acceptSymbol(","));
        p.expectSymbol(")");
        return out;
    }
}

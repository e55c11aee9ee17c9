package io.blueshift.sql.ddl;

import io.blueshift.sql.ddl.Lexer.Kind;
import io.blueshift.sql.ddl.Lexer.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Redshift's {@code UNLOAD ('select ...') TO 'directory' [FORMAT [AS] CSV | PARQUET] [PARTITION BY
 * (columns) [INCLUDE]] [HEADER] [DELIMITER [AS] 'c'] [NULL [AS] 'text'] [ADDQUOTES] [GZIP | BZIP2 |
 * ZSTD] [ALLOWOVERWRITE] [PARALLEL ON|OFF] [MAXFILESIZE [AS] n MB|GB] [EXTENSION 'ext']}. The query is
 * a string literal, its quotes doubled, as in Redshift.
 */
public final class UnloadParser {
    /** An UNLOAD: its query, target, partition columns and options by lower-case name (true for flags). */
    public record Unload(String query, String target, List<String> partitionBy, boolean includePartitionColumns,
                         Map<String, String> options) {
    }


    public static Unload parse(String sql) {
        Tokens p = new Tokens(sql);
        p.expect("unload");
        p.expectSymbol("(");
        Token query = p.next();
        if (query.kind() != Kind.STRING) {
            throw Tokens.error(query, "UNLOAD needs its query as a string literal: UNLOAD ('select ...') TO '...'");
        }
        p.expectSymbol(")");
        p.expect("to");
        Token target = p.next();
        if (target.kind() != Kind.STRING) {
            throw Tokens.error(target, "syntax error at or near \"" + target.text() + "\"");
        }
        List<String> partitionBy = new ArrayList<>();
        boolean include = false;
        Map<String, String> options = new LinkedHashMap<>();
        while (p.peek().kind() != Kind.END && !p.peek().isSymbol(";")) {
            Token t = p.next();
            String name = t.text().toLowerCase(Locale.ROOT);
            if (t.kind() != Kind.WORD) {
                throw Tokens.error(t, "syntax error at or near \"" + t.text() + "\"");
            }
            if (p.peek().is("as")) {
                p.at++;
            }
            switch (name) {
                case "format" -> options.put("format", p.next().text().toLowerCase(Locale.ROOT));
                case "csv", "parquet", "json" -> options.put("format", name);
                case "partition" -> {
                    p.expect("by");
                    p.expectSymbol("(");
                    do {
                        partitionBy.add(p.identifier());
                    } while (p.acceptSymbol(","));
                    p.expectSymbol(")");
                    if (p.peek().is("include")) {
                        p.at++;
                        include = true;
                    }
                }
                case "header", "addquotes", "gzip", "bzip2", "zstd", "allowoverwrite", "manifest", "cleanpath", "escape" ->
                        options.put(name, "true");
                case "parallel" -> {
                    if (p.peek().is("on") || p.peek().is("off") || p.peek().is("true") || p.peek().is("false")) {
                        options.put(name, p.next().text());
                    } else {
                        options.put(name, "on");
                    }
                }
                case "maxfilesize" -> {
                    String size = p.next().text();
                    String unit = p.peek().is("mb") || p.peek().is("gb") ? p.next().text() : "mb";
                    options.put(name, size + " " + unit);
                }
                case "delimiter", "null", "extension", "iam_role", "credentials", "region", "kms_key_id" -> {
                    Token value = p.next();
                    if (value.kind() == Kind.END) {
                        throw Tokens.error(value, "syntax error at end of input");
                    }
                    options.put(name, value.text());
                }
                default -> throw Tokens.error(t, "UNLOAD option \"" + name + "\" is not recognized");
            }
        }
        return new Unload(query.text(), target.text(), partitionBy, include, options);
    }
}

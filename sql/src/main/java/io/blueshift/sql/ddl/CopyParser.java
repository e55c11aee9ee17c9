package io.blueshift.sql.ddl;

import io.blueshift.sql.ddl.Lexer.Kind;
import io.blueshift.sql.ddl.Lexer.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code COPY table [(columns)] FROM 'path, glob or prefix' [options]} in Redshift's form
 * ({@code DELIMITER '|' IGNOREHEADER 1 GZIP ...}) and Postgres' ({@code WITH (FORMAT csv, HEADER)}).
 * Options come back by lower-case name with their value (true for flags); which ones exist and
 * what values they take is checked by the loader.
 */
public final class CopyParser {
    /** A COPY from files. */
    public record CopyFrom(Ddl.Name table, List<String> columns, String source, Map<String, String> options) {
    }


    /** The COPY of {@code sql} when it reads from a quoted file source; null for other statements (COPY ... STDIN). */
    public static CopyFrom parse(String sql) {
        Tokens p = new Tokens(sql);
        if (!p.peek().is("copy")) {
            return null;
        }
        p.at++;
        Ddl.Name table = p.name();
        List<String> columns = new ArrayList<>();
        if (p.peek().isSymbol("(")) {
            p.at++;
            do {
                columns.add(p.identifier());
            } while (p.acceptSymbol(","));
            p.expectSymbol(")");
        }
        if (!p.peek().is("from")) {
            return null;
        }
        p.at++;
        Token source = p.next();
        if (source.kind() != Kind.STRING) {
            return null;
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (p.peek().is("with")) {
            p.at++;
        }
        if (p.peek().isSymbol("(")) {
            // Postgres: WITH (FORMAT csv, HEADER [true], DELIMITER ',', NULL '', QUOTE '"')
            p.at++;
            do {
                String name = p.next().text().toLowerCase(Locale.ROOT);
                Token value = p.peek();
                if (value.isSymbol(",") || value.isSymbol(")")) {
                    options.put(name, "true");
                } else {
                    p.at++;
                    options.put(name, value.text());
                }
            } while (p.acceptSymbol(","));
            p.expectSymbol(")");
        }
        while (p.peek().kind() != Kind.END && !p.peek().isSymbol(";")) {
            Token t = p.next();
            if (t.kind() != Kind.WORD) {
                throw Tokens.error(t, "syntax error at or near \"" + t.text() + "\"");
            }
            String name = t.text();
            if (p.peek().is("as")) {
                p.at++;
            }
            switch (name) {
                case "format" -> {
                    Token f = p.next();
                    String format = f.text().toLowerCase(Locale.ROOT);
                    if (p.peek().is("as")) {
                        p.at++;
                    }
                    options.put("format", format);
                    if ((format.equals("json") || format.equals("csv")) && p.peek().kind() == Kind.STRING) {
                        options.put(format.equals("json") ? "json" : "quote", p.next().text());
                    }
                }
                case "csv", "parquet", "json", "gzip", "bzip2", "zstd", "emptyasnull", "blanksasnull", "truncatecolumns",
                     "removequotes", "escape", "fillrecord", "ignoreblanklines", "trimblanks", "header", "compupdate",
                     "statupdate", "explicit_ids", "noload" -> {
                    if ((name.equals("compupdate") || name.equals("statupdate")) && (p.peek().is("on") || p.peek().is("off")
                            || p.peek().is("true") || p.peek().is("false"))) {
                        p.at++;
                    }
                    if (name.equals("csv") || name.equals("parquet") || name.equals("json")) {
                        options.put("format", name);
                        if (name.equals("json") && p.peek().kind() == Kind.STRING) {
                            options.put("json", p.next().text());
                        } else if (name.equals("csv") && p.peek().is("quote")) {
                            p.at++;
                            if (p.peek().is("as")) {
                                p.at++;
                            }
                            options.put("quote", p.next().text());
                        }
                    } else {
                        options.put(name, "true");
                    }
                }
                case "acceptinvchars" -> options.put(name, p.peek().kind() == Kind.STRING ? p.next().text() : "?");
                case "delimiter", "quote", "null", "dateformat", "timeformat", "ignoreheader", "maxerror", "region",
                     "iam_role", "credentials", "encoding", "acceptanydate" -> {
                    Token value = p.next();
                    if (value.kind() == Kind.END) {
                        throw Tokens.error(value, "syntax error at end of input");
                    }
                    options.put(name, value.text());
                }
                default -> throw Tokens.error(t, "COPY option \"" + name + "\" is not recognized");
            }
        }
        return new CopyFrom(table, columns, source.text(), options);
    }
}

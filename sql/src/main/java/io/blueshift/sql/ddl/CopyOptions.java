package io.blueshift.sql.ddl;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a COPY (from files, from the client's STDIN, to its STDOUT) or a {@code read_csv} reads and
 * writes rows: one immutable record, made only by {@link Builder}, which knows every option of
 * Redshift's COPY and of Postgres' (new {@code WITH (...)} and old {@code WITH CSV HEADER} forms)
 * and checks them all in one place. A bad value is 22023 naming its option, an unknown option
 * 42601; the statement's syntax is {@code ddl.CopyParser}'s.
 *
 * @param delimiter        the field separator
 * @param quote            CSV's quote character
 * @param escape           CSV's escape of a quote inside quotes (the quote itself unless ESCAPE 'c')
 * @param backslashEscapes text fields undo backslash escapes ({@code \n}, {@code \t}, octal ...), as
 *                         Postgres' text format and Redshift's ESCAPE do
 * @param nullText         the field text that stands for NULL
 * @param ignoreHeader     lines skipped at the start of each file
 * @param header           a header line comes first (read: skipped; write: written)
 * @param compression      how files are compressed; AUTO goes by their extension
 * @param maxError         rows that may be rejected before the COPY fails
 * @param acceptInvChars   the replacement for invalid UTF-8, or null to reject such a row
 * @param dateFormat       DATEFORMAT, or null for the usual forms
 * @param timeFormat       TIMEFORMAT, or null for the usual forms
 */
public record CopyOptions(Format format, byte delimiter, byte quote, byte escape, boolean backslashEscapes, String nullText,
                          int ignoreHeader, boolean header, boolean emptyAsNull, boolean blanksAsNull, Compression compression,
                          long maxError, String acceptInvChars, boolean truncateColumns, String dateFormat, String timeFormat) {

    public enum Format { TEXT, CSV, JSON, PARQUET, BINARY }

    public enum Compression { AUTO, GZIP, BZIP2, ZSTD }

    /**
     * Whose defaults apply to what a statement leaves out: Redshift's for COPY from files ('|'
     * between text fields, no escapes unless ESCAPE), Postgres' for the client's data over the wire
     * (a tab between text fields and backslash escapes; CSV's NULL is the empty unquoted field).
     */
    public enum Dialect { REDSHIFT, POSTGRES }

    /** How an option is written after its name in Redshift's form (Postgres' form takes a value or none for all). */
    public enum Arity { FLAG, VALUE, OPTIONAL_VALUE }

    public boolean csv() {
        return format == Format.CSV;
    }

    public boolean json() {
        return format == Format.JSON;
    }

    public boolean parquet() {
        return format == Format.PARQUET;
    }

    public boolean binary() {
        return format == Format.BINARY;
    }

    /**
     * A Redshift DATEFORMAT or TIMEFORMAT ({@code YYYY-MM-DD HH24:MI:SS}) as a java.time pattern;
     * 22023 when it is not one.
     */
    public static DateTimeFormatter datetimeFormat(String format) {
        String p = format.replace("YYYY", "yyyy").replace("HH24", "HH").replace("HH12", "hh").replace("MONTH", "MMMM")
                .replace("MON", "MMM").replace("MI", "mm").replace("SS", "ss").replace("DD", "dd").replace("AM", "a")
                .replace("PM", "a").replace("YY", "yy").replace(".US", ".SSSSSS").replace(".MS", ".SSS");
        try {
            return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(p).toFormatter(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "invalid datetime format '" + format + "'");
        }
    }

    public static Builder builder(Dialect dialect) {
        return new Builder(dialect);
    }

    /**
     * The options of a file queried in place: {@code name=value} pairs as {@code read_csv} names them
     * or as COPY does, in Redshift's dialect.
     */
    public static CopyOptions of(Map<String, String> pairs) {
        Builder b = builder(Dialect.REDSHIFT);
        for (Map.Entry<String, String> e : pairs.entrySet()) {
            b.readCsv(e.getKey(), e.getValue());
        }
        return b.build();
    }

    /** The arity of option {@code name} in Redshift's keyword form; 42601 for a name COPY does not know. */
    public static Arity arity(String name) {
        return switch (name) {
            case "csv", "parquet", "json", "binary", "text", "gzip", "bzip2", "zstd", "emptyasnull", "blanksasnull",
                 "truncatecolumns", "removequotes", "fillrecord", "ignoreblanklines", "trimblanks", "explicit_ids", "noload",
                 "acceptanydate", "freeze" -> Arity.FLAG;
            case "header", "escape", "acceptinvchars", "compupdate", "statupdate" -> Arity.OPTIONAL_VALUE;
            case "format", "delimiter", "quote", "null", "dateformat", "timeformat", "ignoreheader", "maxerror", "region",
                 "iam_role", "credentials", "encoding", "force_quote", "force_not_null", "force_null" -> Arity.VALUE;
            default -> throw new BlueshiftException(ErrorCode.SYNTAX_ERROR, "COPY option \"" + name + "\" is not recognized");
        };
    }

    /**
     * The options as COPY's own syntax writes them, every one explicit so they read back the same in
     * either dialect (the wire hands the client's data to the file loader this way).
     */
    public String toSql() {
        StringBuilder sb = new StringBuilder("FORMAT ").append(format.name());
        if (format == Format.TEXT || format == Format.CSV) {
            sb.append(" DELIMITER ").append(literal(String.valueOf((char) delimiter)));
            sb.append(" NULL ").append(literal(nullText));
        }
        if (format == Format.CSV) {
            sb.append(" QUOTE ").append(literal(String.valueOf((char) quote)));
            sb.append(" ESCAPE ").append(literal(String.valueOf((char) escape)));
        }
        if (backslashEscapes) {
            sb.append(" ESCAPE");
        }
        if (ignoreHeader > 0) {
            sb.append(" IGNOREHEADER ").append(ignoreHeader);
        }
        if (emptyAsNull) {
            sb.append(" EMPTYASNULL");
        }
        if (blanksAsNull) {
            sb.append(" BLANKSASNULL");
        }
        if (compression != Compression.AUTO) {
            sb.append(' ').append(compression.name());
        }
        if (maxError > 0) {
            sb.append(" MAXERROR ").append(maxError);
        }
        if (acceptInvChars != null) {
            sb.append(" ACCEPTINVCHARS ").append(literal(acceptInvChars));
        }
        if (truncateColumns) {
            sb.append(" TRUNCATECOLUMNS");
        }
        if (dateFormat != null) {
            sb.append(" DATEFORMAT ").append(literal(dateFormat));
        }
        if (timeFormat != null) {
            sb.append(" TIMEFORMAT ").append(literal(timeFormat));
        }
        return sb.toString();
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /**
     * Collects options by lower-case name, with their text value (null for a flag written alone), and
     * checks each one as it comes and all together in {@link #build}.
     */
    public static final class Builder {
        private final Dialect dialect;
        /** The options given, by name, for the redundancy and conflict checks. */
        private final Map<String, String> given = new LinkedHashMap<>();
        private Format format;
        private String formatGivenAs;
        private Character delimiter;
        private Character quote;
        private Character escape;
        private boolean backslashEscapes;
        private String nullText;
        private int ignoreHeader;
        private boolean header;
        private boolean emptyAsNull;
        private boolean blanksAsNull;
        private Compression compression = Compression.AUTO;
        private long maxError;
        private String acceptInvChars;
        private boolean truncateColumns;
        private String dateFormat;
        private String timeFormat;

        private Builder(Dialect dialect) {
            this.dialect = dialect;
        }

        /**
         * One option: {@code value} is its text (a string literal's content, a word or a number), null
         * when it stands alone. Formats given as flags (CSV, PARQUET, JSON, BINARY, TEXT) are FORMAT.
         */
        public Builder set(String name, String value) {
            String n = name.toLowerCase(Locale.ROOT);
            Arity arity = arity(n);
            if (arity == Arity.FLAG && value != null && !bool(n, value)) {
                return this; // Postgres' WITH (FREEZE false): the flag is off
            }
            String v = arity == Arity.FLAG ? null : value;
            boolean formatOrCompression = n.equals("format") || isFormat(n) || n.equals("gzip") || n.equals("bzip2") || n.equals("zstd");
            if (!formatOrCompression && given.containsKey(n)) {
                throw new BlueshiftException(ErrorCode.SYNTAX_ERROR, "conflicting or redundant options: COPY option "
                        + n.toUpperCase(Locale.ROOT) + " is given twice");
            }
            switch (n) {
                case "csv", "parquet", "json", "binary", "text" -> format(n, n.toUpperCase(Locale.ROOT));
                case "format" -> format(required(n, v).toLowerCase(Locale.ROOT), "FORMAT " + v.toUpperCase(Locale.ROOT));
                case "gzip", "bzip2", "zstd" -> {
                    Compression c = Compression.valueOf(n.toUpperCase(Locale.ROOT));
                    if (compression != Compression.AUTO && compression != c) {
                        throw conflict(compression.name(), c.name());
                    }
                    compression = c;
                }
                case "delimiter" -> delimiter = single(n, required(n, v));
                case "quote" -> quote = single(n, required(n, v));
                case "escape" -> {
                    if (v == null) {
                        backslashEscapes = true; // Redshift's ESCAPE: backslashes escape in text
                    } else {
                        escape = single(n, v);
                    }
                }
                case "null" -> {
                    nullText = required(n, v);
                    if (nullText.indexOf('\n') >= 0 || nullText.indexOf('\r') >= 0) {
                        throw invalid(n, "cannot hold a newline or carriage return");
                    }
                }
                case "ignoreheader" -> ignoreHeader = (int) count(n, required(n, v), Integer.MAX_VALUE);
                case "maxerror" -> maxError = count(n, required(n, v), Long.MAX_VALUE);
                case "header" -> header = v == null || v.equalsIgnoreCase("match") || bool(n, v);
                case "emptyasnull" -> emptyAsNull = true;
                case "blanksasnull" -> blanksAsNull = true;
                case "truncatecolumns" -> truncateColumns = true;
                case "acceptinvchars" -> {
                    acceptInvChars = v == null ? "?" : v;
                    if (acceptInvChars.length() != 1 || acceptInvChars.charAt(0) > 127) {
                        throw invalid(n, "must be a single ASCII character, not '" + acceptInvChars + "'");
                    }
                }
                case "dateformat" -> dateFormat = timeFormat(n, required(n, v));
                case "timeformat" -> timeFormat = timeFormat(n, required(n, v));
                case "encoding" -> {
                    String e = required(n, v).toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
                    if (!e.equals("utf8") && !e.equals("unicode")) {
                        throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "COPY ENCODING '" + v + "' (only UTF8)");
                    }
                }
                case "compupdate", "statupdate" -> {
                    if (v != null) {
                        bool(n, v);
                    }
                }
                case "force_quote", "force_not_null", "force_null" ->
                        throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "COPY option " + n.toUpperCase(Locale.ROOT));
                case "removequotes", "fillrecord", "ignoreblanklines", "trimblanks", "explicit_ids", "noload", "acceptanydate",
                     "freeze", "region", "iam_role", "credentials" -> {
                    // accepted as Redshift and Postgres take them; they change nothing here (no S3, no identity columns)
                }
                default -> throw new AssertionError(n);
            }
            if (isFormat(n) || n.equals("format")) {
                given.put("format", format.name().toLowerCase(Locale.ROOT));
            } else {
                given.put(n, v);
            }
            return this;
        }

        private static boolean isFormat(String n) {
            return n.equals("csv") || n.equals("parquet") || n.equals("json") || n.equals("binary") || n.equals("text");
        }

        private void format(String f, String as) {
            Format parsed = switch (f) {
                case "text" -> Format.TEXT;
                case "csv" -> Format.CSV;
                case "json" -> Format.JSON;
                case "parquet" -> Format.PARQUET;
                case "binary" -> Format.BINARY;
                case "orc", "avro", "fixedwidth", "shapefile" ->
                        throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "COPY FORMAT " + f.toUpperCase(Locale.ROOT));
                default -> throw invalid("format", "\"" + f + "\" is not recognized (TEXT, CSV, JSON, PARQUET or BINARY)");
            };
            if (format != null && format != parsed) {
                throw conflict(formatGivenAs, as);
            }
            format = parsed;
            formatGivenAs = as;
        }

        /** A JSON source other than 'auto' (a JSONPaths file). */
        public Builder jsonPaths(String value) {
            if (!value.toLowerCase(Locale.ROOT).startsWith("auto")) {
                throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "COPY FORMAT JSON with a JSONPaths file");
            }
            return this;
        }

        /** {@code read_csv}'s named options (DuckDB's names, or COPY's own), as the COPY options they are. */
        public Builder readCsv(String name, String value) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "delim", "delimiter", "sep" -> set("delimiter", value);
                case "header" -> set("header", value);
                case "quote" -> set("quote", value);
                case "escape" -> set("escape", value);
                case "nullstr", "null" -> set("null", value);
                case "compression" -> value.equalsIgnoreCase("auto") || value.equalsIgnoreCase("none") ? this
                        : set(value.equalsIgnoreCase("gz") ? "gzip" : value.toLowerCase(Locale.ROOT), null);
                default -> set(name, value); // COPY's own names (format, ignoreheader ...)
            };
        }

        public CopyOptions build() {
            Format f = format == null ? Format.TEXT : format;
            boolean pg = dialect == Dialect.POSTGRES;
            if (f == Format.BINARY || f == Format.JSON || f == Format.PARQUET) {
                for (String textOnly : new String[] {"delimiter", "null", "quote", "escape", "emptyasnull", "blanksasnull", "dateformat",
                        "timeformat", "acceptinvchars"}) {
                    // ACCEPTINVCHARS applies wherever strings are read: text, CSV, JSON, Parquet and binary
                    if (given.containsKey(textOnly) && !textOnly.equals("acceptinvchars") && !(f == Format.JSON
                            && (textOnly.equals("dateformat") || textOnly.equals("timeformat")))) {
                        throw conflict("FORMAT " + f, textOnly.toUpperCase(Locale.ROOT));
                    }
                }
                if (f == Format.BINARY && (header || ignoreHeader > 0)) {
                    throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "HEADER in BINARY mode");
                }
            }
            if (f != Format.CSV) {
                if (quote != null) {
                    throw conflict("QUOTE", "FORMAT " + f + " (QUOTE is for CSV)");
                }
                if (escape != null) {
                    throw conflict("ESCAPE '" + escape + "'", "FORMAT " + f + " (an escape character is for CSV)");
                }
            } else if (backslashEscapes) {
                throw conflict("ESCAPE", "CSV");
            }
            char d = delimiter != null ? delimiter : f == Format.CSV ? ',' : pg ? '\t' : '|';
            char q = quote != null ? quote : '"';
            char e = escape != null ? escape : q;
            String nul = nullText != null ? nullText : pg && f == Format.CSV ? "" : "\\N";
            if (d == '\n' || d == '\r') {
                throw invalid("delimiter", "cannot be newline or carriage return");
            }
            if (f == Format.CSV && d == q) {
                throw conflict("DELIMITER", "QUOTE: they must be different");
            }
            if (f == Format.TEXT && (d == '\\' && (pg || backslashEscapes)
                    || pg && "abcdefghijklmnopqrstuvwxyz0123456789.".indexOf(Character.toLowerCase(d)) >= 0)) {
                throw invalid("delimiter", "cannot be \"" + d + "\" in text format");
            }
            if (!nul.isEmpty() && nul.indexOf(d) >= 0 && (f == Format.TEXT || f == Format.CSV)) {
                throw conflict("DELIMITER", "NULL: the NULL text must not hold the delimiter");
            }
            int skip = header ? Math.max(1, ignoreHeader) : ignoreHeader;
            return new CopyOptions(f, (byte) d, (byte) q, (byte) e, backslashEscapes || pg && f == Format.TEXT, nul, skip, header || skip > 0,
                    emptyAsNull, blanksAsNull, compression, maxError, acceptInvChars, truncateColumns, dateFormat, timeFormat);
        }

        private static String required(String name, String value) {
            if (value == null) {
                throw new BlueshiftException(ErrorCode.SYNTAX_ERROR, "COPY option " + name.toUpperCase(Locale.ROOT) + " needs a value");
            }
            return value;
        }

        private static char single(String name, String text) {
            String t = text.equals("\\t") ? "\t" : text;
            if (t.length() != 1 || t.charAt(0) > 127) {
                throw invalid(name, "must be a single one-byte character, not '" + text + "'");
            }
            return t.charAt(0);
        }

        private static long count(String name, String text, long max) {
            long n;
            try {
                n = Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                throw invalid(name, "must be a whole number, not '" + text + "'");
            }
            if (n < 0 || n > max) {
                throw invalid(name, "must be between 0 and " + max + ", not " + n);
            }
            return n;
        }

        private static boolean bool(String name, String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "on", "1", "t", "yes" -> true;
                case "false", "off", "0", "f", "no" -> false;
                default -> throw invalid(name, "needs a Boolean value, not '" + value + "'");
            };
        }

        private static String timeFormat(String name, String format) {
            String f = format.toLowerCase(Locale.ROOT);
            if (!f.equals("auto") && !(name.equals("timeformat") && (f.equals("epochsecs") || f.equals("epochmillisecs")))) {
                try {
                    datetimeFormat(format);
                } catch (BlueshiftException e) {
                    throw invalid(name, e.getMessage());
                }
            }
            return format;
        }

        private static BlueshiftException invalid(String name, String why) {
            return new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "COPY option " + name.toUpperCase(Locale.ROOT) + " " + why);
        }

        private static BlueshiftException conflict(String a, String b) {
            return new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "conflicting COPY options " + a + " and " + b);
        }
    }
}

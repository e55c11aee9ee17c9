package io.blueshift.sql.commands;

import io.blueshift.sql.session.StatementContext;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.api.Result;
import io.blueshift.sql.api.StatusResult;
import io.blueshift.sql.ddl.ExternalParser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Spectrum's external schemas and tables. An external schema is a schema; an external table is a
 * view over the files under its LOCATION (Hive partition folders included), {@code read_parquet}
 * for STORED AS PARQUET (columns by name) and the delimited-text reader for TEXTFILE (columns by
 * position, ROW FORMAT DELIMITED FIELDS TERMINATED BY, 'skip.header.line.count'), with its columns
 * cast to the declared types, so queries get the
 * file scan's column pruning and, through integer partition columns left uncast, its partition
 * pruning. The view is planned when created, so its LOCATION must hold files by then.
 */
public final class External {
    private External() {
    }

    public static Result create(StatementContext session, Object ddl) {
        if (ddl instanceof ExternalParser.ExternalSchema s) {
            session.execute("create schema " + (s.ifNotExists() ? "if not exists " : "") + quote(s.name())).close();
            return new StatusResult("CREATE SCHEMA", -1);
        }
        ExternalParser.ExternalTable t = (ExternalParser.ExternalTable) ddl;
        boolean parquet = t.storedAs().equals("parquet");
        if (!parquet && !t.storedAs().equals("textfile")) {
            throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "external tables STORED AS " + t.storedAs().toUpperCase(Locale.ROOT));
        }
        String location = t.location().replaceAll("/+$", "");
        StringBuilder select = new StringBuilder("select ");
        int n = 0;
        for (ExternalParser.Column c : t.columns()) {
            // Parquet columns are found by name, text columns by position
            String source = parquet ? c.name() : "column" + n;
            select.append(n++ == 0 ? "" : ", ").append("cast(").append(quote(source)).append(" as ").append(c.type()).append(") as ")
                    .append(quote(c.name()));
        }
        for (ExternalParser.Column p : t.partitions()) {
            String type = p.type().toLowerCase(Locale.ROOT);
            boolean integer = type.matches("(int|integer|int4|bigint|int8|smallint|int2)");
            // integer partitions keep the file scan's BIGINT, so a filter on them prunes files by zone map
            select.append(n++ == 0 ? "" : ", ").append(integer ? quote(p.name()) : "cast(" + quote(p.name()) + " as " + p.type() + ")")
                    .append(" as ").append(quote(p.name()));
        }
        if (parquet) {
            select.append(" from ").append(quote("@parquet:" + location + "/**"));
        } else {
            // TEXTFILE: delimited text, no quoting; Hive's default delimiter is \u0001
            StringBuilder spec = new StringBuilder("@csv:" + location + "/**|format=text|delimiter=");
            String delimiter = t.delimiter() == null ? "\u0001" : t.delimiter().equals("\\t") ? "\\t" : t.delimiter();
            spec.append(URLEncoder.encode(delimiter, StandardCharsets.UTF_8));
            String skip = t.properties().get("skip.header.line.count");
            if (skip != null) {
                spec.append("|ignoreheader=").append(skip);
            }
            select.append(" from ").append(quote(spec.toString()));
        }
        String name = (t.name().schema() == null ? "" : quote(t.name().schema()) + ".") + quote(t.name().name());
        session.execute("create view " + name + " as " + select).close();
        return new StatusResult("CREATE EXTERNAL TABLE", -1);
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}

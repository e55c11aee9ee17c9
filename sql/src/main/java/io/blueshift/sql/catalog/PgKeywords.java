package io.blueshift.sql.catalog;

import java.util.List;
import java.util.Set;

/** PostgreSQL's reserved key words (what {@code quote_ident} quotes and {@code pg_get_keywords()} lists as reserved). */
public final class PgKeywords {
    private PgKeywords() {
    }

    public static final List<String> RESERVED = List.of("all", "analyse", "analyze", "and", "any", "array", "as", "asc",
            "asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint", "create", "current_catalog",
            "current_date", "current_role", "current_time", "current_timestamp", "current_user", "default", "deferrable",
            "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group",
            "having", "in", "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp",
            "not", "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
            "session_user", "some", "symmetric", "table", "then", "to", "trailing", "true", "union", "unique", "user",
            "using", "variadic", "when", "where", "window", "with");

    private static final Set<String> SET = Set.copyOf(RESERVED);

    public static boolean reserved(String word) {
        return SET.contains(word);
    }
}

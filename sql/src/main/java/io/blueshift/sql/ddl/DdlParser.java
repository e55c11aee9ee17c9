package io.blueshift.sql.ddl;

import io.blueshift.columnar.SqlType;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.api.SqlPositionException;
import io.blueshift.storage.catalog.ColumnDef;
import io.blueshift.storage.catalog.ColumnEncodings;
import io.blueshift.storage.catalog.PhysicalDesign;
import io.blueshift.storage.catalog.ForeignKey;
import io.blueshift.sql.ddl.Ddl.Name;
import io.blueshift.sql.ddl.Lexer.Kind;
import io.blueshift.sql.ddl.Lexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the DDL statements (CREATE/DROP SCHEMA, TABLE, VIEW, INDEX, CREATE TABLE AS, ALTER TABLE,
 * TRUNCATE) in Postgres and Redshift syntax, with Redshift's physical clauses (DISTSTYLE,
 * DISTKEY, [COMPOUND|INTERLEAVED] SORTKEY, ENCODE) in CREATE TABLE and ALTER TABLE.
 * {@link #parse} returns null for statements that are not DDL (they go to Calcite).
 */
public final class DdlParser {
    private static final Set<String> COLUMN_CLAUSE_WORDS = Set.of("not", "null", "default", "primary", "unique",
            "references", "encode", "distkey", "sortkey", "constraint", "check", "collate", "identity", "generated",
            "deferrable", "initially");

    private final String sql;
    private final List<Token> tokens;
    private int at;

    private DdlParser(String sql) {
        this.sql = sql;
        this.tokens = Lexer.tokens(sql);
    }

    /** The DDL statement of {@code sql}, or null when it is not one of the statements handled here. */
    public static Ddl parse(String sql) {
        DdlParser p = new DdlParser(sql);
        Token first = p.peek();
        if ((first.is("create") || first.is("alter") || first.is("drop")) && (p.peek(1).is("user") || p.peek(1).is("role"))) {
            return p.user();
        }
        if (first.is("create")) {
            return p.create();
        }
        if (first.is("drop")) {
            return p.drop();
        }
        if (first.is("alter") && p.peek(1).is("table")) {
            return p.alterTable();
        }
        if (first.is("truncate")) {
            return p.truncate();
        }
        return null;
    }

    /**
     * CREATE USER name [WITH] [PASSWORD 'secret' | PASSWORD DISABLE] [CREATEUSER | NOCREATEUSER |
     * SUPERUSER | NOSUPERUSER | other Redshift options, accepted and ignored], ALTER USER name
     * [WITH] options | RENAME TO new, DROP USER [IF EXISTS] name [, ...]; ROLE for USER too.
     */
    private Ddl user() {
        String verb = next().text();
        next();
        if (verb.equals("drop")) {
            boolean ifExists = ifExists();
            List<String> names = new ArrayList<>();
            do {
                names.add(identifier());
            } while (acceptSymbol(","));
            end();
            return new Ddl.DropUser(names, ifExists);
        }
        String name = identifier();
        if (verb.equals("alter") && accept("rename")) {
            expect("to");
            String to = identifier();
            end();
            return new Ddl.AlterUser(name, null, false, null, to);
        }
        accept("with");
        String password = null;
        boolean disable = false;
        Boolean superuser = null;
        while (peek().kind() != Kind.END && !peek().isSymbol(";")) {
            Token t = next();
            switch (t.text()) {
                case "password", "encrypted", "unencrypted" -> {
                    if (!t.is("password")) {
                        expect("password");
                    }
                    if (accept("disable") || accept("null")) {
                        disable = true;
                    } else {
                        Token p = next();
                        if (p.kind() != Kind.STRING) {
                            throw error(p, "syntax error at or near \"" + p.text() + "\"");
                        }
                        password = p.text();
                    }
                }
                case "createuser", "superuser" -> superuser = true;
                case "nocreateuser", "nosuperuser" -> superuser = false;
                case "createdb", "nocreatedb", "login", "nologin", "inherit", "noinherit", "createrole", "nocreaterole" -> {
                }
                case "in", "syslog", "connection", "valid", "session", "external", "externalid" -> {
                    // IN GROUP g, SYSLOG ACCESS x, CONNECTION LIMIT n, VALID UNTIL 't', SESSION TIMEOUT n: accepted, not kept
                    next();
                    if (!t.is("externalid")) {
                        next();
                    }
                }
                default -> throw error(t, "syntax error at or near \"" + t.text() + "\"");
            }
        }
        end();
        if (verb.equals("create")) {
            return new Ddl.CreateUser(name, password, Boolean.TRUE.equals(superuser));
        }
        return new Ddl.AlterUser(name, password, disable, superuser, null);
    }

    private Ddl create() {
        expect("create");
        boolean orReplace = false;
        if (accept("or")) {
            expect("replace");
            orReplace = true;
        }
        if (peek().is("index") || peek().is("unique") && peek(1).is("index")) {
            return createIndex();
        }
        accept("temp");
        accept("temporary");
        accept("local");
        accept("unlogged");
        if (accept("schema")) {
            boolean ifNotExists = ifNotExists();
            String name = identifier();
            end();
            return new Ddl.CreateSchema(name, ifNotExists);
        }
        if (accept("view")) {
            Name name = name();
            List<String> columns = peek().isSymbol("(") ? identifierList() : List.of();
            expect("as");
            int offset = peek().start();
            return new Ddl.CreateView(name, columns, queryText(), offset, orReplace);
        }
        expect("table");
        boolean ifNotExists = ifNotExists();
        Name name = name();
        if (peek().is("as") || isPhysicalClause(peek()) || peek().isSymbol("(") && isColumnNameListThenAs()) {
            List<String> columns = peek().isSymbol("(") ? identifierList() : List.of();
            Design design = new Design();
            physicalClauses(design);
            expect("as");
            int offset = peek().start();
            return new Ddl.CreateTableAs(name, columns, queryText(), offset, ifNotExists, design.build());
        }
        expectSymbol("(");
        List<ColumnDef> columns = new ArrayList<>();
        List<String> primaryKey = new ArrayList<>();
        List<Ddl.Like> likes = new ArrayList<>();
        Design design = new Design();
        do {
            if (accept("like")) {
                likes.add(like(columns.size()));
            } else if (isTableConstraint()) {
                tableConstraint(name, primaryKey, design);
            } else {
                ColumnDef column = column(name, primaryKey, design);
                columns.add(column);
            }
        } while (acceptSymbol(","));
        expectSymbol(")");
        List<String> parameters = new ArrayList<>();
        while (true) {
            physicalClauses(design);
            if (peek().is("with") && peek(1).isSymbol("(")) {
                next();
                parameters.addAll(storageParameters());
            } else if (peek().is("without") && peek(1).is("oids")) {
                next();
                next();
            } else if (accept("tablespace")) {
                identifier();
            } else {
                break;
            }
        }
        if (peek().is("as")) {
            throw error(peek(), "syntax error at or near \"as\"");
        }
        end();
        return new Ddl.CreateTable(name, columns, primaryKey, ifNotExists, design.build(), likes, parameters,
                design.uniques);
    }

    /** After LIKE in a column list: {@code source [INCLUDING | EXCLUDING option] ...}. */
    private Ddl.Like like(int position) {
        Name source = name();
        boolean defaults = false;
        while (peek().is("including") || peek().is("excluding")) {
            boolean including = next().is("including");
            Token option = next();
            switch (option.text()) {
                case "defaults", "all" -> defaults = including;
                case "comments", "compression", "constraints", "generated", "identity", "indexes", "statistics",
                     "storage" -> {
                    // nothing of these is copied: Redshift's LIKE copies columns, encodings and (asked) defaults
                }
                default -> throw error(option, "syntax error at or near \"" + option.text() + "\"");
            }
        }
        return new Ddl.Like(source, defaults, position);
    }

    /** Whether a table constraint ([CONSTRAINT name] PRIMARY KEY / UNIQUE / FOREIGN KEY / CHECK ...) starts here. */
    private boolean isTableConstraint() {
        Token t = peek();
        return t.is("constraint") || t.is("primary") && peek(1).is("key") || t.is("unique") && peek(1).isSymbol("(")
                || t.is("foreign") && peek(1).is("key") || t.is("check") && peek(1).isSymbol("(")
                || t.is("exclude");
    }

    /**
     * A table constraint in CREATE TABLE: a primary key and a unique constraint are kept (and
     * enforced), a foreign key kept as information; CHECK and EXCLUDE are accepted and not kept.
     */
    private void tableConstraint(Name table, List<String> primaryKey, Design design) {
        String constraintName = accept("constraint") ? identifier() : null;
        if (accept("primary")) {
            expect("key");
            primaryKey.addAll(identifierList());
            design.primaryKeyName = constraintName;
            constraintOptions();
        } else if (accept("foreign")) {
            expect("key");
            List<String> columns = identifierList();
            design.foreignKeys.add(references(table, constraintName, columns));
        } else if (accept("unique")) {
            design.uniques.add(new Ddl.Unique(constraintName, identifierList()));
            constraintOptions();
        } else {
            skipBalancedUntilCommaOrClose();
        }
    }

    /** After FOREIGN KEY (columns) or a column's name: {@code REFERENCES table [(columns)] [actions]}. */
    private ForeignKey references(Name table, String constraintName, List<String> columns) {
        expect("references");
        Name target = name();
        List<String> refColumns = peek().isSymbol("(") ? identifierList() : List.of();
        constraintOptions();
        String keyName = constraintName != null ? constraintName
                : table.name() + "_" + String.join("_", columns) + "_fkey";
        return new ForeignKey(keyName, columns, target.schema(), target.name(), refColumns);
    }

    /**
     * What may follow a key constraint and changes nothing here: MATCH FULL | PARTIAL | SIMPLE, ON
     * DELETE / ON UPDATE actions, [NOT] DEFERRABLE, INITIALLY DEFERRED | IMMEDIATE, NOT VALID,
     * USING INDEX TABLESPACE t, INCLUDE (columns), WITH (storage parameters).
     */
    private void constraintOptions() {
        while (true) {
            if (accept("match")) {
                identifier();
            } else if (peek().is("on") && (peek(1).is("delete") || peek(1).is("update"))) {
                next();
                next();
                Token action = next();
                if (action.is("set")) {
                    next();
                    if (peek().isSymbol("(")) {
                        identifierList();
                    }
                } else if (action.is("no")) {
                    expect("action");
                } else if (!action.is("cascade") && !action.is("restrict")) {
                    throw error(action, "syntax error at or near \"" + action.text() + "\"");
                }
            } else if (accept("deferrable")) {
                continue;
            } else if (peek().is("not") && (peek(1).is("deferrable") || peek(1).is("valid"))) {
                next();
                next();
            } else if (accept("initially")) {
                identifier();
            } else if (peek().is("using") && peek(1).is("index")) {
                next();
                next();
                expect("tablespace");
                identifier();
            } else if (accept("include")) {
                identifierList();
            } else if (peek().is("with") && peek(1).isSymbol("(")) {
                next();
                storageParameters();
            } else {
                return;
            }
        }
    }

    /**
     * After WITH: Postgres' storage parameters {@code (name [= value], ...)}, as {@code name=value}
     * texts for the NOTICE that says they are ignored.
     */
    private List<String> storageParameters() {
        expectSymbol("(");
        List<String> out = new ArrayList<>();
        do {
            String parameter = identifier();
            if (acceptSymbol(".")) {
                parameter += "." + identifier();
            }
            if (acceptSymbol("=")) {
                Token value = next();
                if (value.kind() == Kind.END || value.isSymbol(",") || value.isSymbol(")")) {
                    throw error(value, "syntax error at or near \"" + value.text() + "\"");
                }
                if (value.isSymbol("-") || value.isSymbol("+")) {
                    value = next();
                }
                parameter += "=" + value.text();
            }
            out.add(parameter);
        } while (acceptSymbol(","));
        expectSymbol(")");
        return out;
    }

    /**
     * CREATE [UNIQUE] INDEX [CONCURRENTLY] [[IF NOT EXISTS] name] ON [ONLY] table [USING method]
     * (column [COLLATE c] [opclass] [ASC | DESC] [NULLS FIRST | LAST], ...) [INCLUDE (...)]
     * [NULLS [NOT] DISTINCT] [WITH (...)] [TABLESPACE t]. An expression or a WHERE (a partial
     * index) is 0A000: Blueshift's unique check and catalog know columns only.
     */
    private Ddl createIndex() {
        boolean unique = accept("unique");
        expect("index");
        accept("concurrently");
        boolean ifNotExists = ifNotExists();
        String name = null;
        if (!peek().is("on")) {
            name = identifier();
        } else if (ifNotExists) {
            throw error(peek(), "syntax error at or near \"on\"");
        }
        expect("on");
        accept("only");
        Name table = name();
        String method = "btree";
        if (accept("using")) {
            method = identifier().toLowerCase(Locale.ROOT);
            if (!List.of("btree", "hash", "gist", "gin", "spgist", "brin").contains(method)) {
                throw new SqlPositionException(ErrorCode.UNDEFINED_OBJECT, tokens.get(at - 1).start() + 1, null,
                        "access method \"" + method + "\" does not exist");
            }
        }
        expectSymbol("(");
        List<String> columns = new ArrayList<>();
        do {
            Token t = peek();
            if (t.isSymbol("(") || t.kind() != Kind.WORD && t.kind() != Kind.QUOTED || peek(1).isSymbol("(")) {
                throw new SqlPositionException(ErrorCode.FEATURE_NOT_SUPPORTED, t.start() + 1, null,
                        "an index on an expression");
            }
            columns.add(identifier());
            if (accept("collate")) {
                identifier();
            }
            while (peek().kind() == Kind.WORD && !peek().is("asc") && !peek().is("desc") && !peek().is("nulls")) {
                next(); // an operator class (text_pattern_ops ...)
            }
            if (!accept("asc")) {
                accept("desc");
            }
            if (accept("nulls")) {
                if (!accept("first")) {
                    expect("last");
                }
            }
        } while (acceptSymbol(","));
        expectSymbol(")");
        List<String> parameters = new ArrayList<>();
        while (true) {
            if (accept("include")) {
                identifierList();
            } else if (accept("nulls")) {
                accept("not");
                expect("distinct");
            } else if (peek().is("with") && peek(1).isSymbol("(")) {
                next();
                parameters.addAll(storageParameters());
            } else if (accept("tablespace")) {
                identifier();
            } else if (peek().is("where")) {
                throw new SqlPositionException(ErrorCode.FEATURE_NOT_SUPPORTED, peek().start() + 1, null,
                        "a partial index (CREATE INDEX ... WHERE)");
            } else {
                break;
            }
        }
        end();
        return new Ddl.CreateIndex(name, table, columns, unique, ifNotExists, method, parameters);
    }

    private static boolean isPhysicalClause(Token t) {
        return t.is("diststyle") || t.is("distkey") || t.is("sortkey") || t.is("compound") || t.is("interleaved")
                || t.is("backup");
    }

    /** The physical clauses of a CREATE TABLE as they are read (column DISTKEY/SORTKEY included). */
    private static final class Design {
        private String distStyle;
        private String distKey;
        private String sortStyle;
        private List<String> sortKey = List.of();
        private final List<ForeignKey> foreignKeys = new ArrayList<>();
        private final List<Ddl.Unique> uniques = new ArrayList<>();
        private String primaryKeyName;

        PhysicalDesign build() {
            String style = distStyle != null ? distStyle : distKey != null ? "KEY" : "AUTO";
            String sort = sortStyle != null ? sortStyle : sortKey.isEmpty() ? "AUTO" : "COMPOUND";
            return new PhysicalDesign(style, distKey, sort, sortKey, List.of(), foreignKeys, primaryKeyName);
        }
    }

    /** After {@code name (}: whether this is a column-name list followed by AS (CREATE TABLE t (a, b) AS ...). */
    private boolean isColumnNameListThenAs() {
        int depth = 0;
        for (int i = at; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
                if (depth == 0) {
                    Token after = tokens.get(i + 1);
                    return after.is("as") || after.is("diststyle") || after.is("distkey") || after.is("sortkey")
                            || after.is("compound") || after.is("interleaved");
                }
            } else if (depth == 1 && t.kind() == Kind.WORD && tokens.get(i + 1).kind() == Kind.WORD
                    && !tokens.get(i - 1).isSymbol(",") && !tokens.get(i - 1).isSymbol("(")) {
                return false;
            } else if (depth == 1 && (t.kind() == Kind.WORD || t.kind() == Kind.QUOTED)
                    && !(tokens.get(i + 1).isSymbol(",") || tokens.get(i + 1).isSymbol(")"))) {
                return false;
            }
        }
        return false;
    }

    private ColumnDef column(Name table, List<String> primaryKey, Design design) {
        String name = identifier();
        SqlType type = type();
        boolean nullable = true;
        String defaultSql = null;
        String encoding = null;
        String constraintName = null;
        while (!peek().isSymbol(",") && !peek().isSymbol(")") && peek().kind() != Kind.END) {
            Token t = next();
            if (t.is("constraint")) {
                constraintName = identifier();
                continue;
            }
            if (t.is("not") && (peek().is("deferrable") || peek().is("valid"))) {
                next();
            } else if (t.is("deferrable")) {
                continue;
            } else if (t.is("initially")) {
                identifier();
            } else if (t.is("not")) {
                expect("null");
                nullable = false;
            } else if (t.is("null")) {
                nullable = true;
            } else if (t.is("default")) {
                int start = peek().start();
                int end = expressionEnd();
                defaultSql = sql.substring(start, end).trim();
            } else if (t.is("primary")) {
                expect("key");
                primaryKey.add(name);
                design.primaryKeyName = constraintName;
                nullable = false;
            } else if (t.is("encode")) {
                Token e = peek();
                try {
                    encoding = ColumnEncodings.check(identifier(), name, type);
                } catch (BlueshiftException ex) {
                    throw new SqlPositionException(ex.code(), e.start() + 1, ex, ex.getMessage());
                }
                if (encoding.equals("AUTO")) {
                    encoding = null;
                }
            } else if (t.is("distkey")) {
                design.distKey = name;
            } else if (t.is("sortkey")) {
                design.sortKey = List.of(name);
            } else if (t.is("unique")) {
                design.uniques.add(new Ddl.Unique(constraintName, List.of(name)));
            } else if (t.is("references")) {
                at--;
                design.foreignKeys.add(references(table, constraintName, List.of(name)));
            } else if (t.is("identity") || t.is("check")) {
                skipParenthesized();
            } else if (t.is("collate")) {
                identifier();
            } else if (t.is("on") || t.is("match")) {
                at--;
                constraintOptions();
            } else {
                throw error(t, "syntax error at or near \"" + t.text() + "\"");
            }
        }
        return new ColumnDef(name, type, nullable, defaultSql, encoding);
    }

    /** The offset where a DEFAULT expression ends: the next column clause, comma or closing parenthesis at depth 0. */
    private int expressionEnd() {
        int depth = 0;
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.END) {
                return t.start();
            }
            if (depth == 0 && (t.isSymbol(",") || t.isSymbol(")")
                    || t.kind() == Kind.WORD && COLUMN_CLAUSE_WORDS.contains(t.text()) && at > 0
                    && !tokens.get(at - 1).is("default"))) {
                return t.start();
            }
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            }
            next();
        }
    }

    private SqlType type() {
        Token first = peek();
        int start = first.start();
        StringBuilder text = new StringBuilder();
        while (peek().kind() == Kind.WORD && !COLUMN_CLAUSE_WORDS.contains(peek().text())) {
            text.append(text.isEmpty() ? "" : " ").append(next().text());
            if (peek().isSymbol("(")) {
                int open = at;
                skipParenthesized();
                text.append(sql, tokens.get(open).start(), tokens.get(at - 1).end());
            }
        }
        if (peek().isSymbol("[")) {
            throw new SqlPositionException(ErrorCode.FEATURE_NOT_SUPPORTED, peek().start() + 1, null, "array types");
        }
        if (text.isEmpty()) {
            throw error(first, "syntax error at or near \"" + first.text() + "\": a column type is expected");
        }
        try {
            return SqlType.parse(text.toString());
        } catch (BlueshiftException e) {
            throw new SqlPositionException(e.code(), start + 1, e, e.getMessage());
        }
    }

    private String distStyle() {
        Token t = peek();
        String style = identifier().toUpperCase(Locale.ROOT);
        if (!List.of("AUTO", "EVEN", "KEY", "ALL").contains(style)) {
            throw error(t, "syntax error at or near \"" + t.text() + "\": DISTSTYLE is AUTO, EVEN, KEY or ALL");
        }
        return style;
    }

    private String singleColumn() {
        if (acceptSymbol("(")) {
            String c = identifier();
            expectSymbol(")");
            return c;
        }
        return identifier();
    }

    private void physicalClauses(Design design) {
        while (true) {
            if (accept("diststyle")) {
                design.distStyle = distStyle();
            } else if (accept("distkey")) {
                design.distKey = singleColumn();
            } else if (peek().is("compound") || peek().is("interleaved")) {
                design.sortStyle = next().text().toUpperCase(Locale.ROOT);
                expect("sortkey");
                design.sortKey = identifierList();
            } else if (accept("sortkey")) {
                if (peek().is("auto")) {
                    next();
                    design.sortStyle = "AUTO";
                } else {
                    design.sortKey = identifierList();
                }
            } else if (accept("backup")) {
                identifier();
            } else {
                return;
            }
        }
    }

    private Ddl drop() {
        expect("drop");
        if (accept("schema")) {
            boolean ifExists = ifExists();
            String name = identifier();
            boolean cascade = cascade();
            end();
            return new Ddl.DropSchema(name, ifExists, cascade);
        }
        if (accept("index")) {
            accept("concurrently");
            boolean ifExists = ifExists();
            List<Name> names = new ArrayList<>();
            do {
                names.add(name());
            } while (acceptSymbol(","));
            cascade();
            end();
            return new Ddl.DropIndex(names, ifExists);
        }
        boolean view;
        if (accept("view")) {
            view = true;
        } else if (accept("table")) {
            view = false;
        } else {
            return null;
        }
        boolean ifExists = ifExists();
        List<Name> names = new ArrayList<>();
        do {
            names.add(name());
        } while (acceptSymbol(","));
        boolean cascade = cascade();
        end();
        return new Ddl.Drop(view, names, ifExists, cascade);
    }

    private Ddl alterTable() {
        expect("alter");
        expect("table");
        Name table = name();
        Ddl out;
        if (accept("add")) {
            if (isTableConstraint()) {
                out = addConstraint(table);
            } else {
                accept("column");
                boolean ifNotExists = ifNotExists();
                List<String> pk = new ArrayList<>();
                Design design = new Design();
                ColumnDef column = column(table, pk, design);
                if (!pk.isEmpty()) {
                    throw new SqlPositionException(ErrorCode.FEATURE_NOT_SUPPORTED, 0, null,
                            "ADD COLUMN with PRIMARY KEY (add the column, then ADD PRIMARY KEY)");
                }
                out = new Ddl.AddColumn(table, column, ifNotExists);
            }
        } else if (peek().is("drop") && peek(1).is("constraint")) {
            next();
            next();
            boolean ifExists = ifExists();
            String name = identifier();
            out = new Ddl.DropConstraint(table, name, ifExists, cascade());
        } else if (accept("drop")) {
            accept("column");
            boolean ifExists = ifExists();
            String column = identifier();
            out = new Ddl.DropColumn(table, column, ifExists, cascade());
        } else if (accept("rename")) {
            if (accept("to")) {
                out = new Ddl.RenameTable(table, identifier());
            } else {
                accept("column");
                String from = identifier();
                expect("to");
                out = new Ddl.RenameColumn(table, from, identifier());
            }
        } else if (accept("alter")) {
            out = alterDesign(table);
        } else {
            throw new SqlPositionException(ErrorCode.FEATURE_NOT_SUPPORTED, peek().start() + 1, null,
                    "ALTER TABLE " + peek().text());
        }
        end();
        return out;
    }

    /** After ALTER TABLE name ADD: a table constraint. */
    private Ddl addConstraint(Name table) {
        String constraintName = accept("constraint") ? identifier() : null;
        if (accept("primary")) {
            expect("key");
            List<String> columns = identifierList();
            constraintOptions();
            return new Ddl.AddPrimaryKey(table, constraintName, columns);
        }
        if (accept("foreign")) {
            expect("key");
            return new Ddl.AddForeignKey(table, references(table, constraintName, identifierList()));
        }
        if (accept("unique")) {
            List<String> columns = identifierList();
            constraintOptions();
            return new Ddl.AddUnique(table, new Ddl.Unique(constraintName, columns));
        }
        if (accept("check")) {
            skipParenthesized();
            constraintOptions();
            return new Ddl.AddInformationalConstraint(table);
        }
        throw new SqlPositionException(ErrorCode.FEATURE_NOT_SUPPORTED, peek().start() + 1, null,
                "ALTER TABLE ADD CONSTRAINT " + peek().text().toUpperCase(Locale.ROOT));
    }

    /** After ALTER TABLE name ALTER: Redshift's changes of physical design. */
    private Ddl alterDesign(Name table) {
        if (accept("diststyle")) {
            String style = distStyle();
            String key = null;
            if (style.equals("KEY")) {
                expect("distkey");
                key = singleColumn();
            }
            return new Ddl.AlterDesign(table, style, key, null, null, null, null);
        }
        if (accept("distkey")) {
            return new Ddl.AlterDesign(table, "KEY", singleColumn(), null, null, null, null);
        }
        if (peek().is("compound") || peek().is("interleaved") || peek().is("sortkey")) {
            String style = peek().is("sortkey") ? "COMPOUND" : next().text().toUpperCase(Locale.ROOT);
            expect("sortkey");
            if (accept("none")) {
                return new Ddl.AlterDesign(table, null, null, "NONE", List.of(), null, null);
            }
            if (accept("auto")) {
                return new Ddl.AlterDesign(table, null, null, "AUTO", List.of(), null, null);
            }
            return new Ddl.AlterDesign(table, null, null, style, identifierList(), null, null);
        }
        if (accept("encode")) {
            expect("auto");
            return new Ddl.AlterDesign(table, null, null, null, null, null, "AUTO");
        }
        accept("column");
        String column = identifier();
        expect("encode");
        return new Ddl.AlterDesign(table, null, null, null, null, column, identifier().toUpperCase(Locale.ROOT));
    }

    private Ddl truncate() {
        expect("truncate");
        accept("table");
        List<Name> names = new ArrayList<>();
        do {
            names.add(name());
        } while (acceptSymbol(","));
        boolean cascade = cascade();
        end();
        return new Ddl.Truncate(names, cascade);
    }

    private boolean ifNotExists() {
        if (peek().is("if")) {
            next();
            expect("not");
            expect("exists");
            return true;
        }
        return false;
    }

    private boolean ifExists() {
        if (peek().is("if")) {
            next();
            expect("exists");
            return true;
        }
        return false;
    }

    private boolean cascade() {
        if (accept("cascade")) {
            return true;
        }
        accept("restrict");
        return false;
    }

    private String queryText() {
        int start = peek().start();
        String text = sql.substring(start).trim();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).trim();
        }
        if (text.isEmpty()) {
            throw error(peek(), "syntax error at end of input");
        }
        return text;
    }

    private Name name() {
        String first = identifier();
        if (acceptSymbol(".")) {
            return new Name(first, identifier());
        }
        return new Name(null, first);
    }

    private List<String> identifierList() {
        expectSymbol("(");
        List<String> out = new ArrayList<>();
        do {
            out.add(identifier());
        } while (acceptSymbol(","));
        expectSymbol(")");
        return out;
    }

    private String identifier() {
        Token t = next();
        if (t.kind() == Kind.WORD || t.kind() == Kind.QUOTED) {
            return t.text();
        }
        throw error(t, t.kind() == Kind.END ? "syntax error at end of input" : "syntax error at or near \"" + t.text() + "\"");
    }

    private void skipParenthesized() {
        expectSymbol("(");
        int depth = 1;
        while (depth > 0) {
            Token t = next();
            if (t.kind() == Kind.END) {
                throw error(t, "syntax error at end of input");
            }
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            }
        }
    }

    private void skipBalancedUntilCommaOrClose() {
        int depth = 0;
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.END || depth == 0 && (t.isSymbol(",") || t.isSymbol(")"))) {
                return;
            }
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            }
            next();
        }
    }

    private void end() {
        while (acceptSymbol(";")) {
            // trailing semicolons, as psql sends them
        }
        Token t = peek();
        if (t.kind() != Kind.END) {
            throw error(t, "syntax error at or near \"" + t.text() + "\"");
        }
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

    private boolean acceptSymbol(String s) {
        if (peek().isSymbol(s)) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(String word) {
        if (!accept(word)) {
            Token t = peek();
            throw error(t, t.kind() == Kind.END ? "syntax error at end of input"
                    : "syntax error at or near \"" + t.text() + "\"");
        }
    }

    private void expectSymbol(String s) {
        if (!acceptSymbol(s)) {
            Token t = peek();
            throw error(t, t.kind() == Kind.END ? "syntax error at end of input"
                    : "syntax error at or near \"" + t.text() + "\"");
        }
    }

    private static SqlPositionException error(Token t, String message) {
        return new SqlPositionException(ErrorCode.SYNTAX_ERROR, t.start() + 1, null, message);
    }
}

package io.blueshift.sql.ddl;

import io.blueshift.storage.catalog.ColumnDef;
import io.blueshift.storage.catalog.PhysicalDesign;
import io.blueshift.storage.catalog.ForeignKey;
import java.util.List;

/** The statements of the statement layer, as parsed by {@link DdlParser}. */
public sealed interface Ddl {
    /** A qualified name: schema null means the default schema. */
    record Name(String schema, String name) {
        @Override
        public String toString() {
            return schema == null ? name : schema + "." + name;
        }
    }

    record CreateSchema(String name, boolean ifNotExists) implements Ddl {
    }

    record DropSchema(String name, boolean ifExists, boolean cascade) implements Ddl {
    }

    /**
     * CREATE TABLE; {@code likes} copy another table's columns in at their place among {@code
     * columns}, {@code storageParameters} are Postgres' {@code WITH (name = value)} entries, which
     * Blueshift accepts and ignores with a NOTICE (its storage has no fill factor or TOAST).
     */
    record CreateTable(Name name, List<ColumnDef> columns, List<String> primaryKey, boolean ifNotExists,
                       PhysicalDesign design, List<Like> likes, List<String> storageParameters,
                       List<Unique> uniques) implements Ddl {
    }

    /** A UNIQUE constraint as written (column or table constraint); {@code name} null for Postgres' default. */
    record Unique(String name, List<String> columns) {
    }

    /** {@code LIKE source [INCLUDING DEFAULTS]} in a column list, before the {@code position}-th column. */
    record Like(Name source, boolean defaults, int position) {
    }

    /**
     * CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON table [USING method] (columns);
     * {@code name} null when the statement gave none (Postgres' {@code table_columns_idx} is chosen).
     */
    record CreateIndex(String name, Name table, List<String> columns, boolean unique, boolean ifNotExists,
                       String method, List<String> storageParameters) implements Ddl {
    }

    /** DROP INDEX [CONCURRENTLY] [IF EXISTS] name [, ...]. */
    record DropIndex(List<Name> names, boolean ifExists) implements Ddl {
    }

    /** ALTER TABLE ... ADD [CONSTRAINT name] PRIMARY KEY (columns); {@code constraintName} null for the default. */
    record AddPrimaryKey(Name table, String constraintName, List<String> columns) implements Ddl {
    }

    /** ALTER TABLE ... ADD [CONSTRAINT name] FOREIGN KEY (columns) REFERENCES t [(columns)]; the name is chosen when null. */
    record AddForeignKey(Name table, ForeignKey key) implements Ddl {
    }

    /** ALTER TABLE ... ADD [CONSTRAINT name] UNIQUE (columns): enforced, as PRIMARY KEY is. */
    record AddUnique(Name table, Unique unique) implements Ddl {
    }

    /** ALTER TABLE ... ADD CHECK (...): accepted and not enforced (as CREATE TABLE's CHECK is). */
    record AddInformationalConstraint(Name table) implements Ddl {
    }

    /** ALTER TABLE ... DROP CONSTRAINT [IF EXISTS] name [CASCADE | RESTRICT]. */
    record DropConstraint(Name table, String name, boolean ifExists, boolean cascade) implements Ddl {
    }

    /** CREATE TABLE ... AS query; {@code columnNames} renames the query's columns when given. */
    record CreateTableAs(Name name, List<String> columnNames, String querySql, int queryOffset, boolean ifNotExists,
                         PhysicalDesign design) implements Ddl {
    }

    /**
     * ALTER TABLE ... ALTER DISTSTYLE / DISTKEY / [COMPOUND|INTERLEAVED] SORTKEY / ENCODE AUTO, or
     * ALTER COLUMN c ENCODE e: null fields stay as they are ({@code column} null with an encoding:
     * every column).
     */
    record AlterDesign(Name table, String distStyle, String distKey, String sortStyle, List<String> sortKey,
                       String column, String encoding) implements Ddl {
    }

    record CreateView(Name name, List<String> columnNames, String querySql, int queryOffset, boolean orReplace)
            implements Ddl {
    }

    /** DROP TABLE or DROP VIEW of one or more names. */
    record Drop(boolean view, List<Name> names, boolean ifExists, boolean cascade) implements Ddl {
    }

    record AddColumn(Name table, ColumnDef column, boolean ifNotExists) implements Ddl {
    }

    /** ALTER TABLE ... DROP [COLUMN] [IF EXISTS] column [CASCADE | RESTRICT]. */
    record DropColumn(Name table, String column, boolean ifExists, boolean cascade) implements Ddl {
    }

    record RenameColumn(Name table, String from, String to) implements Ddl {
    }

    record RenameTable(Name table, String to) implements Ddl {
    }

    /** TRUNCATE [TABLE] names [CASCADE | RESTRICT]; CASCADE empties the tables whose foreign keys reference them too. */
    record Truncate(List<Name> tables, boolean cascade) implements Ddl {
    }

    /** CREATE USER; {@code password} null for none (or PASSWORD DISABLE), an "md5..." text is a ready hash. */
    record CreateUser(String name, String password, boolean superuser) implements Ddl {
    }

    /** ALTER USER: each part null when the statement leaves it alone; {@code disablePassword} for PASSWORD DISABLE. */
    record AlterUser(String name, String password, boolean disablePassword, Boolean superuser, String renameTo) implements Ddl {
    }

    record DropUser(List<String> names, boolean ifExists) implements Ddl {
    }
}

package io.blueshift.sql.ddl;

import io.blueshift.storage.catalog.ColumnDef;
import io.blueshift.storage.catalog.PhysicalDesign;
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

    record CreateTable(Name name, List<ColumnDef> columns, List<String> primaryKey, boolean ifNotExists,
                       PhysicalDesign design) implements Ddl {
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

    record DropColumn(Name table, String column, boolean ifExists) implements Ddl {
    }

    record RenameColumn(Name table, String from, String to) implements Ddl {
    }

    record RenameTable(Name table, String to) implements Ddl {
    }

    record Truncate(List<Name> tables) implements Ddl {
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

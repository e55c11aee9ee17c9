package io.blueshift.jdbc;

import io.blueshift.columnar.SqlType;
import io.blueshift.sql.api.ResultColumn;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows held in memory, for the answers of {@link java.sql.DatabaseMetaData} calls: built from the
 * catalog rather than by running SQL, so browsing a database costs no query.
 */
final class MemoryResultSet extends AbstractResultSet {
    private final List<Object[]> rows;
    private int index = -1;

    MemoryResultSet(List<ResultColumn> columns, List<Object[]> rows, Statement statement) {
        super(columns, statement);
        this.rows = rows;
    }

    @Override
    boolean advance() {
        if (index + 1 >= rows.size()) {
            index = rows.size();
            return false;
        }
        index++;
        return true;
    }

    @Override
    Object current(int column) {
        return rows.get(index)[column];
    }

    @Override
    void release() {
    }

    /** Collects the columns and rows of a metadata answer. */
    static final class Builder {
        private final List<ResultColumn> columns = new ArrayList<>();
        private final List<Object[]> rows = new ArrayList<>();

        Builder text(String... names) {
            return add(SqlType.TEXT, names);
        }

        Builder integer(String... names) {
            return add(SqlType.INTEGER, names);
        }

        Builder smallint(String... names) {
            return add(SqlType.SMALLINT, names);
        }

        Builder bool(String... names) {
            return add(SqlType.BOOLEAN, names);
        }

        private Builder add(SqlType type, String... names) {
            for (String name : names) {
                columns.add(new ResultColumn(name, type, true));
            }
            return this;
        }

        /** A row of values in column order: Strings, Integers, Shorts, Booleans or nulls. */
        Builder row(Object... values) {
            if (values.length != columns.size()) {
                throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns");
            }
            rows.add(values);
            return this;
        }

        MemoryResultSet build(Statement statement) {
            return new MemoryResultSet(columns, rows, statement);
        }
    }
}

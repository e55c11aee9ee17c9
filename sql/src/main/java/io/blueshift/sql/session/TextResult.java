package io.blueshift.sql.session;

import io.blueshift.columnar.ArrowTypes;
import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.Values;
import io.blueshift.sql.api.Result;
import io.blueshift.sql.api.ResultColumn;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;

/** A small result computed up front (EXPLAIN, SHOW, Redshift's SHOW TABLES): one batch of rows. */
public final class TextResult implements Result {
    private final List<String> names;
    private final List<SqlType> types;
    private final List<Object[]> rows;
    private BufferAllocator allocator;
    private Batch batch;
    private boolean done;

    private TextResult(List<String> names, List<SqlType> types, List<Object[]> rows) {
        this.names = List.copyOf(names);
        this.types = List.copyOf(types);
        this.rows = rows;
    }

    /** One text column of the given lines. */
    public static TextResult of(String column, String[] lines) {
        List<Object[]> rows = new ArrayList<>(lines.length);
        for (String line : lines) {
            rows.add(new Object[] {line});
        }
        return new TextResult(List.of(column), List.of(SqlType.TEXT), rows);
    }

    /** Text columns. */
    public static TextResult table(List<String> names, List<Object[]> rows) {
        return new TextResult(names, Collections.nCopies(names.size(), SqlType.TEXT), rows);
    }

    /** Columns of the given types; values are what {@link Values#set} takes. */
    public static TextResult table(List<String> names, List<SqlType> types, List<Object[]> rows) {
        return new TextResult(names, types, rows);
    }

    @Override
    public List<ResultColumn> columns() {
        List<ResultColumn> out = new ArrayList<>(names.size());
        for (int c = 0; c < names.size(); c++) {
            boolean nullable = false;
            for (Object[] row : rows) {
                nullable |= row[c] == null;
            }
            out.add(new ResultColumn(names.get(c), types.get(c), nullable));
        }
        return out;
    }

    @Override
    public Batch next() {
        if (batch != null) {
            batch.close();
            batch = null;
        }
        if (done) {
            return null;
        }
        done = true;
        allocator = new RootAllocator();
        FieldVector[] vectors = new FieldVector[names.size()];
        for (int c = 0; c < vectors.length; c++) {
            FieldVector v = ArrowTypes.field(names.get(c), types.get(c), true).createVector(allocator);
            vectors[c] = v;
            v.allocateNew();
            for (int i = 0; i < rows.size(); i++) {
                Values.set(v, types.get(c), i, rows.get(i)[c]);
            }
            v.setValueCount(rows.size());
        }
        batch = new Batch(names, types.toArray(new SqlType[0]), vectors, rows.size());
        return batch;
    }

    @Override
    public String commandTag() {
        return "SELECT " + rows.size();
    }

    @Override
    public long updateCount() {
        return -1;
    }

    @Override
    public void close() {
        if (batch != null) {
            batch.close();
            batch = null;
        }
        if (allocator != null) {
            allocator.close();
            allocator = null;
        }
        done = true;
    }
}

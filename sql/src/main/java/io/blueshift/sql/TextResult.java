package io.blueshift.sql;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.Values;
import io.blueshift.sql.api.Result;
import io.blueshift.sql.api.ResultColumn;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;

/** A one-column text result computed up front (EXPLAIN, SHOW). */
final class TextResult implements Result {
    private final String column;
    private final String[] lines;
    private BufferAllocator allocator;
    private Batch batch;
    private boolean done;

    private TextResult(String column, String[] lines) {
        this.column = column;
        this.lines = lines;
    }

    static TextResult of(String column, String[] lines) {
        return new TextResult(column, lines);
    }

    @Override
    public List<ResultColumn> columns() {
        return List.of(new ResultColumn(column, SqlType.TEXT, false));
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
        FieldVector v = io.blueshift.columnar.ArrowTypes.field(column, SqlType.TEXT, false).createVector(allocator);
        v.allocateNew();
        for (int i = 0; i < lines.length; i++) {
            Values.set(v, SqlType.TEXT, i, lines[i]);
        }
        v.setValueCount(lines.length);
        batch = new Batch(List.of(column), new SqlType[] {SqlType.TEXT}, new FieldVector[] {v}, lines.length);
        return batch;
    }

    @Override
    public String commandTag() {
        return "SELECT " + lines.length;
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

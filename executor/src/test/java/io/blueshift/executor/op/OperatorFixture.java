package io.blueshift.executor.op;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.MemoryPool;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.storage.table.MemTable;
import io.blueshift.columnar.vector.Vectors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the operator tests share: a query's memory and context, input plans made of literal batches,
 * tables of chunks, and a way to run an operator to its rows. Every test ends by closing its
 * tables and its query memory, which fails on a buffer an operator left allocated (a leak).
 */
public abstract class OperatorFixture {
    protected MemoryPool pool;
    protected QueryMemory memory;
    protected ExecContext ctx;
    private final List<MemTable> tables = new ArrayList<>();

    @BeforeEach
    void openMemory() {
        pool = new MemoryPool();
        memory = pool.newQuery("test", 256L << 20);
        ctx = new ExecContext(memory, List.of(), Instant.now());
    }

    @AfterEach
    void closeAndCheckForLeaks() {
        try {
            tables.forEach(MemTable::close);
            memory.close();
        } finally {
            pool.close();
        }
    }

    protected static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    /** A plan producing one batch per list of rows, in order. */
    @SafeVarargs
    protected static PhysicalOperator batches(List<SqlType> types, List<List<Object>>... batches) {
        List<PhysicalOperator> parts = new ArrayList<>();
        for (List<List<Object>> rows : batches) {
            parts.add(new ValuesOp.Plan(types, rows));
        }
        return parts.size() == 1 ? parts.get(0) : new UnionAllOp.Plan(parts);
    }

    /** All rows an operator produces, read to the end; the operator is closed. */
    protected static List<List<Object>> run(Operator op) {
        List<List<Object>> out = new ArrayList<>();
        try (op) {
            for (Batch next = op.next(); next != null; next = op.next()) {
                try (Batch b = next) {
                    out.addAll(rows(b));
                }
            }
        }
        return out;
    }

    /**
     * All rows an operator produces, read to the end; it stays open (its spill files and metrics
     * with it). After each batch, {@code memory} must be within its limit.
     */
    protected static List<List<Object>> drainWithin(Operator op, QueryMemory memory) {
        List<List<Object>> out = new ArrayList<>();
        for (Batch next = op.next(); next != null; next = op.next()) {
            try (Batch b = next) {
                out.addAll(rows(b));
            }
            assertTrue(memory.used() <= memory.limit(), memory.used() + " bytes held, past " + memory.limit());
        }
        return out;
    }

    /** The rows of a fresh state of {@code plan}. */
    protected List<List<Object>> run(PhysicalOperator plan) {
        return run(plan.instantiate(ctx));
    }

    protected static List<List<Object>> rows(Batch b) {
        List<List<Object>> out = new ArrayList<>();
        for (int i = 0; i < b.rowCount(); i++) {
            List<Object> row = new ArrayList<>(b.columnCount());
            for (int c = 0; c < b.columnCount(); c++) {
                row.add(b.get(c, i));
            }
            out.add(row);
        }
        return out;
    }

    /** A table with one chunk per list of rows (closed after the test). */
    @SafeVarargs
    protected final MemTable table(List<SqlType> types, List<List<Object>>... chunks) {
        BufferAllocator allocator = pool.root().newChildAllocator("table", 0, Long.MAX_VALUE);
        MemTable table = new MemTable(allocator, types);
        tables.add(table);
        List<Batch> made = new ArrayList<>();
        for (List<List<Object>> rows : chunks) {
            try (Batch b = new ValuesOp(ctx, types, rows).next()) {
                List<FieldVector> vectors = new ArrayList<>();
                for (int c = 0; c < types.size(); c++) {
                    vectors.add(Vectors.share(b.vector(c), allocator));
                }
                made.add(new Batch(b.names(), types.toArray(new SqlType[0]), vectors.toArray(new FieldVector[0]),
                        b.rowCount()));
            }
        }
        table.append(made);
        return table;
    }

    /** The rows {@code from..to)} of one INTEGER column. */
    protected static List<List<Object>> ints(int from, int to) {
        List<List<Object>> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(row(i));
        }
        return out;
    }
}

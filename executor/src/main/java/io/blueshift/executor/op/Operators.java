package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.executor.ExecContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Helpers shared by operators. */
public final class Operators {
    private Operators() {
    }

    /** One state of each plan; those made are closed again when one fails. */
    public static List<Operator> instantiateAll(List<PhysicalOperator> plans, WorkerContext worker) {
        List<Operator> out = new ArrayList<>(plans.size());
        try {
            for (PhysicalOperator p : plans) {
                out.add(p.instantiate(worker));
            }
        } catch (Throwable t) {
            for (Operator o : out) {
                try {
                    o.close();
                } catch (Throwable c) {
                    t.addSuppressed(c);
                }
            }
            throw t;
        }
        return out;
    }

    /** All of an input's rows in one batch (a join's build side, a sort's or a window's input). */
    public static Batch drain(Operator input, QueryMemory memory) {
        List<Batch> parts = new ArrayList<>();
        try {
            for (Batch b = input.next(); b != null; b = input.next()) {
                parts.add(b);
            }
            return Batches.concat(input.types(), parts, memory);
        } finally {
            parts.forEach(Batch::close);
        }
    }

    /**
     * Waits on {@code monitor}, whose lock the caller holds, until {@code ready} says so: 10 ms at
     * a time, so that a cancel of the query is seen; an interrupt cancels the query.
     */
    static void await(Object monitor, BooleanSupplier ready, ExecContext ctx) {
        while (!ready.getAsBoolean()) {
            ctx.checkCancelled();
            try {
                monitor.wait(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ctx.cancel();
                ctx.checkCancelled();
            }
        }
    }

    /** Throws a worker's failure ({@link #unchecked}), if there is one. */
    static void rethrow(Throwable failure) {
        if (failure != null) {
            throw unchecked(failure);
        }
    }

    /**
     * A worker's failure as the caller should see it: the exception itself where it is unchecked
     * (its SQLSTATE kept), an Error thrown as it is.
     */
    static RuntimeException unchecked(Throwable failure) {
        if (failure instanceof RuntimeException r) {
            return r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(failure);
    }
}

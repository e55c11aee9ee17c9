package io.blueshift.sql.session;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.parser.NestingLimit;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs the planning of statements that nest deeply on a thread with a large stack, and turns the
 * JVM's own resource errors into SQL errors at the session's boundary.
 *
 * <p>Calcite's parser, validator and converter and the planner's rewrites recurse once or more per
 * level of nesting, so the depths PostgreSQL 15 answers (5,000 nested parentheses, 1,000 nested
 * sub-queries, 3,000 {@code +} terms, 1,500 nested CASEs, 3,000 NOTs) overflow a 1 MB stack, the
 * default of platform threads and the limit of the server's virtual threads: measured, 1,000
 * nested parentheses, 400 sub-queries or 3,000 {@code +} terms failed there. A 64 MB stack ran
 * all of them; {@link #STACK_BYTES} leaves four times that, reserved as address space only (the
 * pages are touched only as deep as a statement goes). Statement text shorter than
 * {@link #SHALLOW_CHARS} cannot nest deep enough to need it and runs on the caller's thread, so
 * the common short statement pays no thread hand-off (about 20-50 us). A query planned here
 * whose plan nests deeper than {@link #SHALLOW_PLAN_DEPTH} also computes each of its batches here
 * ({@code QueryResult}), since its expressions nest as deeply as its text: {@code a+a+...} of
 * 3,000 terms over 300,000 rows overflowed a 1 MB stack from its second batch on.
 *
 * <p>The depth limits ({@code sql.parser.NestingLimit}) refuse deeper statements with 54001
 * before they recurse; {@link #error} is the last line behind them: a {@link StackOverflowError}
 * becomes 54001 and an {@link OutOfMemoryError} 53200, and the session goes on.
 */
public final class DeepStack {
    /** The stack of the threads that plan long statements. */
    static final long STACK_BYTES = 256L << 20;
    /** Statement text at least this long is planned on a {@link #STACK_BYTES} thread. */
    public static final int SHALLOW_CHARS = 256;
    /**
     * A query whose plan nests deeper than this ({@code PlannedQuery.depth}) computes its later
     * batches on the large stack too; shallower ones, which any caller's stack holds (a level takes
     * a few hundred bytes of stack), compute them on the caller's thread with no hand-off per batch.
     */
    public static final int SHALLOW_PLAN_DEPTH = 500;

    private static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread t = new DeepThread(task);
        t.setDaemon(true);
        return t;
    });

    /** The threads with the large stack, told apart by their class. */
    private static final class DeepThread extends Thread {
        DeepThread(Runnable task) {
            super(null, task, "blueshift-statement", STACK_BYTES);
        }
    }

    private DeepStack() {
    }

    /** Whether the current thread is one with the large stack. */
    public static boolean onDeepStack() {
        return Thread.currentThread() instanceof DeepThread;
    }

    /** Whether statement text may nest deeper than a default stack holds. */
    public static boolean needed(String text) {
        return text.length() >= SHALLOW_CHARS;
    }

    /**
     * Runs {@code work} on a thread with a large stack and waits for it; its errors are thrown here
     * as it threw them. The caller's interrupt is kept for it to see after the work is done (the
     * work itself stops through the session's cancel, as on the caller's own thread).
     */
    public static <T> T call(Supplier<T> work) {
        Future<T> future = THREADS.submit(work::get);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new BlueshiftException(ErrorCode.INTERNAL_ERROR, cause, cause.toString());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The SQL error for a {@link StackOverflowError} (54001) or {@link OutOfMemoryError} (53200)
     * that reached the session's boundary; other errors are not the statement's to answer, and
     * are rethrown.
     */
    public static BlueshiftException error(Error e) {
        if (e instanceof StackOverflowError) {
            return NestingLimit.tooDeep("the statement nests too deeply for the thread that ran it");
        }
        if (e instanceof OutOfMemoryError) {
            BlueshiftException out = BlueshiftException.withMessage(ErrorCode.OUT_OF_MEMORY,
                    "out of memory: the server's Java heap cannot hold what the statement needs");
            out.initCause(e);
            return out;
        }
        throw e;
    }
}

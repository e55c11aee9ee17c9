package io.blueshift.jdbc;

import java.util.Timer;
import java.util.TimerTask;

/** The one daemon timer thread that cancels statements past their query timeout. */
final class QueryTimer {
    private static final Timer TIMER = new Timer("blueshift-jdbc-query-timeout", true);

    private QueryTimer() {
    }

    /** Runs {@code action} after {@code millis} unless the returned task is cancelled first. */
    static TimerTask schedule(Runnable action, long millis) {
        TimerTask task = new TimerTask() {
            @Override
            public void run() {
                action.run();
            }
        };
        TIMER.schedule(task, millis);
        return task;
    }
}

package io.blueshift.sql.plan;

/** Telling Calcite's own failures (an assertion, an unsupported shape) from errors of the engine's code it called. */
final class CalciteFailures {
    private CalciteFailures() {
    }

    /** Whether the first frame of the error's root cause outside the JDK (and Guava, which Calcite uses) is Calcite's own code. */
    static boolean inside(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        for (StackTraceElement frame : root.getStackTrace()) {
            String c = frame.getClassName();
            if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.") && !c.startsWith("com.google.common.")) {
                return c.startsWith("org.apache.calcite.");
            }
        }
        return false;
    }
}

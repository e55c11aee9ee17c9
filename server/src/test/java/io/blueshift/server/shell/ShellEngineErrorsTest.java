package io.blueshift.server.shell;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The shell over Blueshift goes on after an engine error of any kind (issue 13: a COPY that ran
 * out of heap printed the OutOfMemoryError's stack trace and ended {@code ./blueshift -f}): it
 * prints the error with its SQLSTATE and runs the next statement.
 */
class ShellEngineErrorsTest {

    @Test
    void aStatementTooDeepIs54001AndTheScriptGoesOn() throws Exception {
        try (ShellFixture shell = new ShellFixture(DriverManager.getConnection("jdbc:blueshift:mem:"))) {
            assertFalse(shell.run("select " + "(".repeat(20_000) + "1" + ")".repeat(20_000) + ";\n"
                    + "select 1 as still_here;\n"));
            String err = shell.err();
            assertTrue(err.startsWith("ERROR:  54001: stack depth limit exceeded"), err);
            assertTrue(shell.out().contains("still_here"), shell.out());
        }
    }

    @Test
    void theHeapRunningOutIs53200AndTheScriptGoesOn() throws Exception {
        Connection engine = DriverManager.getConnection("jdbc:blueshift:mem:");
        try (ShellFixture shell = new ShellFixture(outOfHeapOn("copy big", engine))) {
            assertFalse(shell.run("copy big from '/data/huge.csv';\nselect 2 as next_one;\n"));
            String err = shell.err();
            assertTrue(err.startsWith("ERROR:  53200: out of memory"), err);
            assertFalse(err.contains("java.lang.OutOfMemoryError"), err);
            assertTrue(shell.out().contains("next_one"), shell.out());
        }
    }

    @Test
    void onErrorStopEndsTheScriptAtItsFirstError() throws Exception {
        try (ShellFixture shell = new ShellFixture(DriverManager.getConnection("jdbc:blueshift:mem:"))) {
            assertFalse(shell.run("\\set ON_ERROR_STOP on\nselect 1/0;\nselect 1 as not_run;\n"));
            assertTrue(shell.err().startsWith("ERROR:  22012: division by zero"));
            assertFalse(shell.out().contains("not_run"), shell.out());
        }
    }

    /** {@code connection}, except that a statement starting with {@code prefix} runs the heap out, as a huge COPY did. */
    private static Connection outOfHeapOn(String prefix, Connection connection) {
        InvocationHandler statements = (proxy, method, args) -> {
            Statement real = connection.createStatement();
            return Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
                    (p, m, a) -> {
                        if (m.getName().equals("execute") && a != null && a[0] instanceof String sql
                                && sql.startsWith(prefix)) {
                            throw new OutOfMemoryError("Java heap space");
                        }
                        try {
                            return m.invoke(real, a);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("createStatement") && (args == null || args.length == 0)) {
                        return statements.invoke(proxy, method, args);
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}

package io.blueshift.sql;

/** Test data without a table function: the integers 0 to 99,999 as a derived table. */
final class Numbers {
    private Numbers() {
    }

    /** A derived table {@code n} with one column {@code x} holding 0 to 99,999. */
    static String table() {
        String digits = "(VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9))";
        return "(SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d AS x FROM " + digits + " a(d), "
                + digits + " b(d), " + digits + " c(d), " + digits + " e(d), " + digits + " f(d)) n";
    }
}

package io.blueshift.sql.function;

import io.blueshift.executor.expr.CompareExpr;
import java.math.BigDecimal;

/** Comparison of two Java values of possibly different numeric classes (GREATEST, LEAST). */
final class CompareExprs {
    private CompareExprs() {
    }

    static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y && a.getClass() != b.getClass()) {
            if (!finite(x) || !finite(y)) {
                // NaN and the infinities have no decimal form; as in Postgres, NaN sorts above every number
                return Double.compare(x.doubleValue(), y.doubleValue());
            }
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
        }
        return CompareExpr.compareObjects(a, b);
    }

    private static boolean finite(Number n) {
        return !(n instanceof Double || n instanceof Float) || Double.isFinite(n.doubleValue());
    }
}

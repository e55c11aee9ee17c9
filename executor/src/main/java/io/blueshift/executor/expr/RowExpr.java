package io.blueshift.executor.expr;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.Values;
import io.blueshift.executor.ExecContext;
import io.blueshift.columnar.vector.Vectors;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.util.OversizedAllocationException;

/**
 * A function without a dedicated kernel, applied value by value over the batch: its arguments are
 * evaluated as vectors first, then each row's values are read as Java objects, passed to
 * {@link Fn#apply} and the result stored. A strict function (most of them) gives NULL when any
 * argument is NULL without being called. This is the slow path, meant for string, date and other
 * functions off the hot loops of analytical queries; hot operations have kernels of their own.
 */
public final class RowExpr implements Expr {
    /** One call of the function on one row's argument values. */
    @FunctionalInterface
    public interface Fn {
        Object apply(Object[] args);
    }

    private final String name;
    private final Fn fn;
    private final List<Expr> args;
    private final SqlType type;
    private final boolean strict;

    /** How EXPLAIN writes a call whose SQL is not {@code name(args)}: from the arguments' SQL texts. */
    @FunctionalInterface
    public interface Form {
        String sql(List<String> args);
    }

    private final Form form;

    public RowExpr(String name, Fn fn, List<Expr> args, SqlType type, boolean strict) {
        this(name, fn, args, type, strict, null);
    }

    /** A function that EXPLAIN writes in {@code form} (an operator, IN, a cast). */
    public RowExpr(String name, Fn fn, List<Expr> args, SqlType type, boolean strict, Form form) {
        this.name = name;
        this.fn = fn;
        this.args = List.copyOf(args);
        this.type = type;
        this.strict = strict;
        this.form = form;
    }

    @Override
    public SqlType type() {
        return type;
    }

    @Override
    public FieldVector eval(Batch in, ExecContext ctx) {
        int n = in.rowCount();
        List<FieldVector> inputs = new ArrayList<>(args.size());
        FieldVector out = null;
        try {
            for (Expr arg : args) {
                inputs.add(arg.eval(in, ctx));
            }
            out = Vectors.allocate(ctx.memory(), type, n);
            Object[] values = new Object[args.size()];
            for (int row = 0; row < n; row++) {
                boolean anyNull = false;
                for (int a = 0; a < values.length; a++) {
                    values[a] = Values.get(inputs.get(a), args.get(a).type(), row);
                    anyNull |= values[a] == null;
                }
                Object result = strict && anyNull ? null : fn.apply(values);
                Values.set(out, type, row, result == null ? null : Conversions.convert(result, type));
            }
            out.setValueCount(n);
            FieldVector done = out;
            out = null;
            return done;
        } catch (OutOfMemoryException e) {
            // a vector grown past the query's memory limit while values were written into it
            throw ctx.memory().outOfMemory(e, 0);
        } catch (OversizedAllocationException e) {
            // one batch's values past an Arrow buffer's 2 GB, each of them under the value limit
            throw new BlueshiftException(ErrorCode.PROGRAM_LIMIT_EXCEEDED, "the values of " + name + " in one batch exceed 2 GB");
        } finally {
            Vectors.closeAll(inputs);
            if (out != null) {
                out.close();
            }
        }
    }

    @Override
    public Object constantValue() {
        return NOT_CONSTANT;
    }

    @Override
    public String sql(List<String> columns) {
        if (form == null && name.equals("cast") && args.size() == 1) {
            return SqlText.cast(args.get(0), type, columns);
        }
        String operator = form == null ? operatorName(name) : null;
        if (form == null && operator == null) {
            return SqlText.call(name, args, columns);
        }
        List<String> texts = new ArrayList<>(args.size());
        for (Expr a : args) {
            texts.add(SqlText.operand(a, columns));
        }
        if (form != null) {
            return form.sql(texts);
        }
        return texts.size() == 1 ? operator + " " + texts.get(0) : String.join(" " + operator + " ", texts);
    }

    /**
     * The Postgres operator of a function Calcite names by words or by the operator itself (the
     * regular-expression matches, {@code ||}), or null for a function called by name.
     */
    private static String operatorName(String name) {
        if (name.contains("posix regex")) {
            return (name.startsWith("negated") ? "!~" : "~") + (name.contains("insensitive") ? "*" : "");
        }
        return name.isEmpty() || Character.isLetter(name.charAt(0)) || name.charAt(0) == '_' ? null : name;
    }

    @Override
    public String toString() {
        return name + args;
    }
}

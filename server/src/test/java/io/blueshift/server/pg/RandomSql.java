package io.blueshift.server.pg;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Random statements from a small SQL grammar over two fixed tables: expressions of every type the
 * engine has (with edge values, NULLs, casts, functions, CASE, sub-queries), SELECTs with joins,
 * WHERE, GROUP BY, HAVING, ORDER BY, LIMIT and set operations, and INSERT, UPDATE and DELETE on a
 * scratch table. Most statements are valid; many are not (a type mismatch, an overflow, a bad
 * cast), which is the point: each must end in a result or in an error with its own SQLSTATE.
 */
final class RandomSql {
    /** The tables the statements read ({@link #SETUP} makes them) and the one they change. */
    static final List<String> SETUP = List.of(
            "create table fz1 (a int, b bigint, c numeric(12,2), d double precision, s varchar(20), dt date,"
                    + " ts timestamp, f boolean)",
            "insert into fz1 select case when n % 7 = 0 then null else n - 20 end, n::bigint * 1000000007,"
                    + " n * 1.25, n / 3.0, case when n % 5 = 0 then null else 'v' || n end,"
                    + " date '2020-01-01' + n, timestamp '2020-01-01 00:00:00' + n * interval '1 hour', n % 2 = 0"
                    + " from generate_series(1, 60) g(n)",
            "create table fz2 (a int, s varchar(20), c numeric(12,2))",
            "insert into fz2 select n % 10, 'w' || (n % 4), n * 0.5 from generate_series(1, 30) g(n)",
            "create table fzw (a int, s varchar(40), d double precision)");

    private static final String[] INT_COLS = {"a", "b"};
    private static final String[] INT_LITERALS = {"0", "1", "-1", "7", "42", "2147483647", "-2147483648",
            "9223372036854775807", "-9223372036854775808", "100000"};
    private static final String[] NUM_LITERALS = {"0.5", "1.25", "-3.75", "123456789.123", "0.000001",
            "99999999999999999999.99", "1e10", "1e308", "1e-300"};
    private static final String[] TEXT_LITERALS = {"'abc'", "''", "'x''y'", "'Ω'", "'%a_'", "' pad '", "'123'",
            "'2020-02-29'", "'true'", "'NaN'", "'1e5'", "E'tab\\there'", "'日本'"};
    private static final String[] DATE_LITERALS = {"date '2020-01-01'", "date '1999-12-31'", "date '2000-02-29'",
            "current_date"};
    private static final String[] TS_LITERALS = {"timestamp '2020-01-01 12:34:56'", "timestamp '1970-01-01 00:00:00'",
            "now()"};
    private static final String[] TYPES = {"int", "bigint", "smallint", "numeric(10,2)", "numeric", "double precision",
            "real", "varchar(5)", "text", "date", "timestamp", "boolean", "char(3)", "interval"};
    private static final String[] COMPARE = {"=", "<>", "<", "<=", ">", ">=", "is distinct from"};
    private static final String[] ARITH = {"+", "-", "*", "/", "%"};

    private final SplittableRandom random;
    private int depth;
    private boolean inSubquery;

    RandomSql(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The next statement. */
    String statement() {
        depth = 0;
        int k = random.nextInt(100);
        if (k < 62) {
            return select();
        }
        if (k < 70) {
            return select() + pick(" union ", " union all ", " intersect ", " except ") + select();
        }
        if (k < 80) {
            return "insert into fzw select " + intExpr() + ", " + textExpr() + ", " + numExpr() + " from fz1"
                    + (chance(50) ? " where " + boolExpr() : "") + (chance(30) ? " limit " + random.nextInt(5) : "");
        }
        if (k < 88) {
            return "update fzw set " + pick("a = " + intExpr(), "s = " + textExpr(), "d = " + numExpr())
                    + (chance(70) ? " where " + boolExpr() : "");
        }
        if (k < 94) {
            return "delete from fzw" + (chance(80) ? " where " + boolExpr() : "");
        }
        return "select " + aggregate() + ", " + aggregate() + " from fz1 join fz2 on fz1.a = fz2.a"
                + (chance(50) ? " where " + boolExpr() : "");
    }

    private String select() {
        StringBuilder sql = new StringBuilder("select ");
        boolean grouped = chance(30);
        String from = chance(25) ? "fz1 " + pick("join", "left join", "right join", "full join") + " fz2 on fz1.a = fz2.a"
                : chance(10) ? "fz1, fz2" : "fz1";
        if (grouped) {
            sql.append("s, ").append(aggregate());
        } else {
            sql.append(anyExpr());
            if (chance(50)) {
                sql.append(", ").append(anyExpr());
            }
        }
        sql.append(" from ").append(from);
        if (chance(60)) {
            sql.append(" where ").append(boolExpr());
        }
        if (grouped) {
            sql.append(" group by s");
            if (chance(40)) {
                sql.append(" having ").append(aggregate()).append(' ').append(pick(COMPARE)).append(' ').append(intExpr());
            }
        } else if (chance(30)) {
            sql.append(" order by 1").append(pick("", " desc", " nulls first"));
        }
        if (chance(25)) {
            sql.append(" limit ").append(pick("0", "1", "5", "100", "all"));
            if (chance(30)) {
                sql.append(" offset ").append(pick("0", "2", "1000"));
            }
        }
        return sql.toString();
    }

    private String aggregate() {
        return pick("count(*)", "count(" + anyExpr() + ")", "sum(" + numExpr() + ")", "avg(" + numExpr() + ")",
                "min(" + textExpr() + ")", "max(" + intExpr() + ")", "count(distinct " + intExpr() + ")",
                "string_agg(" + textExpr() + ", ',')", "bool_and(" + boolExpr() + ")", "stddev(" + numExpr() + ")",
                "listagg(" + textExpr() + ", '-')", "median(" + numExpr() + ")");
    }

    private String anyExpr() {
        return switch (random.nextInt(7)) {
            case 0, 1 -> intExpr();
            case 2 -> numExpr();
            case 3 -> textExpr();
            case 4 -> boolExpr();
            case 5 -> dateExpr();
            default -> "cast(" + anyExpr() + " as " + pick(TYPES) + ")";
        };
    }

    private boolean deep() {
        return depth > 4 || chance(35);
    }

    private String intExpr() {
        if (deep()) {
            return chance(50) ? "fz1." + pick(INT_COLS) : pick(INT_LITERALS);
        }
        depth++;
        try {
            return switch (random.nextInt(12)) {
                case 0, 1, 2 -> "(" + intExpr() + " " + pick(ARITH) + " " + intExpr() + ")";
                case 3 -> "-" + intExpr();
                case 4 -> "abs(" + intExpr() + ")";
                case 5 -> "length(" + textExpr() + ")";
                case 6 -> "case when " + boolExpr() + " then " + intExpr() + " else " + intExpr() + " end";
                case 7 -> "coalesce(" + intExpr() + ", " + intExpr() + ")";
                case 8 -> "extract(" + pick("year", "month", "day", "dow", "epoch") + " from " + dateExpr() + ")";
                case 9 -> subquery("(select max(a) from fz2 where fz2.a " + pick(COMPARE) + " ", ")", false);
                case 10 -> "mod(" + intExpr() + ", " + intExpr() + ")";
                default -> intExpr() + "::" + pick("int", "bigint", "smallint");
            };
        } finally {
            depth--;
        }
    }

    private String numExpr() {
        if (deep()) {
            return chance(50) ? "fz1." + pick("c", "d") : pick(NUM_LITERALS);
        }
        depth++;
        try {
            return switch (random.nextInt(10)) {
                case 0, 1 -> "(" + numExpr() + " " + pick(ARITH) + " " + anyNumber() + ")";
                case 2 -> pick("round", "trunc", "ceil", "floor", "sqrt", "ln", "exp", "sign") + "(" + numExpr() + ")";
                case 3 -> "round(" + numExpr() + ", " + pick("0", "2", "-1", "40") + ")";
                case 4 -> "power(" + numExpr() + ", " + anyNumber() + ")";
                case 5 -> "greatest(" + numExpr() + ", " + anyNumber() + ")";
                case 6 -> "nullif(" + numExpr() + ", " + anyNumber() + ")";
                case 7 -> "cast(" + textExpr() + " as " + pick("numeric", "double precision", "int") + ")";
                case 8 -> "log(" + numExpr() + ")";
                default -> numExpr() + "::" + pick("numeric(5,1)", "real", "double precision", "numeric(38,10)");
            };
        } finally {
            depth--;
        }
    }

    private String anyNumber() {
        return chance(50) ? intExpr() : numExpr();
    }

    private String textExpr() {
        if (deep()) {
            return chance(50) ? "fz1.s" : pick(TEXT_LITERALS);
        }
        depth++;
        try {
            return switch (random.nextInt(14)) {
                case 0, 1 -> textExpr() + " || " + anyExpr();
                case 2 -> pick("upper", "lower", "trim", "ltrim", "btrim", "reverse", "initcap", "md5") + "(" + textExpr() + ")";
                case 3 -> "substring(" + textExpr() + " from " + intExpr() + " for " + intExpr() + ")";
                case 4 -> "lpad(" + textExpr() + ", " + pick("0", "3", "10", "-2") + ", " + textExpr() + ")";
                case 5 -> "replace(" + textExpr() + ", " + textExpr() + ", " + textExpr() + ")";
                case 6 -> "split_part(" + textExpr() + ", " + textExpr() + ", " + pick("1", "2", "0", "-1") + ")";
                case 7 -> "left(" + textExpr() + ", " + intExpr() + ")";
                case 8 -> "repeat(" + textExpr() + ", " + pick("0", "2", "-1", "30") + ")";
                case 9 -> "to_char(" + dateExpr() + ", " + pick("'YYYY-MM-DD'", "'Mon DD'", "'HH24:MI'", "''") + ")";
                case 10 -> "cast(" + anyExpr() + " as " + pick("varchar", "varchar(3)", "text", "char(2)") + ")";
                case 11 -> "coalesce(" + textExpr() + ", " + textExpr() + ")";
                case 12 -> "chr(" + pick("65", "937", "0", "-1", "1114112", "55296") + ")";
                default -> "case " + intExpr() + " when 1 then " + textExpr() + " else " + textExpr() + " end";
            };
        } finally {
            depth--;
        }
    }

    private String dateExpr() {
        if (deep()) {
            return chance(50) ? "fz1." + pick("dt", "ts") : pick(chance(50) ? DATE_LITERALS : TS_LITERALS);
        }
        depth++;
        try {
            return switch (random.nextInt(7)) {
                case 0 -> dateExpr() + " + " + pick("1", "365", "2147483647", "-100000");
                case 1 -> dateExpr() + " + interval '" + pick("1 day", "3 months", "-2 years", "10000 years") + "'";
                case 2 -> "date_trunc('" + pick("month", "year", "week", "hour", "quarter") + "', " + dateExpr() + ")";
                case 3 -> "dateadd(" + pick("day", "month", "year") + ", " + intExpr() + ", " + dateExpr() + ")";
                case 4 -> "cast(" + textExpr() + " as " + pick("date", "timestamp") + ")";
                case 5 -> "last_day(" + dateExpr() + ")";
                default -> "to_date(" + textExpr() + ", 'YYYY-MM-DD')";
            };
        } finally {
            depth--;
        }
    }

    private String boolExpr() {
        if (deep()) {
            return chance(50) ? "fz1.f" : pick("true", "false", "null::boolean");
        }
        depth++;
        try {
            return switch (random.nextInt(12)) {
                case 0, 1, 2 -> anyNumber() + " " + pick(COMPARE) + " " + anyNumber();
                case 3 -> textExpr() + " " + pick(COMPARE) + " " + textExpr();
                case 4 -> boolExpr() + pick(" and ", " or ") + boolExpr();
                case 5 -> "not " + boolExpr();
                case 6 -> textExpr() + pick(" like ", " ilike ", " not like ", " similar to ", " ~ ") + textExpr();
                case 7 -> anyExpr() + pick(" is null", " is not null");
                case 8 -> intExpr() + " in (" + intExpr() + ", " + intExpr() + ", null)";
                case 9 -> intExpr() + " between " + intExpr() + " and " + intExpr();
                case 10 -> pick("exists", "not exists") + subquery(" (select 1 from fz2 where fz2.a = ", ")", false);
                default -> intExpr() + subquery(" in (select a from fz2 where ", ")", true);
            };
        } finally {
            depth--;
        }
    }

    /**
     * A sub-query around an integer (or, with {@code condition}, a boolean) expression. Sub-queries
     * do not nest: a scalar sub-query correlated two levels down is a known gap (Calcite's
     * decorrelation makes a plan the engine cannot run), recorded in the issue, not found again.
     */
    private String subquery(String open, String close, boolean condition) {
        if (inSubquery) {
            return condition ? " is not null" : " " + pick(INT_LITERALS);
        }
        inSubquery = true;
        try {
            return open + (condition ? boolExpr() : intExpr()) + close;
        } finally {
            inSubquery = false;
        }
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }
}

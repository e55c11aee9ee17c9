package io.blueshift.sql.plan;

import java.util.List;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlBasicAggFunction;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/** Functions Calcite's libraries lack, declared here for validation; the executor implements them. */
public final class BlueshiftOperators {
    /** Redshift's MEDIAN(x): the 0.5 continuous percentile. */
    public static final SqlAggFunction MEDIAN = SqlBasicAggFunction.create("MEDIAN", SqlKind.OTHER_FUNCTION,
            ReturnTypes.ARG0_NULLABLE_IF_EMPTY, OperandTypes.NUMERIC);

    public static final SqlAggFunction BOOL_AND = SqlBasicAggFunction.create("BOOL_AND", SqlKind.OTHER_FUNCTION,
            ReturnTypes.BOOLEAN_NULLABLE, OperandTypes.BOOLEAN);

    public static final SqlAggFunction BOOL_OR = SqlBasicAggFunction.create("BOOL_OR", SqlKind.OTHER_FUNCTION,
            ReturnTypes.BOOLEAN_NULLABLE, OperandTypes.BOOLEAN);

    public static final SqlFunction CHR = new SqlFunction("CHR", SqlKind.OTHER_FUNCTION,
            ReturnTypes.VARCHAR.andThen(SqlTypeTransforms.TO_NULLABLE), null, OperandTypes.INTEGER,
            SqlFunctionCategory.STRING);

    public static final SqlFunction STRPOS = new SqlFunction("STRPOS", SqlKind.OTHER_FUNCTION,
            ReturnTypes.INTEGER_NULLABLE, null, OperandTypes.STRING_STRING, SqlFunctionCategory.STRING);

    /**
     * A Postgres interval literal ({@code INTERVAL '1 mon 2 days'}, rewritten by the parser
     * front); typed as Calcite's day-to-second interval, while the value keeps months apart.
     */
    public static final SqlFunction PG_INTERVAL = new SqlFunction("PG_INTERVAL", SqlKind.OTHER_FUNCTION,
            opBinding -> opBinding.getTypeFactory().createSqlIntervalType(new SqlIntervalQualifier(
                    TimeUnit.DAY, TimeUnit.SECOND,
                    SqlParserPos.ZERO)),
            null, OperandTypes.STRING, SqlFunctionCategory.TIMEDATE);

    /** Postgres' now(): the statement's start as timestamptz. */
    public static final SqlFunction NOW = statementTime("NOW",
            SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE);

    /** Redshift's getdate() and sysdate: the statement's start as timestamp (UTC). */
    public static final SqlFunction GETDATE = statementTime("GETDATE", SqlTypeName.TIMESTAMP);

    /**
     * Postgres' and Redshift's {@code date_trunc('unit', timestamp)}. Calcite's parser binds
     * {@code DATE_TRUNC} to BigQuery's {@code DATE_TRUNC(date, unit)}; the parser front
     * ({@code PostgresFunctions}) swaps this one in when the unit comes first. A date is
     * truncated to a timestamp, as in Redshift. Its type is derived from its own signature, never
     * by looking the name up (which finds BigQuery's).
     */
    public static final SqlFunction DATE_TRUNC = new SqlFunction("DATE_TRUNC", SqlKind.OTHER_FUNCTION,
            opBinding -> {
                RelDataType t = opBinding.getOperandType(1);
                RelDataTypeFactory f = opBinding.getTypeFactory();
                RelDataType out = t.getSqlTypeName() == SqlTypeName.DATE
                        ? f.createSqlType(SqlTypeName.TIMESTAMP) : t;
                return f.createTypeWithNullability(out, t.isNullable() || opBinding.getOperandType(0).isNullable());
            },
            null, OperandTypes.family(SqlTypeFamily.CHARACTER,
                    SqlTypeFamily.DATETIME), SqlFunctionCategory.TIMEDATE) {
        @Override
        public RelDataType deriveType(SqlValidator validator,
                SqlValidatorScope scope, SqlCall call) {
            for (SqlNode operand : call.getOperandList()) {
                validator.deriveType(scope, operand);
            }
            return validateOperands(validator, scope, call);
        }
    };

    /** Redshift's {@code regexp_count(string, pattern [, position])}. */
    public static final SqlFunction REGEXP_COUNT = new SqlFunction("REGEXP_COUNT", SqlKind.OTHER_FUNCTION,
            ReturnTypes.INTEGER_NULLABLE, null, OperandTypes.or(OperandTypes.STRING_STRING,
                    OperandTypes.family(SqlTypeFamily.CHARACTER,
                            SqlTypeFamily.CHARACTER,
                            SqlTypeFamily.INTEGER)),
            SqlFunctionCategory.STRING);

    /** Postgres' {@code btrim(string [, characters])}. */
    public static final SqlFunction BTRIM = new SqlFunction("BTRIM", SqlKind.OTHER_FUNCTION,
            ReturnTypes.VARCHAR.andThen(SqlTypeTransforms.TO_NULLABLE), null,
            OperandTypes.or(OperandTypes.STRING, OperandTypes.STRING_STRING), SqlFunctionCategory.STRING);

    /**
     * Text (VARCHAR without a length) with the argument's character set, nullable as the argument
     * is: the type of Postgres' {@code upper}, {@code lower} and {@code initcap}. Calcite types them
     * as their argument, CHAR(n) for a literal, and a result longer than n was cut to n characters.
     */
    public static final SqlReturnTypeInference TEXT_OF_ARG0 = ReturnTypes.ARG0_NULLABLE.andThen((binding, type) -> {
        RelDataTypeFactory f = binding.getTypeFactory();
        RelDataType text = f.createSqlType(SqlTypeName.VARCHAR);
        if (type.getCharset() != null && type.getCollation() != null) {
            text = f.createTypeWithCharsetAndCollation(text, type.getCharset(), type.getCollation());
        }
        return f.createTypeWithNullability(text, type.isNullable());
    });

    /** Postgres' {@code upper}, {@code lower} and {@code initcap}: text, whatever the argument's length. */
    public static final SqlFunction UPPER = textFunction("UPPER");
    public static final SqlFunction LOWER = textFunction("LOWER");
    public static final SqlFunction INITCAP = textFunction("INITCAP");

    /** Blueshift's versions of functions Calcite's libraries also declare; a lookup finds only these. */
    public static final List<SqlFunction> REPLACEMENTS = List.of(UPPER, LOWER, INITCAP);

    public static final SqlOperatorTable TABLE = SqlOperatorTables.of(List.of(MEDIAN, BOOL_AND, BOOL_OR, CHR, STRPOS,
            PG_INTERVAL, NOW, GETDATE, DATE_TRUNC, REGEXP_COUNT, BTRIM, UPPER, LOWER, INITCAP,
            GenerateSeriesFunction.INSTANCE));

    private static SqlFunction textFunction(String name) {
        return new SqlFunction(name, SqlKind.OTHER_FUNCTION, TEXT_OF_ARG0, null, OperandTypes.CHARACTER,
                SqlFunctionCategory.STRING);
    }

    /**
     * A function without arguments whose value is the statement's start time. It is dynamic, so
     * that planning never folds it into a constant a cached plan would then keep.
     */
    private static SqlFunction statementTime(String name, SqlTypeName type) {
        return new SqlFunction(name, SqlKind.OTHER_FUNCTION, ReturnTypes.explicit(type), null, OperandTypes.NILADIC,
                SqlFunctionCategory.TIMEDATE) {
            @Override
            public boolean isDynamicFunction() {
                return true;
            }

            @Override
            public boolean isDeterministic() {
                return false;
            }
        };
    }

    private BlueshiftOperators() {
    }
}

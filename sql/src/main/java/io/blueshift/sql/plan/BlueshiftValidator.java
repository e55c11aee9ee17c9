package io.blueshift.sql.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;
import org.apache.calcite.sql.validate.SqlValidatorImpl;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Static;

/**
 * Calcite's validator with Postgres' date arithmetic, which Calcite's {@code +} and {@code -} do
 * not accept or type otherwise: {@code date + integer} and {@code date - integer} (a date),
 * {@code date - date} (an integer number of days), {@code timestamp - timestamp} (an interval) and
 * {@code date ± interval} (a timestamp, where Calcite keeps a date). Once both operand
 * types are known, such a call gets an operator of the same kind whose signature allows them; the
 * executor's arithmetic already computes them as Postgres does.
 */
public final class BlueshiftValidator extends SqlValidatorImpl {
    private static final SqlBinaryOperator DATE_PLUS = dateOperator("+", SqlKind.PLUS, SqlTypeName.DATE);
    private static final SqlBinaryOperator DATE_MINUS = dateOperator("-", SqlKind.MINUS, SqlTypeName.DATE);
    private static final SqlBinaryOperator DATE_DIFFERENCE = dateOperator("-", SqlKind.MINUS, SqlTypeName.INTEGER);
    private static final SqlBinaryOperator DATE_PLUS_INTERVAL = dateOperator("+", SqlKind.PLUS, SqlTypeName.TIMESTAMP);
    private static final SqlBinaryOperator DATE_MINUS_INTERVAL = dateOperator("-", SqlKind.MINUS, SqlTypeName.TIMESTAMP);
    private static final SqlBinaryOperator TIMESTAMP_DIFFERENCE = new DateArithmetic("-", SqlKind.MINUS,
            factory -> factory.createSqlIntervalType(new SqlIntervalQualifier(
                    TimeUnit.DAY, TimeUnit.SECOND,
                    SqlParserPos.ZERO)));

    /**
     * {@code extract(second | millisecond | epoch FROM ...)} as Postgres types it: numeric with the
     * fraction of a second (Calcite's EXTRACT is a BIGINT, which rounded 59.5 seconds to 60).
     * "milliseconds" arrives as a time frame name over another unit, hence the text test.
     */
    private static final SqlFunction EXTRACT_WITH_FRACTION = new TypedFunction("EXTRACT",
            SqlKind.EXTRACT, (factory, call) -> factory.createSqlType(SqlTypeName.DECIMAL, 18,
                    call.operand(0).toString().toUpperCase(Locale.ROOT).contains("MILLISECOND") ? 3 : 6)) {
        @Override
        public void unparse(SqlWriter writer, SqlCall call,
                int leftPrec, int rightPrec) {
            SqlStdOperatorTable.EXTRACT.unparse(writer, call, leftPrec, rightPrec);
        }
    };

    /** Redshift's {@code dateadd(unit, n, date)}: a timestamp. */
    private static final SqlFunction DATEADD = new TypedFunction("DATEADD",
            SqlKind.OTHER_FUNCTION, (factory, call) -> factory.createSqlType(SqlTypeName.TIMESTAMP));

    /** Redshift's {@code add_months(date, n)}: a timestamp. */
    private static final SqlFunction ADD_MONTHS = new TypedFunction("ADD_MONTHS",
            SqlKind.OTHER_FUNCTION, (factory, call) -> factory.createSqlType(SqlTypeName.TIMESTAMP));

    /**
     * Postgres' {@code greatest} and {@code least}, which skip NULL arguments (NULL only when all
     * are); Calcite converts its own into a CASE that is NULL when any argument is.
     */
    private static final SqlFunction GREATEST = new Extreme("GREATEST");
    private static final SqlFunction LEAST = new Extreme("LEAST");

    private static final class Extreme extends SqlFunction {
        Extreme(String name) {
            super(name, SqlKind.OTHER_FUNCTION, null, null, OperandTypes.VARIADIC,
                    SqlFunctionCategory.SYSTEM);
        }

        @Override
        public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope,
                SqlCall call) {
            List<RelDataType> types = new ArrayList<>();
            for (SqlNode operand : call.getOperandList()) {
                types.add(validator.deriveType(scope, operand));
            }
            RelDataType common = validator.getTypeFactory().leastRestrictive(types);
            if (common == null) {
                throw validator.newValidationError(call,
                        Static.RESOURCE.incompatibleTypes());
            }
            return common;
        }
    }

    /** Postgres' {@code date_part('field', value)}: double precision, the fraction of a second kept. */
    private static final SqlFunction DATE_PART = new TypedFunction("DATE_PART",
            SqlKind.OTHER_FUNCTION, (factory, call) -> factory.createSqlType(SqlTypeName.DOUBLE));

    /**
     * Postgres' {@code octet_length(text)}: the length in bytes of the UTF-8 value (of a CHAR(n)
     * value with its padding). Calcite's OCTET_LENGTH takes only binary strings and cast a text
     * argument to VARBINARY, a type Blueshift has no values of.
     */
    private static final SqlFunction OCTET_LENGTH = new TypedFunction("OCTET_LENGTH",
            SqlKind.OTHER_FUNCTION, (factory, call) -> factory.createSqlType(SqlTypeName.INTEGER));

    /**
     * A function whose result type is fixed by the call (nullable when an operand is), derived
     * without looking the name up again, which would find Calcite's function of that name.
     */
    private static class TypedFunction extends SqlFunction {
        private final BiFunction<RelDataTypeFactory, SqlCall, RelDataType> type;

        TypedFunction(String name, SqlKind kind,
                BiFunction<RelDataTypeFactory, SqlCall, RelDataType> type) {
            super(name, kind, null, null, OperandTypes.ANY_ANY, SqlFunctionCategory.TIMEDATE);
            this.type = type;
        }

        @Override
        public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope,
                SqlCall call) {
            boolean nullable = false;
            for (SqlNode operand : call.getOperandList()) {
                if (!(operand instanceof SqlIntervalQualifier)) {
                    nullable |= validator.deriveType(scope, operand).isNullable();
                }
            }
            RelDataTypeFactory factory = validator.getTypeFactory();
            return factory.createTypeWithNullability(type.apply(factory, call), nullable);
        }
    }

    public BlueshiftValidator(SqlOperatorTable opTab, SqlValidatorCatalogReader catalogReader,
            RelDataTypeFactory typeFactory, Config config) {
        super(opTab, catalogReader, typeFactory, config);
    }

    @Override
    protected void validateWhereClause(SqlSelect select) {
        SelectAliasInWhere.substitute(select, getWhereScope(select), getCatalogReader().nameMatcher());
        super.validateWhereClause(select);
    }

    private static SqlBinaryOperator dateOperator(String name, SqlKind kind, SqlTypeName result) {
        return new DateArithmetic(name, kind, factory -> factory.createSqlType(result));
    }

    /**
     * {@code +} or {@code -} with a fixed result type (nullable when an operand is). Its type is
     * derived from its own signature: the default derivation looks the operator up by name and
     * would put Calcite's {@code +} back.
     */
    private static final class DateArithmetic extends SqlBinaryOperator {
        DateArithmetic(String name, SqlKind kind, Function<RelDataTypeFactory, RelDataType> result) {
            super(name, kind, 40, true, opBinding -> opBinding.getTypeFactory().createTypeWithNullability(
                    result.apply(opBinding.getTypeFactory()),
                    opBinding.getOperandType(0).isNullable() || opBinding.getOperandType(1).isNullable()),
                    InferTypes.FIRST_KNOWN, OperandTypes.ANY_ANY);
        }

        @Override
        public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope,
                SqlCall call) {
            for (SqlNode operand : call.getOperandList()) {
                validator.deriveType(scope, operand);
            }
            return validateOperands(validator, scope, call);
        }
    }

    /**
     * A parameter whose type nothing around it decides ({@code select $1}) is text, as an
     * unknown-typed parameter is in Postgres; Calcite would reject it.
     */
    @Override
    protected void inferUnknownTypes(RelDataType inferredType, SqlValidatorScope scope, SqlNode node) {
        if (node instanceof SqlDynamicParam && inferredType.equals(unknownType)) {
            if (getValidatedNodeTypeIfKnown(node) != null) {
                return;
            }
            inferredType = typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.VARCHAR), true);
        }
        typeModuloParameters(scope, node);
        super.inferUnknownTypes(inferredType, scope, node);
    }

    /**
     * {@code x % $1}: Calcite's % infers nothing for its operands, and an enclosing call derives
     * its type before inference reaches it; Postgres types $1 as x. Done ahead, over the expression.
     */
    private void typeModuloParameters(SqlValidatorScope scope, SqlNode node) {
        if (!(node instanceof SqlBasicCall call)) {
            return;
        }
        if (call.getKind() == SqlKind.MOD) {
            SqlNode known = null;
            for (SqlNode operand : call.getOperandList()) {
                if (operand != null && !(operand instanceof SqlDynamicParam)) {
                    known = operand;
                }
            }
            for (SqlNode operand : call.getOperandList()) {
                if (known != null && operand instanceof SqlDynamicParam
                        && getValidatedNodeTypeIfKnown(operand) == null) {
                    setValidatedNodeType(operand, deriveType(scope, known));
                }
            }
        }
        for (SqlNode operand : call.getOperandList()) {
            typeModuloParameters(scope, operand);
        }
    }

    @Override
    public RelDataType deriveType(SqlValidatorScope scope, SqlNode expr) {
        if (expr instanceof SqlCharStringLiteral literal) {
            RelDataType type = BlueshiftTypeFactory.literalType(typeFactory, literal.getValueAs(NlsString.class));
            if (type != null) {
                setValidatedNodeType(expr, type);
                return type;
            }
        }
        if (expr instanceof SqlBasicCall call && call.getOperator() == SqlStdOperatorTable.EXTRACT
                && call.operand(0) instanceof SqlIntervalQualifier unit
                && (unit.getStartUnit() == TimeUnit.SECOND
                        || unit.getStartUnit() == TimeUnit.MILLISECOND
                        || unit.getStartUnit() == TimeUnit.EPOCH)) {
            call.setOperator(EXTRACT_WITH_FRACTION);
        }
        if (expr instanceof SqlBasicCall call && call.getOperator().getSyntax() == SqlSyntax.FUNCTION
                && (call.getOperator().getName().equalsIgnoreCase("DATEADD")
                        || call.getOperator().getName().equalsIgnoreCase("ADD_MONTHS"))) {
            // Redshift: DATEADD and ADD_MONTHS of a date or timestamp are timestamps; Calcite makes
            // ADD_MONTHS a date, dropping the time of day, and keeps DATEADD of a date a date.
            boolean dateadd = call.getOperator().getName().equalsIgnoreCase("DATEADD");
            SqlNode value = call.operand(dateadd ? call.operandCount() - 1 : 0);
            SqlTypeName valueType = value instanceof SqlDynamicParam ? null
                    : super.deriveType(scope, value).getSqlTypeName();
            if (valueType == SqlTypeName.DATE || valueType == SqlTypeName.TIMESTAMP) {
                call.setOperator(dateadd ? DATEADD : ADD_MONTHS);
            }
        }
        if (expr instanceof SqlBasicCall call && call.getOperator().getSyntax() == SqlSyntax.FUNCTION
                && (call.getOperator().getName().equalsIgnoreCase("GREATEST")
                        || call.getOperator().getName().equalsIgnoreCase("LEAST"))) {
            call.setOperator(call.getOperator().getName().equalsIgnoreCase("GREATEST") ? GREATEST : LEAST);
        }
        if (expr instanceof SqlBasicCall call && call.getOperator().getSyntax() == SqlSyntax.FUNCTION
                && call.operandCount() >= 1 && !(call.operand(0) instanceof SqlDynamicParam)) {
            String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
            if (name.equals("ROUND") || name.equals("TRUNCATE") || name.equals("TRUNC") || name.equals("SIGN")) {
                RelDataType arg;
                try {
                    arg = super.deriveType(scope, call.operand(0));
                } catch (CalciteException e) {
                    return super.deriveType(scope, expr);
                }
                RelDataType result = numericResult(name, arg, call);
                if (result != null) {
                    call.setOperator(new TypedFunction(call.getOperator().getName(), call.getOperator().getKind(), (f, c) -> result));
                }
            }
        }
        if (expr instanceof SqlBasicCall call && call.operandCount() >= 1 && !(call.operand(0) instanceof SqlDynamicParam)
                && (call.getKind() == SqlKind.STRING_AGG || call.getKind() == SqlKind.LISTAGG
                        || call.operandCount() == 1 && call.getOperator().getSyntax() == SqlSyntax.FUNCTION
                                && TEXT_FUNCTIONS.contains(call.getOperator().getName().toUpperCase(Locale.ROOT)))) {
            textArgument(scope, call);
        }
        if (expr instanceof SqlBasicCall call && call.operandCount() == 1
                && call.getOperator().getName().equalsIgnoreCase("OCTET_LENGTH")
                && call.getOperator().getSyntax() == SqlSyntax.FUNCTION
                && !(call.operand(0) instanceof SqlDynamicParam)) {
            RelDataType arg;
            try {
                arg = super.deriveType(scope, call.operand(0));
            } catch (CalciteException e) {
                return super.deriveType(scope, expr);
            }
            if (SqlTypeFamily.CHARACTER.contains(arg)) {
                call.setOperator(OCTET_LENGTH);
            }
        }
        if (expr instanceof SqlBasicCall call && call.operandCount() == 2
                && call.getOperator().getName().equalsIgnoreCase("DATE_PART")
                && call.getOperator().getSyntax() == SqlSyntax.FUNCTION) {
            call.setOperator(DATE_PART);
        }
        if (expr instanceof SqlBasicCall call && call.operandCount() == 2
                && (call.getOperator() == SqlStdOperatorTable.PLUS || call.getOperator() == SqlStdOperatorTable.MINUS)
                && !(call.operand(0) instanceof SqlDynamicParam) && !(call.operand(1) instanceof SqlDynamicParam)) {
            RelDataType a;
            RelDataType b;
            try {
                a = super.deriveType(scope, call.operand(0));
                b = super.deriveType(scope, call.operand(1));
            } catch (CalciteException e) {
                return super.deriveType(scope, expr);
            }
            SqlBinaryOperator op = dateOperator(call.getKind(), a, b);
            if (op != null) {
                call.setOperator(op);
            }
        }
        return super.deriveType(scope, expr);
    }

    /** Functions of text whose argument is cast to text as in Postgres: a CHAR(n) value loses its padding. */
    private static final Set<String> TEXT_FUNCTIONS = Set.of("UPPER", "LOWER", "INITCAP");

    /**
     * {@code string_agg(s, d)} and {@code listagg(s, d)} aggregate {@code s} as text, as Postgres
     * casts their argument to text (and {@code upper}, {@code lower}, {@code initcap} take it so). Calcite types the aggregate as its argument, so over a
     * VARCHAR(n) or CHAR(n) column the result was VARCHAR(n) and cut to n characters; with the
     * argument cast to VARCHAR without a length, every step that derives the aggregate's type
     * (the validator, and the LISTAGG call Calcite's converter makes of a STRING_AGG, with or
     * without ORDER BY or WITHIN GROUP) derives text. Other argument types are left to Calcite's
     * check.
     */
    private void textArgument(SqlValidatorScope scope, SqlBasicCall call) {
        RelDataType arg;
        try {
            arg = super.deriveType(scope, call.operand(0));
        } catch (CalciteException e) {
            return;
        }
        if (SqlTypeFamily.CHARACTER.contains(arg) && arg.getPrecision() != RelDataType.PRECISION_NOT_SPECIFIED) {
            SqlParserPos pos = call.operand(0).getParserPosition();
            call.setOperand(0, SqlStdOperatorTable.CAST.createCall(pos, call.operand(0),
                    new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, pos), pos)));
        }
    }

    /**
     * Postgres' result types of round, trunc and sign over numbers: round(numeric) and
     * trunc(numeric) have scale 0, round(numeric, n) and trunc(numeric, n) scale n (Calcite kept
     * the argument's scale: round(2.5) printed 3.0); sign of an integer is double precision, of a
     * numeric a numeric. Null where Calcite's own typing stands.
     */
    private RelDataType numericResult(String name, RelDataType arg, SqlBasicCall call) {
        RelDataTypeFactory f = getTypeFactory();
        boolean decimal = arg.getSqlTypeName() == SqlTypeName.DECIMAL;
        boolean integer = SqlTypeFamily.INTEGER.contains(arg);
        if (name.equals("SIGN")) {
            return integer ? f.createSqlType(SqlTypeName.DOUBLE) : decimal ? f.createSqlType(SqlTypeName.DECIMAL, 1, 0) : null;
        }
        if (!decimal || call.operandCount() > 2) {
            return null;
        }
        int scale = 0;
        if (call.operandCount() == 2) {
            if (!(call.operand(1) instanceof SqlNumericLiteral n) || !n.isExact()) {
                return null;
            }
            // round(x, 40) keeps at most the 38 digits a decimal has (Postgres' numeric has more)
            scale = Math.min(f.getTypeSystem().getMaxScale(SqlTypeName.DECIMAL), Math.max(0, n.intValue(true)));
        }
        int precision = Math.min(f.getTypeSystem().getMaxNumericPrecision(), arg.getPrecision() - arg.getScale() + scale + 1);
        return f.createSqlType(SqlTypeName.DECIMAL, Math.max(precision, Math.max(1, scale)), scale);
    }

    private static SqlBinaryOperator dateOperator(SqlKind kind, RelDataType a, RelDataType b) {
        boolean dateA = a.getSqlTypeName() == SqlTypeName.DATE;
        boolean dateB = b.getSqlTypeName() == SqlTypeName.DATE;
        boolean intA = SqlTypeFamily.INTEGER.contains(a);
        boolean intB = SqlTypeFamily.INTEGER.contains(b);
        boolean intervalA = SqlTypeName.INTERVAL_TYPES.contains(a.getSqlTypeName());
        boolean intervalB = SqlTypeName.INTERVAL_TYPES.contains(b.getSqlTypeName());
        if (kind == SqlKind.PLUS && ((dateA && intervalB) || (intervalA && dateB))) {
            return DATE_PLUS_INTERVAL;
        }
        if (kind == SqlKind.MINUS && dateA && intervalB) {
            return DATE_MINUS_INTERVAL;
        }
        if (kind == SqlKind.PLUS) {
            return (dateA && intB) || (intA && dateB) ? DATE_PLUS : null;
        }
        if (dateA && intB) {
            return DATE_MINUS;
        }
        if (dateA && dateB) {
            return DATE_DIFFERENCE;
        }
        boolean timestampA = a.getSqlTypeName() == SqlTypeName.TIMESTAMP
                || a.getSqlTypeName() == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
        boolean timestampB = b.getSqlTypeName() == SqlTypeName.TIMESTAMP
                || b.getSqlTypeName() == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
        return (timestampA || dateA) && (timestampB || dateB) ? TIMESTAMP_DIFFERENCE : null;
    }
}

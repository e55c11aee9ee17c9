package io.blueshift.sql.plan;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * The Postgres system functions catalog queries call ({@code format_type}, {@code pg_get_expr},
 * {@code pg_table_is_visible}, {@code has_table_privilege} ...), declared for validation with any
 * arguments; {@code sql.exec.PgFunctions} evaluates them. Arrays are text in Blueshift (see
 * {@code PgRelation}), so the array functions take and give text. The {@code pg_reg*} functions
 * stand for casts to {@code regclass} and its kin (the parser front rewrites them): a name gives
 * its OID, an OID its name.
 */
public final class PgOperators {
    private PgOperators() {
    }

    private static SqlReturnTypeInference type(SqlTypeName name) {
        return binding -> binding.getTypeFactory().createTypeWithNullability(binding.getTypeFactory().createSqlType(name), true);
    }

    private static SqlFunction function(String name, SqlReturnTypeInference returns, boolean dynamic) {
        return new SqlFunction(name, SqlKind.OTHER_FUNCTION, returns, null, OperandTypes.VARIADIC, SqlFunctionCategory.SYSTEM) {
            @Override
            public boolean isDynamicFunction() {
                return dynamic;
            }

            @Override
            public boolean isDeterministic() {
                return !dynamic;
            }
        };
    }

    /** A cast to a reg* type: the OID of a name (text in), or the name of an OID (number in). */
    private static SqlReturnTypeInference regType() {
        return (SqlOperatorBinding binding) -> {
            RelDataType in = binding.getOperandType(0);
            boolean text = in.getSqlTypeName().getFamily() == SqlTypeFamily.CHARACTER;
            return binding.getTypeFactory().createTypeWithNullability(
                    binding.getTypeFactory().createSqlType(text ? SqlTypeName.INTEGER : SqlTypeName.VARCHAR), true);
        };
    }

    /** Functions whose value depends on the session or the catalog: never folded at planning, so a cached plan stays right. */
    private static final List<String> SESSION_TEXT = List.of("VERSION", "CURRENT_DATABASE", "CURRENT_SCHEMAS",
            "FORMAT_TYPE", "PG_GET_EXPR", "PG_GET_USERBYID", "PG_GET_INDEXDEF", "PG_GET_CONSTRAINTDEF", "PG_GET_VIEWDEF",
            "PG_ENCODING_TO_CHAR", "OBJ_DESCRIPTION", "COL_DESCRIPTION", "SHOBJ_DESCRIPTION", "PG_SIZE_PRETTY",
            "ARRAY_TO_STRING", "PG_ARRAY_ELEMENT", "PG_ARRAY_NTH_TEXT", "QUOTE_IDENT", "CURRENT_SETTING", "JSON_BUILD_OBJECT",
            "PG_GET_SERIAL_SEQUENCE", "PG_GET_FUNCTION_RESULT", "PG_GET_FUNCTION_ARGUMENTS", "PG_GET_FUNCTION_IDENTITY_ARGUMENTS",
            "PG_GET_STATISTICSOBJDEF_COLUMNS", "PG_ARRAY_OF", "PG_ARRAY_CONCAT", "PG_GET_RULEDEF", "PG_GET_TRIGGERDEF",
            "PG_GET_PARTKEYDEF", "FORMAT", "QUOTE_LITERAL", "QUOTE_NULLABLE", "STRING_TO_ARRAY", "INET_SERVER_ADDR",
            "INET_CLIENT_ADDR", "PG_SLEEP", "PG_SLEEP_FOR", "PG_SLEEP_UNTIL");
    private static final List<String> SESSION_BOOLEAN = List.of("PG_TABLE_IS_VISIBLE", "PG_TYPE_IS_VISIBLE",
            "PG_FUNCTION_IS_VISIBLE", "HAS_TABLE_PRIVILEGE", "HAS_SCHEMA_PRIVILEGE", "HAS_DATABASE_PRIVILEGE",
            "HAS_ANY_COLUMN_PRIVILEGE", "HAS_COLUMN_PRIVILEGE", "HAS_FUNCTION_PRIVILEGE", "HAS_SEQUENCE_PRIVILEGE",
            "PG_ARRAY_CONTAINS", "PG_RELATION_IS_PUBLISHABLE", "PG_IS_IN_RECOVERY", "PG_HAS_ROLE",
            "PG_CANCEL_BACKEND", "PG_TERMINATE_BACKEND");
    private static final List<String> SESSION_INTEGER = List.of("PG_BACKEND_PID", "PG_ARRAY_NTH", "ARRAY_UPPER", "ARRAY_LOWER",
            "PG_ARRAY_LENGTH", "CARDINALITY_TEXT", "ARRAY_POSITION", "PG_ARRAY_DIM_LENGTH", "INET_SERVER_PORT", "INET_CLIENT_PORT", "TO_REGCLASS");
    private static final List<String> SESSION_BIGINT = List.of("PG_RELATION_SIZE", "PG_TOTAL_RELATION_SIZE",
            "PG_TABLE_SIZE", "PG_INDEXES_SIZE", "PG_DATABASE_SIZE", "TXID_CURRENT", "TXID_CURRENT_IF_ASSIGNED", "PG_CURRENT_XACT_ID",
            "PG_STAT_GET_NUMSCANS", "PG_STAT_GET_TUPLES_RETURNED", "PG_STAT_GET_TUPLES_FETCHED", "PG_STAT_GET_LIVE_TUPLES");
    private static final List<String> SESSION_TIMESTAMPTZ = List.of("PG_POSTMASTER_START_TIME", "PG_CONF_LOAD_TIME");
    private static final List<String> REG = List.of("PG_REGCLASS", "PG_REGTYPE", "PG_REGPROC", "PG_REGNAMESPACE",
            "PG_REGROLE", "PG_REGPROCEDURE");

    public static final SqlOperatorTable TABLE;

    static {
        List<SqlFunction> all = new ArrayList<>();
        for (String n : SESSION_TEXT) {
            all.add(function(n, type(SqlTypeName.VARCHAR), true));
        }
        for (String n : SESSION_BOOLEAN) {
            all.add(function(n, type(SqlTypeName.BOOLEAN), true));
        }
        for (String n : SESSION_INTEGER) {
            all.add(function(n, type(SqlTypeName.INTEGER), true));
        }
        for (String n : SESSION_BIGINT) {
            all.add(function(n, type(SqlTypeName.BIGINT), true));
        }
        for (String n : SESSION_TIMESTAMPTZ) {
            all.add(function(n, type(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE), true));
        }
        for (String n : REG) {
            all.add(function(n, regType(), true));
        }
        // a >> b (the parser front's rewrite): the type of a
        all.add(new SqlFunction("PG_SHIFT_RIGHT", SqlKind.OTHER_FUNCTION, ReturnTypes.ARG0_NULLABLE,
                null, OperandTypes.family(SqlTypeFamily.INTEGER,
                        SqlTypeFamily.INTEGER), SqlFunctionCategory.SYSTEM));
        TABLE = SqlOperatorTables.of(all);
    }
}

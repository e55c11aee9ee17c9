package io.blueshift.jdbc;

import io.blueshift.columnar.SqlType;
import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.util.List;

/**
 * The types the engine inferred for a statement's {@code ?} parameters. Where it inferred none
 * (statements it does not plan ahead) a parameter is reported as text, which any value can be
 * written as.
 */
final class BlueshiftParameterMetaData implements ParameterMetaData, Wrappers {
    private final List<SqlType> types;
    private final int count;

    BlueshiftParameterMetaData(List<SqlType> types, int count) {
        this.types = List.copyOf(types);
        this.count = count;
    }

    private SqlType type(int param) throws SQLException {
        if (param < 1 || param > count) {
            throw new SQLException("parameter index " + param + " is out of range (1.." + count + ")",
                    JdbcErrors.INVALID_PARAMETER_VALUE);
        }
        return types.size() == count ? types.get(param - 1) : SqlType.TEXT;
    }

    @Override
    public int getParameterCount() {
        return count;
    }

    @Override
    public int isNullable(int param) throws SQLException {
        type(param);
        return parameterNullableUnknown;
    }

    @Override
    public boolean isSigned(int param) throws SQLException {
        return JdbcTypes.signed(type(param));
    }

    @Override
    public int getPrecision(int param) throws SQLException {
        return JdbcTypes.precision(type(param));
    }

    @Override
    public int getScale(int param) throws SQLException {
        return JdbcTypes.scale(type(param));
    }

    @Override
    public int getParameterType(int param) throws SQLException {
        return JdbcTypes.jdbcType(type(param));
    }

    @Override
    public String getParameterTypeName(int param) throws SQLException {
        return JdbcTypes.typeName(type(param));
    }

    @Override
    public String getParameterClassName(int param) throws SQLException {
        return JdbcTypes.objectClass(type(param)).getName();
    }

    @Override
    public int getParameterMode(int param) throws SQLException {
        type(param);
        return parameterModeIn;
    }
}

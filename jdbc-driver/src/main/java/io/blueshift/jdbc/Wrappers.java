package io.blueshift.jdbc;

import java.sql.SQLException;
import java.sql.Wrapper;

/**
 * The one implementation of {@link Wrapper} the driver's objects share: each wraps only itself, so
 * it unwraps to the interfaces it implements and to nothing else.
 */
interface Wrappers extends Wrapper {
    @Override
    default <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException(getClass().getSimpleName() + " does not wrap " + iface.getName(),
                JdbcErrors.INVALID_PARAMETER_VALUE);
    }

    @Override
    default boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}

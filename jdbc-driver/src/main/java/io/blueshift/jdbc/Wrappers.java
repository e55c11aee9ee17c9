package io.blueshift.jdbc;

import java.sql.SQLException;

/** The one implementation of {@link java.sql.Wrapper#unwrap} the driver's objects share. */
final class Wrappers {
    private Wrappers() {
    }

    static <T> T unwrap(Object self, Class<T> iface) throws SQLException {
        if (iface.isInstance(self)) {
            return iface.cast(self);
        }
        throw new SQLException(self.getClass().getSimpleName() + " does not wrap " + iface.getName(),
                JdbcErrors.INVALID_PARAMETER_VALUE);
    }
}

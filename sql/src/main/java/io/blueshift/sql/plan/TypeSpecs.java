package io.blueshift.sql.plan;

import io.blueshift.columnar.SqlType;
import io.blueshift.sql.catalog.TypeMapping;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.type.SqlTypeUtil;

/** Calcite type specifications (what CAST takes) for Blueshift types. */
public final class TypeSpecs {
    private static final JavaTypeFactoryImpl FACTORY = new BlueshiftTypeFactory();

    private TypeSpecs() {
    }

    public static SqlDataTypeSpec of(SqlType type) {
        return SqlTypeUtil.convertTypeToSpec(TypeMapping.toRelType(FACTORY, type, true));
    }
}

package io.blueshift.sql.catalog;

import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Postgres' type names that Calcite's parser does not know ({@code text}, {@code int4},
 * {@code float8}, ...), registered as named types so that {@code x::text} and
 * {@code CAST(x AS int8)} validate.
 */
final class PostgresTypeNames {
    private PostgresTypeNames() {
    }

    static void register(CalciteSchema root) {
        alias(root, "text", SqlTypeName.VARCHAR);
        alias(root, "int2", SqlTypeName.SMALLINT);
        alias(root, "int4", SqlTypeName.INTEGER);
        alias(root, "int8", SqlTypeName.BIGINT);
        alias(root, "float4", SqlTypeName.REAL);
        alias(root, "float8", SqlTypeName.DOUBLE);
        alias(root, "bool", SqlTypeName.BOOLEAN);
        alias(root, "bpchar", SqlTypeName.CHAR);
        alias(root, "string", SqlTypeName.VARCHAR);
        // catalog types: OIDs are integers, names and arrays text (see PgRelation)
        alias(root, "oid", SqlTypeName.INTEGER);
        alias(root, "xid", SqlTypeName.INTEGER);
        alias(root, "name", SqlTypeName.VARCHAR);
        alias(root, "char", SqlTypeName.VARCHAR);
        alias(root, "int2vector", SqlTypeName.VARCHAR);
        alias(root, "oidvector", SqlTypeName.VARCHAR);
        alias(root, "pg_node_tree", SqlTypeName.VARCHAR);
        root.add("timestamptz", factory -> factory.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE,
                TypeMapping.FRACTIONAL_DIGITS));
    }

    private static void alias(CalciteSchema root, String name, SqlTypeName type) {
        root.add(name, factory -> factory.createSqlType(type));
    }
}

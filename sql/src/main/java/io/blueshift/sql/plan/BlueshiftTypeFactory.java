package io.blueshift.sql.plan;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCollation;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;

/**
 * Calcite's type factory with Blueshift's type system and UTF-8 as the character set of every
 * string type it makes. Calcite's default is ISO-8859-1 (its {@code calcite.default.charset}
 * property), under which a literal such as {@code '日本語'} or {@code '😀'} fails to encode when the
 * validator types it or a comparison casts to it; Blueshift stores and compares UTF-8, as
 * Postgres' and Redshift's UTF8 databases do, so the literal's type says so. Setting the system
 * property instead would bend every other Calcite user in the same JVM, and would come too late
 * once Calcite has read it.
 */
public final class BlueshiftTypeFactory extends JavaTypeFactoryImpl {
    public BlueshiftTypeFactory() {
        super(BlueshiftTypeSystem.INSTANCE);
    }

    @Override
    public Charset getDefaultCharset() {
        return StandardCharsets.UTF_8;
    }

    /**
     * The type of a string literal, CHAR of its length in characters, or null where Calcite's own
     * type is right. Calcite counts UTF-16 units, so {@code '😀'} would be CHAR(2) and come back
     * padded with a blank, as CHAR(n) values are; the two differ only for characters outside the
     * Basic Multilingual Plane.
     */
    static RelDataType literalType(RelDataTypeFactory factory, NlsString literal) {
        String value = literal.getValue();
        int characters = value.codePointCount(0, value.length());
        if (characters == value.length()) {
            return null;
        }
        RelDataType type = factory.createSqlType(SqlTypeName.CHAR, characters);
        Charset charset = literal.getCharset() == null ? factory.getDefaultCharset() : literal.getCharset();
        SqlCollation collation = literal.getCollation() == null ? SqlCollation.COERCIBLE : literal.getCollation();
        return factory.createTypeWithCharsetAndCollation(type, charset, collation);
    }
}

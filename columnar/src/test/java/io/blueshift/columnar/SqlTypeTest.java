package io.blueshift.columnar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.blueshift.kernels.BlueshiftException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTypeTest {
    static final List<SqlType> ALL = List.of(SqlType.BOOLEAN, SqlType.SMALLINT, SqlType.INTEGER, SqlType.BIGINT,
            SqlType.REAL, SqlType.DOUBLE, SqlType.decimal(12, 2), SqlType.decimal(18, 18), SqlType.decimal(19, 0),
            SqlType.decimal(38, 10), SqlType.character(3), SqlType.varchar(20), SqlType.TEXT, SqlType.DATE,
            SqlType.TIME, SqlType.TIMESTAMP, SqlType.TIMESTAMPTZ, SqlType.INTERVAL);

    @Test
    void everyTypeNameParsesBackToTheType() {
        for (SqlType type : ALL) {
            assertEquals(type, SqlType.parse(type.name()), type.name());
        }
    }

    @Test
    void postgresAndRedshiftAliases() {
        assertEquals(SqlType.INTEGER, SqlType.parse("INT4"));
        assertEquals(SqlType.INTEGER, SqlType.parse("int"));
        assertEquals(SqlType.SMALLINT, SqlType.parse("int2"));
        assertEquals(SqlType.BIGINT, SqlType.parse(" Int8 "));
        assertEquals(SqlType.REAL, SqlType.parse("float4"));
        assertEquals(SqlType.DOUBLE, SqlType.parse("float8"));
        assertEquals(SqlType.DOUBLE, SqlType.parse("float"));
        assertEquals(SqlType.DOUBLE, SqlType.parse("DOUBLE   PRECISION"));
        assertEquals(SqlType.decimal(10, 2), SqlType.parse("decimal(10, 2)"));
        assertEquals(SqlType.decimal(18, 0), SqlType.parse("numeric"));
        assertEquals(SqlType.varchar(256), SqlType.parse("varchar"));
        assertEquals(SqlType.varchar(7), SqlType.parse("character varying(7)"));
        assertEquals(SqlType.character(1), SqlType.parse("bpchar"));
        assertEquals(SqlType.TIMESTAMPTZ, SqlType.parse("timestamptz"));
        assertEquals(SqlType.TIMESTAMPTZ, SqlType.parse("timestamp(6) with time zone"));
        assertEquals(SqlType.TIMESTAMP, SqlType.parse("TIMESTAMP"));
        assertEquals(SqlType.BOOLEAN, SqlType.parse("bool"));
    }

    @Test
    void physicalTypes() {
        assertEquals(PhysicalType.LONG, SqlType.decimal(18, 2).physical());
        assertEquals(PhysicalType.DECIMAL128, SqlType.decimal(19, 2).physical());
        assertEquals(PhysicalType.INT, SqlType.DATE.physical());
        assertEquals(PhysicalType.LONG, SqlType.TIMESTAMPTZ.physical());
        assertEquals(PhysicalType.VARCHAR, SqlType.character(4).physical());
    }

    @Test
    void badTypesFailWithSqlState() {
        assertEquals("22023", assertThrows(BlueshiftException.class, () -> SqlType.decimal(39, 0)).sqlState());
        assertEquals("22023", assertThrows(BlueshiftException.class, () -> SqlType.decimal(5, 6)).sqlState());
        assertEquals("22023", assertThrows(BlueshiftException.class, () -> SqlType.varchar(0)).sqlState());
        assertEquals("42704", assertThrows(BlueshiftException.class, () -> SqlType.parse("blob")).sqlState());
        assertEquals("42704", assertThrows(BlueshiftException.class, () -> SqlType.parse("int(3)")).sqlState());
        assertEquals("42704", assertThrows(BlueshiftException.class, () -> SqlType.parse("numeric(1,x)")).sqlState());
    }
}

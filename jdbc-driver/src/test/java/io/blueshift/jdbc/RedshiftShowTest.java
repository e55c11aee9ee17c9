package io.blueshift.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Redshift's SHOW SCHEMAS / TABLES / COLUMNS with the result columns its JDBC driver reads. */
class RedshiftShowTest extends JdbcTestBase {
    @Test
    void showsSchemasTablesAndColumns() throws SQLException {
        exec("create schema s1", "create table s1.t(id int not null, name varchar(20) default 'x', amt numeric(10,2))",
                "create view s1.v as select id from s1.t");
        assertEquals(List.of("blueshift|information_schema|1|local|null|null|null", "blueshift|pg_catalog|1|local|null|null|null",
                "blueshift|public|1|local|null|null|null", "blueshift|s1|1|local|null|null|null"),
                query("SHOW SCHEMAS FROM DATABASE blueshift"));
        assertEquals(List.of("blueshift|s1|t|TABLE|null|null", "blueshift|s1|v|VIEW|null|null"),
                query("show tables from schema blueshift.s1"));
        assertEquals(List.of("blueshift|s1|v|VIEW|null|null"), query("show tables from schema blueshift.s1 like 'v%'"));
        assertEquals(List.of("blueshift|s1|t|id|1|null|NO|integer|null|32|0|null",
                "blueshift|s1|t|name|2|'x'|YES|character varying|20|null|null|null",
                "blueshift|s1|t|amt|3|null|YES|numeric|null|10|2|null"), query("show columns from table blueshift.s1.t"));
        assertEquals(List.of("blueshift|s1|t|id|1|null|NO|integer|null|32|0|null"),
                query("show columns from table blueshift.s1.t limit 1"));
        sqlError("42P01", () -> query("show columns from table blueshift.s1.nosuch"));
        sqlError("3F000", () -> query("show tables from schema blueshift.nosuch"));
        sqlError("3D000", () -> query("show tables from schema other.s1"));
    }
}

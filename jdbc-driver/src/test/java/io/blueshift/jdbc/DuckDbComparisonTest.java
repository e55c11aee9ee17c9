package io.blueshift.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same data loaded through both drivers' batches and the same queries read through both
 * drivers' getters, where Blueshift and DuckDB agree on the semantics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DuckDbComparisonTest {
    private Connection blueshift;
    private Connection duckdb;

    @BeforeAll
    void load() throws Exception {
        blueshift = DriverManager.getConnection("jdbc:blueshift:mem:");
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        for (Connection c : List.of(blueshift, duckdb)) {
            try (Statement s = c.createStatement()) {
                s.execute("create table sales (id int, region varchar(10), amount numeric(10,2), qty int, sold date)");
            }
            try (PreparedStatement ps = c.prepareStatement("insert into sales values (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < 600; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, i % 7 == 0 ? null : "r" + (i % 5));
                    ps.setBigDecimal(3, BigDecimal.valueOf(i * 37L % 10_000, 2));
                    ps.setInt(4, i % 13);
                    ps.setDate(5, Date.valueOf(LocalDate.of(2024, 1, 1).plusDays(i % 60)));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    @AfterAll
    void close() throws Exception {
        blueshift.close();
        duckdb.close();
    }

    /** Rows read with getObject(LocalDate / BigDecimal / Long / String) so both drivers print alike. */
    private static List<String> rows(Connection c, String sql) throws Exception {
        return JdbcTestBase.rows(c, sql, (rs, i) -> switch (rs.getObject(i)) {
            case null -> "NULL";
            case BigDecimal d -> d.stripTrailingZeros().toPlainString();
            case Number num -> Long.toString(num.longValue());
            case java.util.Date d -> rs.getObject(i, LocalDate.class).toString(); // fqn: Date here is java.sql.Date
            case Object v -> v.toString();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "select region, count(*), sum(amount), min(qty), max(sold) from sales group by region order by region nulls first",
        "select id, amount from sales where amount > 90 and qty between 3 and 5 order by id",
        "select sold, count(distinct region) from sales group by sold order by sold limit 10",
        "select region, count(distinct qty), sum(distinct qty), sum(distinct amount), count(distinct sold), min(distinct sold)"
                + " from sales group by region order by region nulls first",
        "select count(distinct id), sum(distinct id % 13), count(distinct amount), max(distinct amount) from sales",
        "select qty, count(distinct id / 7), sum(distinct id) from sales group by qty order by qty",
        "select count(distinct qty), sum(distinct qty) from sales where id < 0",
        "select count(*), sum(qty), min(amount), max(amount) from sales where region is null",
        "select a.id, b.id from sales a join sales b on a.id = b.qty * 100 where a.id < 500 order by a.id, b.id limit 20",
    })
    void sameAnswers(String sql) throws Exception {
        assertEquals(rows(duckdb, sql), rows(blueshift, sql));
    }
}

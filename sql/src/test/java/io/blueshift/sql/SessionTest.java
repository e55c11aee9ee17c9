package io.blueshift.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.blueshift.columnar.Batch;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.sql.api.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Statements end to end through a session: DDL, INSERT and queries on the vectorized operators. */
class SessionTest extends SessionFixture {
    private List<String> rows(String sql) {
        List<String> out = new ArrayList<>();
        try (Result r = session.execute(sql)) {
            for (Batch b = r.next(); b != null; b = r.next()) {
                for (int i = 0; i < b.rowCount(); i++) {
                    StringBuilder sb = new StringBuilder();
                    for (int c = 0; c < b.columnCount(); c++) {
                        sb.append(c == 0 ? "" : "|").append(b.get(c, i));
                    }
                    out.add(sb.toString());
                }
            }
        }
        return out;
    }

    private String tag(String sql) {
        try (Result r = session.execute(sql)) {
            return r.commandTag();
        }
    }

    @Test
    void createInsertSelect() {
        assertEquals("CREATE TABLE", tag("create table t (id int primary key, name varchar(10), price decimal(10,2), d date)"));
        assertEquals("INSERT 0 3", tag("insert into t values (1, 'a', 1.50, date '2024-01-01'), (2, 'b', null, null), (3, 'c', 10, '2024-03-01')"));
        assertEquals(List.of("1|a|1.50|2024-01-01", "2|b|null|null", "3|c|10.00|2024-03-01"), rows("select * from t order by id"));
        assertEquals(List.of("3|11.50|5.7500000000000000"), rows("select count(*), sum(price), avg(price) from t"));
        assertEquals(List.of("c|20.00"), rows("select name, price * 2 from t where price > 2"));
        assertEquals(List.of("3", "1"), rows("select id from t where name like '%' and id <> 2 order by id desc"));
    }

    @Test
    void groupByJoinAndSubqueries() {
        tag("create table o (id int, cust int, amount bigint)");
        tag("create table c (id int, name text)");
        tag("insert into c values (1, 'ann'), (2, 'bob'), (3, 'cy')");
        tag("insert into o values (1, 1, 10), (2, 1, 20), (3, 2, 5), (4, null, 7)");
        assertEquals(List.of("ann|30", "bob|5"), rows("select c.name, sum(o.amount) from o join c on o.cust = c.id group by c.name order by 1"));
        assertEquals(List.of("ann|2", "bob|1", "cy|0"), rows("select c.name, count(o.id) from c left join o on o.cust = c.id group by c.name order by c.name"));
        assertEquals(List.of("cy"), rows("select name from c where not exists (select 1 from o where o.cust = c.id)"));
        assertEquals(List.of("ann", "bob"), rows("select name from c where id in (select cust from o) order by name"));
        assertEquals(List.of("1|ann|20"), rows("select c.id, c.name, (select max(amount) from o where o.cust = c.id) from c where c.id = 1"));
    }

    @Test
    void windowFunctions() {
        tag("create table s (g text, x int)");
        tag("insert into s values ('a', 1), ('a', 2), ('a', 2), ('b', 5), ('b', null)");
        assertEquals(List.of("a|1|1|1|1|1", "a|2|2|2|2|5", "a|2|3|2|2|5", "b|5|1|1|1|5", "b|null|2|2|2|5"),
                rows("select g, x, row_number() over (partition by g order by x), rank() over (partition by g order by x),"
                        + " dense_rank() over (partition by g order by x), sum(x) over (partition by g order by x) from s order by g, x nulls last"));
        assertEquals(List.of("1|null|2", "2|1|2", "2|2|5", "5|2|null"),
                rows("select x, lag(x) over (order by x), lead(x) over (order by x) from s where x is not null order by x"));
        assertEquals(List.of("1|3", "2|5", "2|9", "5|7"),
                rows("select x, sum(x) over (order by x rows between 1 preceding and 1 following) from s where x is not null order by x, 2"));
    }

    @Test
    void errorsCarrySqlState() {
        tag("create table t (a int not null, s varchar(3))");
        assertEquals("42P01", assertThrows(BlueshiftException.class, () -> rows("select * from nope")).sqlState());
        assertEquals("23502", assertThrows(BlueshiftException.class, () -> tag("insert into t values (null, 'x')")).sqlState());
        assertEquals("22001", assertThrows(BlueshiftException.class, () -> tag("insert into t values (1, 'long')")).sqlState());
        assertEquals("22012", assertThrows(BlueshiftException.class, () -> rows("select 1 / (a - a) from (values (1)) v(a)")).sqlState());
        assertEquals("42P07", assertThrows(BlueshiftException.class, () -> tag("create table t (b int)")).sqlState());
        assertEquals(List.of(), rows("select * from t"));
    }
}

package io.blueshift.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DISTSTYLE KEY spreads rows over slices by their key, and joins on the keys run slice by slice:
 * every join kind must give what the same join over undistributed copies gives.
 */
class DistributionTest {
    private static List<String> rows(Statement s, String sql) throws SQLException {
        return JdbcTestBase.rows(s.executeQuery(sql));
    }

    private static final String NUMBERS = "(select row_number() over () as g from (values (1),(2),(3),(4),(5),(6),(7),(8),(9),(10)) a, "
            + "(values (1),(2),(3),(4),(5),(6),(7),(8),(9),(10)) b, (values (1),(2),(3),(4),(5),(6),(7),(8),(9),(10)) c) x";

    private static final List<String> JOINS = List.of(
            "select count(*), sum(o.cust), sum(l.qty) from %o o join %l l on o.ok = l.ok",
            "select count(*), sum(l.qty) from %o o join %l l on o.ok = l.ok where o.cust = 3 and l.qty > 2",
            "select count(*), sum(l.qty), count(l.ok) from %o o left join %l l on o.ok = l.ok and l.qty > 3",
            "select count(*), count(o.ok) from %o o right join %l l on o.ok = l.ok and o.cust < 5",
            "select count(*), count(o.ok), count(l.ok) from %o o full join %l l on o.ok = l.ok and l.qty = 1",
            "select count(*) from %o o where exists (select 1 from %l l where l.ok = o.ok and l.qty = 1)",
            "select count(*) from %o o where not exists (select 1 from %l l where l.ok = o.ok and l.qty = 2)",
            "select o.cust, count(*), sum(l.qty) from %o o join %l l on l.ok = o.ok group by o.cust order by 1",
            "select count(*) from %o a join %o b on a.ok = b.ok",
            "select count(*), min(s.name) from %o o join %l l on o.ok = l.ok join %s s on s.k = o.tag");

    private static void load(Statement s) throws SQLException {
        s.execute("create table o (ok int, cust int, tag text) distkey(ok) sortkey(cust)");
        s.execute("create table l (ok int, qty int) diststyle key distkey(ok)");
        s.execute("create table s (k text, name text) diststyle key distkey(k)");
        s.execute("create table po (ok int, cust int, tag text)");
        s.execute("create table pl (ok int, qty int)");
        s.execute("create table ps (k text, name text)");
        for (String o : new String[] {"o", "po"}) {
            s.execute("insert into " + o + " select g, g % 10, 't' || (g % 37) from " + NUMBERS);
            s.execute("insert into " + o + " values (null, 1, 't1'), (2000, null, null)");
        }
        for (String l : new String[] {"l", "pl"}) {
            s.execute("insert into " + l + " select g, g % 7 from " + NUMBERS + " where g % 3 <> 0");
            s.execute("insert into " + l + " select g + 500, 1 from " + NUMBERS + " where g % 2 = 0");
            s.execute("insert into " + l + " values (null, 5)");
        }
        for (String t : new String[] {"s", "ps"}) {
            s.execute("insert into " + t + " select 't' || g, 'n' || g from " + NUMBERS + " where g < 40");
        }
    }

    private static void compare(Statement s, String when) throws SQLException {
        for (String j : JOINS) {
            String sliced = j.replace("%o", "o").replace("%l", "l").replace("%s", "s");
            String plain = j.replace("%o", "po").replace("%l", "pl").replace("%s", "ps");
            assertEquals(rows(s, plain), rows(s, sliced), when + ": " + sliced);
        }
    }

    @Test
    void joinsOnTheDistributionKeyRunSliceBySliceAndAgreeWithPlainJoins(@TempDir Path dir) throws Exception {
        String url = "jdbc:blueshift:" + dir;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            load(s);
            compare(s, "after inserts");
            String plan = String.join("\n", rows(s, "explain select count(*) from o join l on o.ok = l.ok"));
            assertTrue(plan.contains("Gather workers=8") && plan.contains("slice: 7"), plan);
            String plain = String.join("\n", rows(s, "explain select count(*) from po join pl on po.ok = pl.ok"));
            assertTrue(!plain.contains("slice: "), plain);
            s.execute("update l set qty = qty + 1 where ok % 5 = 0");
            s.execute("update pl set qty = qty + 1 where ok % 5 = 0");
            s.execute("delete from o where ok % 11 = 0");
            s.execute("delete from po where ok % 11 = 0");
            compare(s, "after updates");
            s.execute("vacuum");
            compare(s, "after vacuum");
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            compare(s, "after reopening");
            assertTrue(String.join("\n", rows(s, "explain select count(*) from o join l on o.ok = l.ok")).contains("slice: 7"),
                    "slices kept on disk");
            c.setAutoCommit(false);
            s.execute("insert into l select ok, 9 from l where qty = 1");
            s.execute("insert into pl select ok, 9 from pl where qty = 1");
            compare(s, "inside a transaction");
            c.commit();
            compare(s, "after commit");
            s.execute("create table copy distkey(ok) as select * from l");
            s.execute("alter table pl alter distkey ok");
            assertEquals(rows(s, "select count(*), sum(qty) from po join l on po.ok = l.ok"),
                    rows(s, "select count(*), sum(qty) from o join copy on o.ok = copy.ok"));
            // this transaction's snapshot still holds pl as it was: its join must not go slice by slice
            assertTrue(!String.join("\n", rows(s, "explain select count(*) from o join pl on o.ok = pl.ok")).contains("slice: 0"));
            assertEquals(rows(s, "select count(*), sum(qty) from po join l on po.ok = l.ok"),
                    rows(s, "select count(*), sum(qty) from o join pl on o.ok = pl.ok"));
            c.commit();
            // a new snapshot has pl distributed by ok: a join with o runs slice by slice and still agrees
            assertTrue(String.join("\n", rows(s, "explain select count(*) from o join pl on o.ok = pl.ok")).contains("slice: 0"));
            assertEquals(rows(s, "select count(*), sum(qty) from po join l on po.ok = l.ok"),
                    rows(s, "select count(*), sum(qty) from o join pl on o.ok = pl.ok"));
            c.commit();
        }
    }
}

package io.blueshift.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BEGIN / COMMIT / ROLLBACK under snapshot isolation, with first-committer-wins conflicts (40001). */
class TransactionTest {
    private static List<String> rows(Statement s, String sql) throws SQLException {
        return JdbcTestBase.rows(s.executeQuery(sql));
    }

    private static Connection open(String url, boolean autoCommit) throws SQLException {
        Connection c = DriverManager.getConnection(url);
        c.setAutoCommit(autoCommit);
        return c;
    }

    @Test
    void readersSeeTheirSnapshotAndTheirOwnWrites() throws Exception {
        String url = "jdbc:blueshift:mem:tx-snapshot";
        try (Connection setup = open(url, true); Statement s0 = setup.createStatement()) {
            s0.execute("create table acct (id int primary key, balance int)");
            s0.execute("insert into acct values (1, 100), (2, 100), (3, 100)");
            try (Connection a = open(url, false); Connection b = open(url, true);
                 Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
                assertEquals(List.of("300"), rows(sa, "select sum(balance) from acct"));
                sb.execute("insert into acct values (4, 100)");
                sb.execute("update acct set balance = 0 where id = 3");
                // A's snapshot does not move; its own changes show at once
                assertEquals(List.of("3|300"), rows(sa, "select count(*), sum(balance) from acct"));
                sa.execute("update acct set balance = balance - 50 where id = 1");
                sa.execute("insert into acct values (5, 50)");
                assertEquals(List.of("4|300"), rows(sa, "select count(*), sum(balance) from acct"));
                assertEquals(List.of("4|300"), rows(sb, "select count(*), sum(balance) from acct"));
                a.commit();
                assertEquals(List.of("5|300"), rows(sa, "select count(*), sum(balance) from acct"));
                assertEquals(List.of("1|50", "2|100", "3|0", "4|100", "5|50"), rows(sb, "select * from acct order by id"));
                // ROLLBACK leaves nothing behind
                sa.execute("delete from acct");
                sa.execute("insert into acct values (9, 9)");
                assertEquals(List.of("1"), rows(sa, "select count(*) from acct"));
                a.rollback();
                assertEquals(List.of("5"), rows(sb, "select count(*) from acct"));
            }
        }
    }

    @Test
    void theLaterOfTwoWritersOfOneRowFailsWith40001AndOthersCommit() throws Exception {
        String url = "jdbc:blueshift:mem:tx-conflict";
        try (Connection setup = open(url, true); Statement s0 = setup.createStatement()) {
            s0.execute("create table acct (id int, balance int)");
            s0.execute("insert into acct values (1, 100), (2, 100)");
            try (Connection a = open(url, false); Connection b = open(url, false);
                 Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
                sa.execute("update acct set balance = balance + 1 where id = 1");
                sb.execute("update acct set balance = balance + 10 where id = 1");
                a.commit();
                JdbcTestBase.sqlError("40001", b::commit);
                assertEquals(List.of("1|101", "2|100"), rows(s0, "select * from acct order by id"));
                // different rows of the same table: both commit
                sa.execute("update acct set balance = balance + 1 where id = 1");
                sb.execute("update acct set balance = balance + 10 where id = 2");
                sb.execute("insert into acct values (3, 0)");
                b.commit();
                a.commit();
                assertEquals(List.of("1|102", "2|110", "3|0"), rows(s0, "select * from acct order by id"));
                // a delete against an update of the same row
                sa.execute("delete from acct where id = 3");
                s0.execute("update acct set balance = 5 where id = 3");
                JdbcTestBase.sqlError("40001", a::commit);
                assertEquals(List.of("3|5"), rows(s0, "select * from acct where id = 3"));
            }
        }
    }

    @Test
    void mergeInsideTransactionsConflictsLikeUpdates() throws Exception {
        String url = "jdbc:blueshift:mem:tx-merge";
        try (Connection a = open(url, false); Connection b = open(url, true);
             Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            sb.execute("create table t (k int primary key, v int)");
            sb.execute("insert into t values (1, 1), (2, 2)");
            a.commit();
            sa.execute("merge into t using (select 2 as k, 20 as v union all select 3, 30) s on t.k = s.k "
                    + "when matched then update set v = s.v when not matched then insert values (s.k, s.v)");
            assertEquals(List.of("1|1", "2|20", "3|30"), rows(sa, "select * from t order by k"));
            assertEquals(List.of("1|1", "2|2"), rows(sb, "select * from t order by k"));
            sb.execute("merge into t using (select 2 as k) s on t.k = s.k when matched then delete");
            JdbcTestBase.sqlError("40001", a::commit);
            assertEquals(List.of("1|1"), rows(sb, "select * from t order by k"));
        }
    }

    @Test
    void rowWritersAndTableRewritersNeverDeadlock(@TempDir Path dir) throws Exception {
        String url = "jdbc:blueshift:" + dir;
        try (Connection setup = open(url, true); Statement s0 = setup.createStatement()) {
            s0.execute("create table t (k int, v int)");
            s0.execute("insert into t values (1, 0), (2, 0), (3, 0)");
            ExecutorService pool = Executors.newFixedThreadPool(3);
            List<Future<?>> done = new ArrayList<>();
            done.add(pool.submit(() -> {
                try (Connection c = open(url, true); Statement s = c.createStatement()) {
                    for (int i = 0; i < 40; i++) {
                        s.execute("update t set v = v + 1 where k = 1");
                        s.execute("delete from t where k = 9");
                    }
                }
                return null;
            }));
            done.add(pool.submit(() -> {
                try (Connection c = open(url, true); Statement s = c.createStatement()) {
                    for (int i = 0; i < 15; i++) {
                        s.execute("vacuum t");
                        s.execute("alter table t alter diststyle even");
                    }
                }
                return null;
            }));
            done.add(pool.submit(() -> {
                try (Connection c = open(url, false); Statement s = c.createStatement()) {
                    for (int i = 0; i < 40; i++) {
                        s.execute("update t set v = v + 1 where k = 2");
                        try {
                            c.commit();
                        } catch (SQLException e) {
                            assertEquals("40001", e.getSQLState(), e.getMessage());
                            c.rollback();
                        }
                    }
                }
                return null;
            }));
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertEquals(List.of("1|40"), rows(s0, "select k, v from t where k = 1"));
            assertEquals(List.of("3"), rows(s0, "select count(*) from t"));
        }
    }

    @Test
    void anErrorAbortsTheBlockUntilItEnds() throws Exception {
        try (Connection a = open("jdbc:blueshift:mem:", true); Statement s = a.createStatement()) {
            s.execute("create table t (a int)");
            s.execute("begin");
            s.execute("insert into t values (1)");
            JdbcTestBase.sqlError("42703", () -> s.execute("select nosuch from t"));
            JdbcTestBase.sqlError("25P02", () -> s.execute("select 1"));
            s.execute("commit");
            assertEquals(List.of("0"), rows(s, "select count(*) from t"));
            s.execute("begin");
            JdbcTestBase.sqlError("25001", () -> s.execute("vacuum t"));
            s.execute("rollback");
            s.execute("begin");
            s.execute("insert into t values (2)");
            s.execute("end");
            assertEquals(List.of("1"), rows(s, "select count(*) from t"));
        }
    }

    @Test
    void truncateInsideABlockCommitsAndRollsBackWithIt() throws Exception {
        try (Connection a = open("jdbc:blueshift:mem:", true); Statement s = a.createStatement()) {
            s.execute("create table t (a int)");
            s.execute("insert into t values (1), (2)");
            s.execute("begin");
            s.execute("truncate t");
            s.execute("insert into t values (3)");
            assertEquals(List.of("3"), rows(s, "select a from t"));
            s.execute("rollback");
            assertEquals(List.of("1", "2"), rows(s, "select a from t order by a"));
            s.execute("begin");
            s.execute("insert into t values (4)");
            s.execute("truncate table t");
            s.execute("commit");
            assertEquals(List.of("0"), rows(s, "select count(*) from t"));
        }
    }

    @Test
    void aSnapshotOutlivesATruncateOfItsTable() throws Exception {
        String url = "jdbc:blueshift:mem:tx-truncate";
        try (Connection a = open(url, false); Connection b = open(url, true);
             Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            sb.execute("create table t (a int, s text)");
            sb.execute("insert into t values (1, 'one'), (2, 'two')");
            a.commit();
            assertEquals(List.of("1|one", "2|two"), rows(sa, "select * from t order by a"));
            sb.execute("truncate t");
            sb.execute("insert into t values (3, 'three')");
            sb.execute("vacuum t");
            assertEquals(List.of("1|one", "2|two"), rows(sa, "select * from t order by a"));
            sa.execute("update t set s = 'uno' where a = 1");
            JdbcTestBase.sqlError("40001", a::commit);
            assertEquals(List.of("3|three"), rows(sa, "select * from t order by a"));
            // an ALTER TABLE that copies the table under an open transaction's insert (DDL is not
            // transactional yet: it takes effect at once): the transaction fails at COMMIT
            // rather than losing its rows silently
            sa.execute("insert into t values (4, 'four')");
            sb.execute("alter table t add column extra int");
            JdbcTestBase.sqlError("40001", a::commit);
            assertEquals(List.of("3|three|null"), rows(sb, "select * from t order by a"));
        }
    }

    @Test
    void concurrentWritersOfDifferentRowsAllCommitAtomicallyAndDurably(@TempDir Path dir) throws Exception {
        String url = "jdbc:blueshift:" + dir;
        int writers = 4;
        int rounds = 25;
        try (Connection setup = open(url, true); Statement s0 = setup.createStatement()) {
            s0.execute("create table counters (w int, n int)");
            s0.execute("create table log (w int, round int)");
            for (int w = 0; w < writers; w++) {
                s0.execute("insert into counters values (" + w + ", 0)");
            }
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<Integer>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int me = w;
                done.add(pool.submit(() -> {
                    int conflicts = 0;
                    try (Connection c = open(url, false); Statement s = c.createStatement()) {
                        for (int r = 0; r < rounds; r++) {
                            s.execute("update counters set n = n + 1 where w = " + me);
                            s.execute("insert into log values (" + me + ", " + r + ")");
                            try {
                                c.commit();
                            } catch (SQLException e) {
                                assertEquals("40001", e.getSQLState(), e.getMessage());
                                conflicts++;
                                r--;
                            }
                        }
                    }
                    return conflicts;
                }));
            }
            for (Future<Integer> f : done) {
                assertEquals(0, f.get(), "writers of different rows never conflict");
            }
            pool.shutdown();
        }
        try (Connection c = open(url, true); Statement s = c.createStatement()) {
            assertEquals(List.of(writers + "|" + writers * rounds), rows(s, "select count(*), sum(n) from counters"));
            assertEquals(List.of(String.valueOf(writers * rounds)), rows(s, "select count(*) from log"));
            assertEquals(List.of("0"), rows(s, "select count(*) from counters c where n <> (select count(*) from log l where l.w = c.w)"));
        }
    }
}

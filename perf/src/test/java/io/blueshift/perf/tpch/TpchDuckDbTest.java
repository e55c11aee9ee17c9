package io.blueshift.perf.tpch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TPC-H at SF 0.1 on DuckDB: the generated data, the native loader, the query runner and the
 * comparator together must reproduce the answer files for the 17 queries where they apply. Another
 * engine is checked against this DuckDB with {@link #assertAgreesWithDuckDb}, for example:
 * <pre>{@code
 * try (Connection engine = DriverManager.getConnection("jdbc:blueshift:...")) {
 *     TpchLoader.forUrl("jdbc:blueshift:...").load(engine, schema, data);
 *     assertAgreesWithDuckDb(engine);
 * }
 * }</pre>
 */
class TpchDuckDbTest {
    static final double SF = 0.1;
    static TpchFiles files;
    static TpchSchema schema;
    static TpchData data;
    static Connection duckdb;

    @BeforeAll
    static void loadDuckDb() throws IOException, SQLException {
        files = TpchFiles.locate();
        schema = TpchSchema.read(files.schema());
        data = TpchData.generate(files.work(SF).resolve("data"), SF);
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        long rows = TpchLoader.forUrl("jdbc:duckdb:").load(duckdb, schema, data);
        assertEquals(866_602, rows, "rows of the eight tables at SF 0.1");
    }

    @AfterAll
    static void close() throws SQLException {
        duckdb.close();
    }

    @Test
    void duckDbReproducesTheAnswerFiles() throws IOException, SQLException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (int q = 1; q <= TpchQueries.COUNT; q++) {
            QueryResult result = TpchQueries.run(duckdb, TpchQueries.read(files, q)).result();
            assertTrue(!result.rows().isEmpty(), TpchQueries.name(q) + " returns rows");
            Optional<ResultComparator.Comparison> c = TpchCheck.againstAnswer(files, SF, q, result);
            if (c.isPresent()) {
                checked++;
                if (!c.get().matches()) {
                    problems.add(c.get().message());
                }
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(17, checked, "queries with an applicable answer file");
    }

    @Test
    void aChangedValueFailsAgainstTheReferenceAndTheAnswer() throws IOException, SQLException {
        QueryResult right = TpchQueries.run(duckdb, TpchQueries.read(files, 6)).result();
        BigDecimal revenue = (BigDecimal) right.rows().getFirst().getFirst();
        QueryResult wrong = new QueryResult(right.columns(),
                List.of(List.of(revenue.add(new BigDecimal("0.01")))));
        TpchCheck.Verdict verdict = TpchCheck.verify(files, SF, 6, wrong, right);
        assertFalse(verdict.ok());
        assertTrue(verdict.detail().contains("vs reference engine: q06 row 1 column 1 (revenue)"), verdict.detail());
        assertTrue(verdict.detail().contains("vs answer file: q06 row 1 column 1 (revenue)"), verdict.detail());
        assertTrue(TpchCheck.verify(files, SF, 6, right, right).ok());
    }

    /**
     * Blueshift, loaded through its JDBC driver with batched INSERTs, gives DuckDB's results for
     * all 22 queries at SF 0.1 (and the answer files' where they apply).
     */
    @Test
    void blueshiftAgreesWithDuckDb() throws IOException, SQLException {
        String url = "jdbc:blueshift:mem:tpch-test";
        try (Connection blueshift = DriverManager.getConnection(url)) {
            assertEquals(866_602, TpchLoader.forUrl(url).load(blueshift, schema, data));
            assertAgreesWithDuckDb(blueshift);
        }
    }

    /**
     * Blueshift on a database directory reopened with a buffer pool of 2 MB, where SF 0.1's columns
     * take about 100 MB once read: queries keep reading columns back from their segment files as
     * the pool evicts them, and all 22 results still equal DuckDB's. A budget that is not a size
     * is refused with 22023.
     */
    @Test
    void blueshiftAgreesWithDuckDbThroughATinyBufferPool(@TempDir Path dir) throws IOException, SQLException {
        String url = "jdbc:blueshift:" + dir.resolve("db");
        try (Connection loading = DriverManager.getConnection(url)) {
            assertEquals(866_602, TpchLoader.forUrl(url).load(loading, schema, data));
        }
        SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(url + "?buffer_pool_size=lots"));
        assertEquals("22023", refused.getSQLState(), refused.getMessage());
        try (Connection blueshift = DriverManager.getConnection(url + "?buffer_pool_size=2MB");
             Statement st = blueshift.createStatement()) {
            assertAgreesWithDuckDb(blueshift);
            try (ResultSet rs = st.executeQuery("select max(r_name) from region")) {
                assertTrue(rs.next());
            }
            try (ResultSet rs = st.executeQuery("select budget_bytes, used_bytes, held_bytes, misses, evictions from svv_buffer_pool")) {
                assertTrue(rs.next());
                long budget = rs.getLong(1);
                assertEquals(2L << 20, budget);
                // the last read evicted down to the budget, but for region's one column, pinned while it was read
                assertTrue(rs.getLong(2) <= budget + (64 << 10), "kept " + rs.getLong(2) + " bytes");
                assertEquals(0, rs.getLong(3), "no column held for good");
                assertTrue(rs.getLong(5) > 1000, "columns evicted: " + rs.getLong(5));
                assertTrue(rs.getLong(4) > rs.getLong(5), "every column evicted was read first");
            }
        }
    }

    /**
     * All 22 queries under a 32 MB query memory limit (SF 0.1's lineitem alone is 600,000 rows; a
     * worker's pipeline holds two 64 K-row chunks of the columns it reads): their sorts, GROUP BYs
     * and hash joins (shared by the workers or not) spill past their shares, and the results still
     * equal DuckDB's; EXPLAIN ANALYZE of Q18 (lineitem grouped by order, joined with orders and
     * customer) shows the spills, and no spill file is left.
     */
    @Test
    void blueshiftAgreesWithDuckDbSpillingUnderATinyMemoryLimit(@TempDir Path dir) throws IOException, SQLException {
        String url = "jdbc:blueshift:" + dir.resolve("db");
        try (Connection blueshift = DriverManager.getConnection(url); Statement st = blueshift.createStatement()) {
            TpchLoader.forUrl(url).load(blueshift, schema, data);
            st.execute("set query_memory_limit = '32MB'");
            assertAgreesWithDuckDb(blueshift);
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = st.executeQuery("explain analyze " + Files.readString(files.query(18)).strip().replaceAll(";$", ""))) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            assertTrue(plan.toString().contains("spilled: "), plan.toString());
            try (Stream<Path> left = Files.list(dir.resolve("db").resolve("spill"))) {
                assertEquals(List.of(), left.toList());
            }
        }
    }

    /** Asserts that all 22 queries give DuckDB's results (and the answers) on an engine loaded with {@link #data}. */
    static void assertAgreesWithDuckDb(Connection engine) throws IOException {
        assertAgrees(engine, duckdb, SF);
    }

    static void assertAgrees(Connection engine, Connection reference, double scaleFactor) throws IOException {
        List<String> problems = new ArrayList<>();
        for (TpchCheck.Verdict v : TpchCheck.compareEngines(files, scaleFactor, engine, reference)) {
            if (!v.ok()) {
                problems.add(v.detail());
            }
        }
        assertEquals(List.of(), problems);
    }

    /**
     * The generic loader (batched INSERTs, the path other engines take) fills the tables exactly as
     * DuckDB's own reader does. DuckDB executes a batch row by row (about a thousand rows a second),
     * so this runs at SF 0.001 (8,700 rows) in one transaction.
     */
    @Test
    void batchInsertLoaderGivesTheSameTables() throws IOException, SQLException {
        double sf = 0.001;
        TpchData tiny = TpchData.generate(files.work(sf).resolve("data"), sf);
        try (Connection copied = DriverManager.getConnection("jdbc:duckdb:");
             Connection inserted = DriverManager.getConnection("jdbc:duckdb:")) {
            long rows = TpchLoader.forUrl("jdbc:duckdb:").load(copied, schema, tiny);
            inserted.setAutoCommit(false);
            assertEquals(rows, TpchLoader.forUrl("jdbc:other:").load(inserted, schema, tiny));
            inserted.commit();
            for (TpchSchema.Table table : schema.tables()) {
                TpchQueries.Query all = new TpchQueries.Query(0, "SELECT * FROM " + table.name());
                ResultComparator.Comparison c = ResultComparator.compare(table.name(),
                        TpchQueries.run(copied, all).result(), TpchQueries.run(inserted, all).result());
                assertTrue(c.matches(), c.message());
            }
            assertAgrees(inserted, copied, sf);
        }
    }
}

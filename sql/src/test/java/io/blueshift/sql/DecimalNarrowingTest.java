package io.blueshift.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Sums and averages of decimal products that SQL types as 128-bit values but that the columns'
 * zone maps prove fit 18 digits are computed in 64 bits (physical.DecimalNarrowing): the results
 * are exact and carry the query's own types, equal to the sums computed here with BigDecimal,
 * for negative values, NULLs, over a join, in a CASE, and after rows are added whose products no longer fit,
 * which the next run of the same (cached) query sees in the zone maps of the version it reads,
 * inside a transaction as after it.
 */
class DecimalNarrowingTest extends SessionFixture {
    private record Row(BigDecimal price, BigDecimal discount, BigDecimal tax, int group) {
    }

    private final List<Row> rows = new ArrayList<>();

    private void insert(List<Row> batch) {
        StringBuilder sql = new StringBuilder("INSERT INTO items VALUES ");
        for (int i = 0; i < batch.size(); i++) {
            Row r = batch.get(i);
            sql.append(i == 0 ? "" : ", ").append('(').append(r.price == null ? "NULL" : r.price.toPlainString())
                    .append(", ").append(r.discount.toPlainString()).append(", ").append(r.tax.toPlainString())
                    .append(", ").append(r.group).append(')');
        }
        resultRows(sql.toString());
        rows.addAll(batch);
    }

    private static final String QUERY = "SELECT g, sum(price * (1 - discount) * (1 + tax)), sum(price * (1 - discount)),"
            + " avg(price * discount), sum(CASE WHEN tax > 0.04 THEN price * (1 - discount) ELSE 0 END)"
            + " FROM items JOIN groups ON g = id GROUP BY g ORDER BY g";

    /** The query's rows as computed here: g, the two sums and the average (rounded half up to the AVG's scale). */
    private List<List<Object>> expected(int avgScale) {
        List<List<Object>> out = new ArrayList<>();
        for (int g = 0; g < 3; g++) {
            BigDecimal full = BigDecimal.ZERO;
            BigDecimal net = BigDecimal.ZERO;
            BigDecimal discounted = BigDecimal.ZERO;
            BigDecimal taxed = BigDecimal.ZERO.setScale(4);
            long n = 0;
            for (Row r : rows) {
                if (r.group == g && r.price != null) {
                    BigDecimal p = r.price.multiply(BigDecimal.ONE.subtract(r.discount));
                    net = net.add(p);
                    full = full.add(p.multiply(BigDecimal.ONE.add(r.tax)));
                    discounted = discounted.add(r.price.multiply(r.discount));
                    if (r.tax.compareTo(new BigDecimal("0.04")) > 0) {
                        taxed = taxed.add(p);
                    }
                    n++;
                }
            }
            out.add(List.of((long) g, full, net, discounted.divide(BigDecimal.valueOf(n), avgScale, RoundingMode.HALF_UP),
                    taxed));
        }
        return out;
    }

    /** The query's rows with numbers as BigDecimal and the group as a long, comparable with {@link #expected}. */
    private List<List<Object>> actual() {
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> row : resultRows(QUERY)) {
            out.add(List.of(((Number) row.get(0)).longValue(), row.get(1), row.get(2), row.get(3), row.get(4)));
        }
        return out;
    }

    private static List<Row> random(Random random, int n, long maxCents) {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BigDecimal price = random.nextInt(50) == 0 ? null
                    : BigDecimal.valueOf(random.nextLong(-maxCents, maxCents), 2);
            out.add(new Row(price, BigDecimal.valueOf(random.nextInt(11), 2), BigDecimal.valueOf(random.nextInt(9), 2),
                    random.nextInt(3)));
        }
        return out;
    }

    /**
     * A difference whose bounds fit 18 digits though an operand, brought to the result's scale,
     * does not: 10^16 - 9.9 * 10^15 at scale 2 is 10^16 units, its left operand 10^18.
     */
    @Test
    void aDifferenceOfOperandsTooLargeAtItsScaleIsExact() {
        resultRows("CREATE TABLE wide (big DECIMAL(18,0), small DECIMAL(18,2), g INTEGER)");
        resultRows("INSERT INTO wide VALUES (10000000000000000, 9900000000000000.00, 1),"
                + " (10000000000000000, 9900000000000000.00, 1), (NULL, 1.00, 1)");
        assertEquals(List.of(List.of(new BigDecimal("200000000000000.00"))),
                resultRows("SELECT sum(big - small) FROM wide GROUP BY g"));
    }

    @Test
    void sumsOfProductsThatFitAreExactAndSeeRowsThatNoLongerFit() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        resultRows("CREATE TABLE items (price DECIMAL(15,2), discount DECIMAL(15,2), tax DECIMAL(15,2), g INTEGER)");
        resultRows("CREATE TABLE groups (id INTEGER)");
        resultRows("INSERT INTO groups VALUES (0), (1), (2)");
        insert(random(random, 3000, 10_000_000L));
        int avgScale = ((BigDecimal) resultRows(QUERY).get(0).get(3)).scale();
        assertEquals(expected(avgScale), actual(), "seed=" + seed + ": products of at most 11 digits");
        // prices of 13 digits: each product still fits 18 digits at scale 6, but not their sums
        insert(random(random, 2000, 999_999_999_999_99L / 100));
        assertEquals(expected(avgScale), actual(), "seed=" + seed + ": products near 18 digits");
        // within a transaction, a price whose products need more than 18 digits, then after it
        resultRows("BEGIN");
        insert(List.of(new Row(new BigDecimal("-9999999999999.99"), new BigDecimal("-0.99"), new BigDecimal("0.99"), 1)));
        assertEquals(expected(avgScale), actual(), "seed=" + seed + ": a product of 19 digits in this transaction");
        resultRows("COMMIT");
        assertEquals(expected(avgScale), actual(), "seed=" + seed + ": a product of 19 digits");
    }
}

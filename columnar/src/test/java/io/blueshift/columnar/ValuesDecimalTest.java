package io.blueshift.columnar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blueshift.columnar.vector.Vectors;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;

/**
 * Decimals of a 128-bit column written and read through {@link Values}: values whose unscaled
 * digits fit a long (both signs, zero, the widest) take the long path, wider ones Arrow's byte
 * arrays, and every one reads back as written and as Arrow itself reads it.
 */
class ValuesDecimalTest extends QueryMemoryFixture {
    @Test
    void wideDecimalsRoundTripOnBothPaths() {
        SqlType type = SqlType.decimal(38, 6);
        List<BigDecimal> values = new ArrayList<>();
        for (String v : new String[] {"0", "1.5", "-1.5", "-0.000001", "999999999999.999999", "-999999999999.999999",
                "1000000000000.000000", "-1000000000000.000001", "12345678901234567890123456789012.345678",
                "-99999999999999999999999999999999.999999", "9223372036854.775807", "-9223372036854.775808"}) {
            values.add(new BigDecimal(v).setScale(6));
        }
        try (FieldVector v = Vectors.allocate(memory, type, values.size() + 1)) {
            for (int i = 0; i < values.size(); i++) {
                Values.set(v, type, i, values.get(i));
            }
            Values.set(v, type, values.size(), null);
            v.setValueCount(values.size() + 1);
            for (int i = 0; i < values.size(); i++) {
                assertEquals(values.get(i), Values.get(v, type, i), "row " + i);
                assertEquals(values.get(i), ((DecimalVector) v).getObject(i), "Arrow's reading of row " + i);
            }
            assertEquals(null, Values.get(v, type, values.size()));
        }
    }
}

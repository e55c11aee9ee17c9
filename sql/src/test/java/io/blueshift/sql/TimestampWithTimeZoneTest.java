package io.blueshift.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blueshift.columnar.SqlType;
import io.blueshift.sql.api.Result;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** CAST(... AS timestamp with time zone) is a timestamptz result, as the column type is. */
class TimestampWithTimeZoneTest {
    @Test
    void castToTimestampWithTimeZone() {
        try (Database db = Database.open("mem:"); Session session = db.newSession();
             Result r = session.execute("select cast('2024-02-29 13:45:06+02' as timestamp with time zone)")) {
            assertEquals(SqlType.TIMESTAMPTZ, r.columns().get(0).type());
            assertEquals(OffsetDateTime.parse("2024-02-29T11:45:06Z"), r.next().get(0, 0));
        }
    }
}

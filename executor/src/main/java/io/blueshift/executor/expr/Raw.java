package io.blueshift.executor.expr;

import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.Values;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The physical 64-bit representation of a Java value of a fixed-width SQL type, as stored in vectors. */
final class Raw {
    private Raw() {
    }

    static long longBits(Object k, SqlType type) {
        return switch (type.kind()) {
            case DATE -> ((LocalDate) k).toEpochDay();
            case TIME -> ((LocalTime) k).toNanoOfDay() / 1000;
            case TIMESTAMP -> ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), (LocalDateTime) k);
            case TIMESTAMPTZ -> ChronoUnit.MICROS.between(Instant.EPOCH, ((OffsetDateTime) k).withOffsetSameInstant(ZoneOffset.UTC).toInstant());
            case DECIMAL -> Values.toDecimal(k, type).unscaledValue().longValueExact();
            default -> ((Number) k).longValue();
        };
    }
}

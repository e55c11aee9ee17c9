package io.blueshift.columnar;

import java.util.Locale;

/**
 * A Postgres interval: months, days and microseconds kept apart, because a month has no fixed
 * number of days and a day no fixed number of seconds across daylight-saving changes.
 */
public record Interval(int months, int days, long micros) {
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        int years = months / 12;
        int mons = months % 12;
        if (years != 0) {
            sb.append(years).append(years == 1 ? " year " : " years ");
        }
        if (mons != 0) {
            sb.append(mons).append(mons == 1 ? " mon " : " mons ");
        }
        if (days != 0) {
            sb.append(days).append(days == 1 ? " day " : " days ");
        }
        if (micros != 0 || sb.isEmpty()) {
            long abs = Math.abs(micros);
            long seconds = abs / 1_000_000;
            long fraction = abs % 1_000_000;
            sb.append(micros < 0 ? "-" : "");
            sb.append(String.format(Locale.ROOT, "%02d:%02d:%02d",
                    seconds / 3600, seconds / 60 % 60, seconds % 60));
            if (fraction != 0) {
                String digits = String.format(Locale.ROOT, "%06d", fraction);
                sb.append('.').append(digits.replaceAll("0+$", ""));
            }
        }
        return sb.toString().trim();
    }
}

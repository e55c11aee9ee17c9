package io.blueshift.perf.tpch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The runner's results as an SVG chart: per query a pair of bars (Blueshift, DuckDB) for each
 * thread count, on a logarithmic time axis (queries differ by two orders of magnitude), each pair
 * labelled with the engine/DuckDB ratio. Plain SVG, readable in any browser.
 */
final class ResultChart {
    /** One query at one thread count (0: each engine's default): the medians in milliseconds. */
    record Bar(String query, int threads, double engineMs, double duckDbMs) {
    }

    private static final int ROW = 16;
    private static final int LEFT = 90;
    private static final int WIDTH = 760;
    private static final String ENGINE = "#c0392b";
    private static final String DUCKDB = "#2c7fb8";

    private ResultChart() {
    }

    static String svg(String title, List<Bar> bars) {
        Map<Integer, List<Bar>> byThreads = new LinkedHashMap<>();
        double max = 1;
        double min = Double.MAX_VALUE;
        for (Bar b : bars) {
            byThreads.computeIfAbsent(b.threads(), t -> new ArrayList<>()).add(b);
            max = Math.max(max, Math.max(b.engineMs(), b.duckDbMs()));
            min = Math.min(min, Math.min(b.engineMs(), b.duckDbMs()));
        }
        double lo = Math.pow(10, Math.floor(Math.log10(Math.max(0.1, min == Double.MAX_VALUE ? 1 : min))));
        double hi = Math.pow(10, Math.ceil(Math.log10(max)));
        int height = 60;
        for (List<Bar> group : byThreads.values()) {
            height += 30 + group.size() * (2 * ROW + 6);
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">%n", LEFT + WIDTH + 80, height));
        out.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"20\" font-size=\"14\">%s: median ms per query, log scale "
                + "(<tspan fill=\"%s\">Blueshift</tspan>, <tspan fill=\"%s\">DuckDB</tspan>)</text>%n", escape(title), ENGINE, DUCKDB));
        int y = 40;
        for (double tick = lo; tick <= hi; tick *= 10) {
            double x = LEFT + scale(tick, lo, hi);
            out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" fill=\"#666\">%s ms</text>%n", x, y, x, height - 10, x + 2, y - 2, number(tick)));
        }
        for (Map.Entry<Integer, List<Bar>> e : byThreads.entrySet()) {
            y += 22;
            out.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" font-weight=\"bold\">%s</text>%n", y,
                    e.getKey() == 0 ? "default threads" : e.getKey() + (e.getKey() == 1 ? " thread" : " threads")));
            y += 8;
            for (Bar b : e.getValue()) {
                out.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\">%s</text>%n", y + ROW, b.query()));
                out.append(bar(y, b.engineMs(), lo, hi, ENGINE));
                out.append(bar(y + ROW, b.duckDbMs(), lo, hi, DUCKDB));
                out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%.2fx</text>%n",
                        LEFT + scale(Math.max(b.engineMs(), b.duckDbMs()), lo, hi) + 6, y + ROW + 4, b.engineMs() / b.duckDbMs()));
                y += 2 * ROW + 6;
            }
        }
        return out.append("</svg>\n").toString();
    }

    private static String bar(int y, double ms, double lo, double hi, String color) {
        return String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%.1f ms</title></rect>%n",
                LEFT, y + 1, Math.max(1, scale(ms, lo, hi)), ROW - 2, color, ms);
    }

    private static double scale(double ms, double lo, double hi) {
        return WIDTH * (Math.log10(Math.max(ms, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
    }

    private static String number(double v) {
        return v >= 1 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

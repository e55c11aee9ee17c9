package io.blueshift.storage.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A table's Redshift physical design: how its rows spread over slices ({@code distStyle} AUTO,
 * EVEN, KEY or ALL, with {@code distKey} for KEY) and the order they are kept in ({@code
 * sortStyle} COMPOUND, INTERLEAVED, AUTO or NONE over {@code sortKey}). Column encodings live on
 * the columns ({@link ColumnDef#encoding()}).
 */
public record PhysicalDesign(String distStyle, String distKey, String sortStyle, List<String> sortKey) {
    public static final PhysicalDesign DEFAULT = new PhysicalDesign("AUTO", null, "AUTO", List.of());

    public PhysicalDesign {
        Objects.requireNonNull(distStyle, "distStyle");
        Objects.requireNonNull(sortStyle, "sortStyle");
        sortKey = List.copyOf(sortKey);
    }

    public PhysicalDesign withDistribution(String style, String key) {
        return new PhysicalDesign(style.toUpperCase(Locale.ROOT), key, sortStyle, sortKey);
    }

    public PhysicalDesign withSort(String style, List<String> key) {
        return new PhysicalDesign(distStyle, distKey, style.toUpperCase(Locale.ROOT), key);
    }

    /** The design after a column is renamed. */
    public PhysicalDesign renamed(String from, String to) {
        return new PhysicalDesign(distStyle, from.equals(distKey) ? to : distKey, sortStyle,
                sortKey.stream().map(c -> c.equals(from) ? to : c).toList());
    }
}

package io.blueshift.sql.physical;

import io.blueshift.columnar.PhysicalType;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.TypeKind;
import io.blueshift.columnar.Batch;
import io.blueshift.columnar.ZoneMap;
import io.blueshift.executor.op.ScanOp;
import io.blueshift.storage.table.MemTable;
import io.blueshift.storage.catalog.TableDef;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.Sarg;
import org.apache.calcite.util.TimestampString;

/**
 * The ranges a scan's zone maps can check: from each conjunct of a filter that compares an
 * integer-like column (integers, dates, timestamps, decimals up to 18 digits) with a constant,
 * the bounds it puts on the column's stored form. Other conjuncts give nothing; the filter still
 * evaluates every conjunct on the rows of the chunks that are read.
 */
public final class ZoneRanges {
    private ZoneRanges() {
    }

    /**
     * The fraction of a table's rows that a conjunct comparing a column with constants keeps, from
     * the zone maps of the table's chunks, with each chunk's values taken as spread evenly between
     * its min and max (at least one row); null where the conjunct puts no range on a column.
     */
    public static Double selectivity(RexNode conjunct, TableDef table) {
        ScanOp.Range r = range(conjunct, table);
        MemTable data = table.data();
        if (r == null || data == null) {
            return null;
        }
        double rows = 0;
        double kept = 0;
        for (Batch chunk : data.version().chunks()) {
            rows += chunk.rowCount();
            ZoneMap zone = data.zone(chunk, r.column());
            double lo = Math.max((double) r.lo(), zone.min());
            double hi = Math.min((double) r.hi(), zone.max());
            if (zone.hasRange() && lo <= hi) {
                double width = (double) zone.max() - zone.min() + 1;
                kept += (chunk.rowCount() - zone.nullCount()) * Math.min(1, (hi - lo + 1) / width);
            }
        }
        return rows == 0 ? null : Math.max(kept, 1) / rows;
    }

    /**
     * Whether the table's chunks, in the order a scan reads them, hold ascending ranges of column
     * {@code column} that do not overlap (each chunk's minimum at least the maximum before it), with
     * no NULLs: a table loaded or sorted in the order of that column, as TPC-H's lineitem by order
     * key. By the zone maps of {@code version}'s chunks alone; false for fewer than two chunks.
     */
    public static boolean clustered(MemTable data, MemTable.Version version, int column) {
        List<Batch> chunks = version.chunks();
        if (chunks.size() < 2) {
            return false;
        }
        long previousMax = Long.MIN_VALUE;
        for (Batch chunk : chunks) {
            ZoneMap zone = data.zone(chunk, column);
            if (zone == null || !zone.hasRange() || zone.nullCount() > 0 || zone.min() < previousMax) {
                return false;
            }
            previousMax = zone.max();
        }
        return true;
    }

    static List<ScanOp.Range> of(RexNode condition, TableDef table) {
        List<ScanOp.Range> out = new ArrayList<>();
        for (RexNode c : RelOptUtil.conjunctions(condition)) {
            ScanOp.Range r = range(c, table);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    private static ScanOp.Range range(RexNode node, TableDef table) {
        if (!(node instanceof RexCall call) || call.getOperands().size() != 2) {
            return null;
        }
        RexNode a = orderPreserving(call.getOperands().get(0));
        RexNode b = orderPreserving(call.getOperands().get(1));
        SqlKind kind = call.getKind();
        if (a instanceof RexLiteral && b instanceof RexInputRef) {
            RexNode t = a;
            a = b;
            b = t;
            kind = kind.reverse();
        }
        if (!(a instanceof RexInputRef ref) || !(b instanceof RexLiteral literal) || literal.isNull()) {
            return null;
        }
        int column = ref.getIndex();
        if (column >= table.columns().size()) {
            return null;
        }
        SqlType type = table.columns().get(column).type();
        PhysicalType p = type.physical();
        if (p != PhysicalType.SHORT && p != PhysicalType.INT && p != PhysicalType.LONG) {
            return null;
        }
        String name = table.columns().get(column).name();
        if (kind == SqlKind.SEARCH) {
            Sarg<?> sarg = literal.getValueAs(Sarg.class);
            // a Sarg that NULL satisfies (x IS NULL OR x = 5) needs chunks whose x is all NULL too
            if (sarg == null || sarg.rangeSet.isEmpty() || sarg.nullAs == RexUnknownAs.TRUE) {
                return null;
            }
            var span = sarg.rangeSet.span();
            long lo = Long.MIN_VALUE;
            long hi = Long.MAX_VALUE;
            if (span.hasLowerBound()) {
                BigDecimal v = stored(span.lowerEndpoint(), type);
                if (v == null) {
                    return null;
                }
                lo = ceil(v);
            }
            if (span.hasUpperBound()) {
                BigDecimal v = stored(span.upperEndpoint(), type);
                if (v == null) {
                    return null;
                }
                hi = floor(v);
            }
            return new ScanOp.Range(column, name, lo, hi);
        }
        BigDecimal v = stored(endpoint(literal), type);
        if (v == null) {
            return null;
        }
        return switch (kind) {
            case EQUALS -> v.stripTrailingZeros().scale() <= 0 ? new ScanOp.Range(column, name, floor(v), floor(v))
                    : new ScanOp.Range(column, name, 1, 0);
            case GREATER_THAN_OR_EQUAL -> new ScanOp.Range(column, name, ceil(v), Long.MAX_VALUE);
            case GREATER_THAN -> new ScanOp.Range(column, name, floor(v) == Long.MAX_VALUE ? Long.MAX_VALUE : floor(v) + 1,
                    floor(v) == Long.MAX_VALUE ? Long.MIN_VALUE : Long.MAX_VALUE);
            case LESS_THAN_OR_EQUAL -> new ScanOp.Range(column, name, Long.MIN_VALUE, floor(v));
            case LESS_THAN -> new ScanOp.Range(column, name, ceil(v) == Long.MIN_VALUE ? Long.MAX_VALUE : Long.MIN_VALUE,
                    ceil(v) == Long.MIN_VALUE ? Long.MIN_VALUE : ceil(v) - 1);
            default -> null;
        };
    }

    /**
     * A column under a cast that keeps the order of values (a wider integer or decimal, or a date
     * as a timestamp: what Calcite adds to compare a date with a timestamp) stands for the column.
     */
    private static RexNode orderPreserving(RexNode node) {
        if (node instanceof RexCall cast && cast.getKind() == SqlKind.CAST && cast.getOperands().getFirst() instanceof RexInputRef ref) {
            var from = ref.getType().getSqlTypeName();
            var to = cast.getType().getSqlTypeName();
            boolean integer = switch (from) {
                case TINYINT, SMALLINT, INTEGER, BIGINT -> true;
                default -> false;
            };
            boolean wider = switch (to) {
                case SMALLINT, INTEGER, BIGINT, DECIMAL -> integer;
                case TIMESTAMP -> from == SqlTypeName.DATE;
                default -> false;
            };
            return wider ? ref : node;
        }
        return node;
    }

    /** A literal's value as Calcite's comparable form (what a Sarg holds), or null. */
    private static Comparable<?> endpoint(RexLiteral literal) {
        return switch (literal.getTypeName()) {
            case DATE -> literal.getValueAs(DateString.class);
            case TIMESTAMP -> literal.getValueAs(TimestampString.class);
            case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL -> literal.getValueAs(BigDecimal.class);
            default -> null;
        };
    }

    private static long floor(BigDecimal v) {
        return clamp(v.setScale(0, RoundingMode.FLOOR));
    }

    private static long ceil(BigDecimal v) {
        return clamp(v.setScale(0, RoundingMode.CEILING));
    }

    private static long clamp(BigDecimal v) {
        if (v.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0) {
            return Long.MAX_VALUE;
        }
        if (v.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) <= 0) {
            return Long.MIN_VALUE;
        }
        return v.longValueExact();
    }

    /**
     * A constant in the stored form of a column of {@code type} (days for dates, microseconds for
     * timestamps, the unscaled value for decimals), exactly, or null when that cannot be said.
     */
    private static BigDecimal stored(Comparable<?> value, SqlType type) {
        TypeKind k = type.kind();
        return switch (value) {
            case BigDecimal d when k == TypeKind.SMALLINT || k == TypeKind.INTEGER || k == TypeKind.BIGINT -> d;
            case BigDecimal d when k == TypeKind.DECIMAL -> d.movePointRight(type.scale());
            case DateString d when k == TypeKind.DATE -> BigDecimal.valueOf(d.getDaysSinceEpoch());
            case TimestampString t when k == TypeKind.TIMESTAMP && t.toString().indexOf('.') < 0 ->
                    BigDecimal.valueOf(t.getMillisSinceEpoch()).movePointRight(3);
            // a date column compared with a timestamp constant compares as days, fraction kept
            case TimestampString t when k == TypeKind.DATE && t.toString().indexOf('.') < 0 ->
                    BigDecimal.valueOf(t.getMillisSinceEpoch()).divide(BigDecimal.valueOf(86_400_000L), 9, RoundingMode.UNNECESSARY);
            case null, default -> null;
        };
    }
}

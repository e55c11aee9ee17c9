package io.blueshift.executor.agg;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.PhysicalType;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.executor.expr.Segs;
import io.blueshift.kernels.Bitmaps;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.kernels.hash.HashMix;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * COUNT, SUM, AVG, MIN and MAX (DISTINCT x) of an integer, date, time, timestamp or 64-bit
 * decimal column: an open-addressing set of the (group, value) pairs seen so far lets through
 * each batch's first sightings, which go, as a batch of that column alone, to the same aggregate
 * without DISTINCT ({@link NumericAccumulator}). NULLs are not values and never reach it. (TPC-H
 * Q16's count(DISTINCT ps_suppkey) kept a set of boxed values per group, {@link ObjectAccumulator}.)
 * The set lives on the heap, counted against the query's memory limit like the boxed sets (53200).
 */
final class DistinctAccumulator implements Accumulator {
    private static final int FIRST_SLOTS = 1 << 10;
    /** Bytes a slot takes: its value and its group. */
    private static final int SLOT_BYTES = Long.BYTES + Integer.BYTES;

    private final int arg;
    private final int width;
    private final NumericAccumulator inner;
    private final BatchGroupCounts rowCounts = new BatchGroupCounts();
    private final QueryMemory memory;
    private final long heapBudget;
    /** A slot's group plus one (0: empty) and its value. */
    private int[] slotGroups = new int[FIRST_SLOTS];
    private long[] slotValues = new long[FIRST_SLOTS];
    private int size;

    DistinctAccumulator(AggCall call, QueryMemory memory) {
        this.arg = call.args().getFirst();
        this.width = call.argType().physical().byteWidth();
        this.memory = memory;
        this.heapBudget = ObjectAccumulator.heapBudget(memory);
        this.inner = new NumericAccumulator(plain(call), memory, rowCounts);
    }

    /** Whether this class computes {@code call}: a DISTINCT aggregate of one exact fixed-width column. */
    static boolean supports(AggCall call) {
        if (!call.distinct() || call.args().size() != 1 || !call.order().isEmpty() || call.argType() == null) {
            return false;
        }
        SqlType t = call.argType();
        boolean exact = switch (t.kind()) {
            case SMALLINT, INTEGER, BIGINT, DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> true;
            case DECIMAL -> t.physical() == PhysicalType.LONG;
            default -> false;
        };
        boolean kind = switch (call.kind()) {
            case COUNT, SUM, AVG, MIN, MAX -> true;
            default -> false;
        };
        return exact && kind && NumericAccumulator.supports(plain(call));
    }

    /** The same aggregate without DISTINCT, over column 0 (the one-column batch of first sightings). */
    private static AggCall plain(AggCall call) {
        return new AggCall(call.kind(), List.of(0), call.argType(), call.type(), false, call.constant(), List.of());
    }

    @Override
    public void add(Batch in, int[] groupIds, int n, int groups) {
        FieldVector v = in.vector(arg);
        MemorySegment values = Segs.values(v);
        MemorySegment validity = Segs.validity(v);
        int[] firsts = new int[n];
        int[] firstGroups = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (validity != null && !Bitmaps.isValid(validity, i)) {
                continue;
            }
            if (insert(groupIds[i], value(values, i))) {
                firsts[m] = i;
                firstGroups[m++] = groupIds[i];
            }
        }
        try (Batch seen = Batches.gather(in, new int[] {arg}, firsts, m, memory)) {
            rowCounts.reset(firstGroups, m, groups);
            inner.add(seen, firstGroups, m, groups);
        }
    }

    private long value(MemorySegment values, int i) {
        return switch (width) {
            case 2 -> values.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i);
            case 4 -> values.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i);
            default -> values.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i);
        };
    }

    /** Adds the pair; true when it was not there yet. */
    private boolean insert(int group, long value) {
        int mask = slotGroups.length - 1;
        int slot = (int) (HashMix.hashLong(value ^ (long) group * 0x9E3779B97F4A7C15L)) & mask;
        while (true) {
            int g = slotGroups[slot];
            if (g == 0) {
                slotGroups[slot] = group + 1;
                slotValues[slot] = value;
                if (++size * 2 > slotGroups.length) {
                    grow();
                }
                return true;
            }
            if (g == group + 1 && slotValues[slot] == value) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void grow() {
        long bytes = (long) slotGroups.length * 2 * SLOT_BYTES;
        if (bytes + memory.used() > heapBudget) {
            throw new BlueshiftException(ErrorCode.OUT_OF_MEMORY, heapBudget, (long) slotGroups.length * SLOT_BYTES + memory.used(),
                    bytes);
        }
        memory.require(bytes); // and within what the database's other queries leave of its memory_limit
        int[] oldGroups = slotGroups;
        long[] oldValues = slotValues;
        slotGroups = new int[oldGroups.length * 2];
        slotValues = new long[oldGroups.length * 2];
        size = 0;
        for (int s = 0; s < oldGroups.length; s++) {
            if (oldGroups[s] != 0) {
                insert(oldGroups[s] - 1, oldValues[s]);
            }
        }
    }

    @Override
    public void write(FieldVector out, int from, int count) {
        inner.write(out, from, count);
    }
}

package io.blueshift.storage.table;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.TypeKind;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Which integer columns of a table hold no value twice: the planner's join ordering treats a join
 * on such a column as a key join (each row matches at most one), which it needs to order TPC-H's
 * star joins well when tables declare no primary key. A column stops being checked at its first
 * duplicate, which for most non-key columns comes within a few rows.
 */
final class Uniqueness {
    private Uniqueness() {
    }

    static List<Integer> uniqueColumns(List<SqlType> types, List<Batch> chunks) {
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < types.size(); c++) {
            TypeKind k = types.get(c).kind();
            if ((k == TypeKind.INTEGER || k == TypeKind.BIGINT) && unique(chunks, c, k == TypeKind.INTEGER)) {
                out.add(c);
            }
        }
        return out;
    }

    private static boolean unique(List<Batch> chunks, int column, boolean ints) {
        long rows = 0;
        for (Batch b : chunks) {
            if (b.vector(column).getNullCount() > 0) {
                return false;
            }
            rows += b.rowCount();
        }
        if (rows == 0 || rows > (1 << 28)) {
            return false;
        }
        int capacity = Integer.highestOneBit((int) Math.max(16, rows * 2 - 1)) << 1;
        long[] slots = new long[capacity];
        boolean[] used = new boolean[capacity];
        int mask = capacity - 1;
        for (Batch b : chunks) {
            MemorySegment values = b.values(column);
            for (int i = 0; i < b.rowCount(); i++) {
                long v = ints ? values.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i)
                        : values.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i);
                int h = (int) ((v * 0x9E3779B97F4A7C15L) >>> 33) & mask;
                while (used[h]) {
                    if (slots[h] == v) {
                        return false;
                    }
                    h = (h + 1) & mask;
                }
                used[h] = true;
                slots[h] = v;
            }
        }
        return true;
    }
}

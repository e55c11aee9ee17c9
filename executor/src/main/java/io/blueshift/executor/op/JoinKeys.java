package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.agg.HashAggOp;
import io.blueshift.executor.expr.Segs;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.kernels.hash.KeyColumn;
import io.blueshift.kernels.hash.KeyType;
import java.util.List;

/** The hash-key views of a join's key columns. */
final class JoinKeys {
    private JoinKeys() {
    }

    static KeyType[] types(List<SqlType> types, int[] keys) {
        KeyType[] out = new KeyType[keys.length];
        for (int i = 0; i < keys.length; i++) {
            out[i] = Segs.keyType(types.get(keys[i]));
            if (out[i] == null) {
                throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "join on a " + types.get(keys[i]) + " key");
            }
        }
        return out;
    }

    static KeyColumn[] columns(Batch b, int[] keys, KeyType[] types) {
        KeyColumn[] out = new KeyColumn[keys.length];
        for (int i = 0; i < keys.length; i++) {
            out[i] = HashAggOp.keyColumn(types[i], b.vector(keys[i]));
        }
        return out;
    }
}

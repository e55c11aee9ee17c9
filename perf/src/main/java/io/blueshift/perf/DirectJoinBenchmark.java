package io.blueshift.perf;

import io.blueshift.kernels.hash.KeyColumn;
import io.blueshift.kernels.hash.KeyType;
import io.blueshift.kernels.join.JoinHashTable;
import io.blueshift.kernels.join.JoinProbe;
import io.blueshift.kernels.join.JoinType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The probe of a join on a key of dense values, as a dimension table's key: {@code buildKeys}
 * distinct keys drawn from 0 .. max(buildKeys, 10 000) - 1 (400 of 10 000: TPC-H Q11's German
 * suppliers; 10 000: all suppliers at SF 1; 150 000: the customers), probed by 4 M keys drawn
 * from the same range. {@code dense} keeps the keys as they are, which the table looks up by
 * value in an array; {@link #spread} multiplies every key by 1 000 003, which leaves the same
 * matches and the same number of distinct keys but a range too wide for the array, so the keys
 * are hashed and looked up in the hash table. The ratio is what the direct lookup buys.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class DirectJoinBenchmark {
    static final int BATCH = 2048;
    static final int PROBE_ROWS = 4_000_000;
    static final long SPREAD = 1_000_003L;

    @Param({"400", "10000", "150000"})
    public int buildKeys;

    private Arena arena;
    private JoinHashTable dense;
    private JoinHashTable spread;
    private MemorySegment denseProbe;
    private MemorySegment spreadProbe;
    private final int[] outProbe = new int[BATCH];
    private final int[] outBuild = new int[BATCH];

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        int range = Math.max(buildKeys, 10_000);
        Random random = new Random(42);
        int[] all = new int[range];
        for (int i = 0; i < range; i++) {
            all[i] = i;
        }
        for (int i = range - 1; i > 0; i--) { // the first buildKeys of a shuffle: distinct keys
            int j = random.nextInt(i + 1);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        MemorySegment denseBuild = arena.allocate((long) buildKeys * 8, 64);
        MemorySegment spreadBuild = arena.allocate((long) buildKeys * 8, 64);
        for (int i = 0; i < buildKeys; i++) {
            denseBuild.setAtIndex(ValueLayout.JAVA_LONG, i, all[i]);
            spreadBuild.setAtIndex(ValueLayout.JAVA_LONG, i, all[i] * SPREAD);
        }
        denseProbe = arena.allocate((long) PROBE_ROWS * 8, 64);
        spreadProbe = arena.allocate((long) PROBE_ROWS * 8, 64);
        for (int i = 0; i < PROBE_ROWS; i++) {
            long k = random.nextInt(range);
            denseProbe.setAtIndex(ValueLayout.JAVA_LONG, i, k);
            spreadProbe.setAtIndex(ValueLayout.JAVA_LONG, i, k * SPREAD);
        }
        dense = build(denseBuild);
        spread = build(spreadBuild);
    }

    private JoinHashTable build(MemorySegment keys) {
        JoinHashTable table = new JoinHashTable(null, false, true, buildKeys, KeyType.LONG);
        for (long from = 0; from < buildKeys; from += BATCH) {
            int n = (int) Math.min(BATCH, buildKeys - from);
            table.add(new KeyColumn[] {KeyColumn.of(KeyType.LONG, keys.asSlice(from * 8, n * 8L), null)}, n);
        }
        return table;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        dense.close();
        spread.close();
        arena.close();
    }

    private long probe(JoinHashTable table, MemorySegment keys) {
        JoinProbe probing = new JoinProbe(table, JoinType.INNER);
        long matches = 0;
        for (long from = 0; from < PROBE_ROWS; from += BATCH) {
            int n = (int) Math.min(BATCH, PROBE_ROWS - from);
            probing.start(new KeyColumn[] {KeyColumn.of(KeyType.LONG, keys.asSlice(from * 8, n * 8L), null)}, n);
            int got;
            while ((got = probing.next(outProbe, outBuild)) > 0) {
                matches += got + outBuild[got - 1];
            }
        }
        return matches;
    }

    /** Keys looked up by value. */
    @Benchmark
    public long dense() {
        return probe(dense, denseProbe);
    }

    /** The same keys, spread: hashed and looked up in the hash table. */
    @Benchmark
    public long spread() {
        return probe(spread, spreadProbe);
    }
}

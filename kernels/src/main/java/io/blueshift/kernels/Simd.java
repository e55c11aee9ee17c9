package io.blueshift.kernels;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector species every SIMD kernel uses. They are static finals so that the JIT folds them
 * into constants. The width is the CPU's preferred one unless {@code -Dblueshift.simd.bits=256}
 * (or 128, 512) forces another, which is how the test suite checks that kernels stay correct on
 * CPUs narrower than the build machine's.
 */
public final class Simd {
    /**
     * Whether executors call the Vector API kernels ({@code true}, the default) or their scalar
     * twins ({@code -Dblueshift.simd=false}), so that the SQL corpus can run on both.
     */
    public static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty("blueshift.simd"));

    /** The vector width in bits that all species below share. */
    public static final int BITS = chooseBits();

    private static final VectorShape SHAPE = VectorShape.forBitSize(BITS);

    public static final VectorSpecies<Byte> BYTE = ByteVector.SPECIES_PREFERRED.withShape(SHAPE);
    public static final VectorSpecies<Short> SHORT = ShortVector.SPECIES_PREFERRED.withShape(SHAPE);
    public static final VectorSpecies<Integer> INT = IntVector.SPECIES_PREFERRED.withShape(SHAPE);
    public static final VectorSpecies<Long> LONG = LongVector.SPECIES_PREFERRED.withShape(SHAPE);
    public static final VectorSpecies<Float> FLOAT = FloatVector.SPECIES_PREFERRED.withShape(SHAPE);
    public static final VectorSpecies<Double> DOUBLE = DoubleVector.SPECIES_PREFERRED.withShape(SHAPE);

    private Simd() {
    }

    private static int chooseBits() {
        int preferred = IntVector.SPECIES_PREFERRED.vectorBitSize();
        String forced = System.getProperty("blueshift.simd.bits");
        if (forced == null || forced.isBlank()) {
            return preferred;
        }
        int bits = Integer.parseInt(forced.trim());
        if (bits != 128 && bits != 256 && bits != 512) {
            throw new IllegalArgumentException("blueshift.simd.bits must be 128, 256 or 512, not " + bits);
        }
        return Math.min(bits, preferred);
    }
}

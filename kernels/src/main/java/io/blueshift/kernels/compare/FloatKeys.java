package io.blueshift.kernels.compare;

/**
 * Integer keys that order floats the way Postgres does. NaN (any payload, either sign) becomes
 * the one canonical NaN, -0.0 becomes 0.0, and the bits are then folded so that signed integer
 * order equals the float order: non-negative floats keep their bits, negative ones have their
 * magnitude bits flipped. The canonical NaN's key is above +Infinity's. Comparing keys instead of
 * floats makes the float comparisons a total order, so {@code NOT (a < b)} is exactly
 * {@code a >= b} and the SIMD loops are the integer loops.
 */
final class FloatKeys {
    static final int CANONICAL_NAN_BITS = 0x7FC00000;
    static final long CANONICAL_NAN_BITS_DOUBLE = 0x7FF8000000000000L;

    private FloatKeys() {
    }

    static int floatKey(float f) {
        int bits = f != f ? CANONICAL_NAN_BITS : Float.floatToRawIntBits(f + 0.0f);
        return bits ^ ((bits >> 31) >>> 1);
    }

    static long doubleKey(double d) {
        long bits = d != d ? CANONICAL_NAN_BITS_DOUBLE : Double.doubleToRawLongBits(d + 0.0);
        return bits ^ ((bits >> 63) >>> 1);
    }
}

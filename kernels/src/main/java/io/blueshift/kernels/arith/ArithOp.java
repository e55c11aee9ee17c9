package io.blueshift.kernels.arith;

/** The binary arithmetic operators. */
public enum ArithOp {
    ADD, SUBTRACT, MULTIPLY, DIVIDE, MODULO;

    /** Whether a zero right operand is an error. */
    public boolean divides() {
        return this == DIVIDE || this == MODULO;
    }
}

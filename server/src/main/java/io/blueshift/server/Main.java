package io.blueshift.server;

import io.blueshift.kernels.Simd;

/** The {@code blueshift} command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        String version = Main.class.getPackage().getImplementationVersion();
        System.out.printf("Blueshift %s on Java %s (%s), %d cores, %d-bit SIMD vectors%n",
                version == null ? "dev" : version, Runtime.version(), System.getProperty("java.vm.vendor"),
                Runtime.getRuntime().availableProcessors(), Simd.BITS);
    }
}

package io.stylegan4j.io;

import java.util.Arrays;

/** Shape helpers shared by the safetensors reader and writer. */
final class Shapes {
    private Shapes() {
    }

    /** Element count; a 0-dim shape [] is a scalar with one element. Throws ArithmeticException on overflow. */
    static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new ArithmeticException("negative dimension " + d);
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    static String toString(long[] shape) {
        return Arrays.toString(shape);
    }
}

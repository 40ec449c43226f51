package io.stylegan4j.bench;

import java.util.Arrays;
import org.bytedeco.javacpp.PointerScope;

/** Wall-clock timing of repeated runs: warm-up runs are discarded, the median of the rest is the figure. */
public final class Timing {
    private Timing() {}

    /** Runs {@code body} warmup + reps times, each inside its own PointerScope; returns the timed runs in ms. */
    public static double[] repeat(int warmup, int reps, Runnable body) {
        double[] ms = new double[reps];
        for (int i = 0; i < warmup + reps; i++) {
            double t = timeOnce(body);
            if (i >= warmup) ms[i - warmup] = t;
        }
        return ms;
    }

    /** One run in its own PointerScope, so its native tensors are freed before the next; libtorch's CPU ops are synchronous. */
    public static double timeOnce(Runnable body) {
        try (PointerScope scope = new PointerScope()) {
            long t0 = System.nanoTime();
            body.run();
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    public static double median(double[] v) {
        if (v.length == 0) throw new IllegalArgumentException("median of no values");
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}

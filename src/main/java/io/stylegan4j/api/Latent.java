package io.stylegan4j.api;

import java.util.Arrays;

/**
 * Where an image starts: a seed (whose z is drawn exactly as the official tools draw it, so a seed names the same
 * image here and there), an explicit z, an explicit w, or a point on the line between two latents.
 */
public sealed interface Latent {

    /** The official z of {@code seed}: {@code numpy.random.RandomState(seed).randn(1, z_dim)}; 0 .. 2^32-1. */
    static Latent seed(long seed) {
        return new Seed(seed);
    }

    /** An explicit z of length z_dim. */
    static Latent z(float[] z) {
        return new Z(z);
    }

    /** An explicit w: one w of length w_dim (used for every layer) or num_ws * w_dim values, layer by layer. */
    static Latent w(float[] w) {
        return new W(w);
    }

    /** The point {@code t} of the way from {@code a} to {@code b} in W (lerp of the two mapped ws; t 0 is a, 1 is b). */
    static Latent lerp(Latent a, Latent b, double t) {
        return new Lerp(a, b, t);
    }

    record Seed(long seed) implements Latent {
        public Seed {
            if (seed < 0 || seed > 0xffffffffL) throw new IllegalArgumentException("seed must be in 0.." + 0xffffffffL + ", got " + seed);
        }
    }

    record Z(float[] z) implements Latent {
        public Z {
            z = z.clone();
            for (float v : z) if (!Float.isFinite(v)) throw new IllegalArgumentException("z must be finite, got " + v);
        }

        @Override
        public float[] z() {
            return z.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Z other && Arrays.equals(z, other.z);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(z);
        }

        @Override
        public String toString() {
            return "Z[" + z.length + " values]";
        }
    }

    record W(float[] w) implements Latent {
        public W {
            w = w.clone();
            for (float v : w) if (!Float.isFinite(v)) throw new IllegalArgumentException("w must be finite, got " + v);
        }

        @Override
        public float[] w() {
            return w.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof W other && Arrays.equals(w, other.w);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(w);
        }

        @Override
        public String toString() {
            return "W[" + w.length + " values]";
        }
    }

    record Lerp(Latent a, Latent b, double t) implements Latent {
        public Lerp {
            if (a == null || b == null) throw new IllegalArgumentException("lerp needs two latents");
            if (!Double.isFinite(t)) throw new IllegalArgumentException("lerp t must be finite, got " + t);
        }
    }
}

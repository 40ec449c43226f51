package io.stylegan4j.api;

import java.util.ArrayList;
import java.util.List;

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
        return new Z(values("z", z));
    }

    /** An explicit w: one w of length w_dim (used for every layer) or num_ws * w_dim values, layer by layer. */
    static Latent w(float[] w) {
        return new W(values("w", w));
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

    /** Values are kept as an immutable list, so two latents with the same numbers are equal. */
    record Z(List<Float> z) implements Latent {
        public Z {
            z = List.copyOf(z);
        }
    }

    record W(List<Float> w) implements Latent {
        public W {
            w = List.copyOf(w);
        }
    }

    record Lerp(Latent a, Latent b, double t) implements Latent {
        public Lerp {
            if (a == null || b == null) throw new IllegalArgumentException("lerp needs two latents");
            if (!Double.isFinite(t)) throw new IllegalArgumentException("lerp t must be finite, got " + t);
        }
    }

    private static List<Float> values(String what, float[] v) {
        List<Float> out = new ArrayList<>(v.length);
        for (float x : v) {
            if (!Float.isFinite(x)) throw new IllegalArgumentException(what + " must be finite, got " + x);
            out.add(x);
        }
        return out;
    }
}

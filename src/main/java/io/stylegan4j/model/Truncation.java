package io.stylegan4j.model;

/**
 * The truncation trick in W (StyleGAN Section 3 / Appendix B): w' = w_avg + psi (w - w_avg), applied to the
 * first {@code cutoff} ws only (all when null). psi 1 is no truncation, 0 is w_avg itself; psi 0.7 on the first 8
 * layers is the 1024 px setting of StyleGAN Figure 8.
 *
 * @param psi    the blend toward w_avg, any finite number (negative psi gives a seed's "opposite")
 * @param cutoff truncate ws [0, cutoff) only; null = every ws (the official {@code truncation_cutoff=None})
 */
public record Truncation(double psi, Integer cutoff) {
    /** psi 1: the ws as the mapping network made them (the official default, and what training uses). */
    public static final Truncation NONE = new Truncation(1, null);

    public Truncation {
        if (!Double.isFinite(psi)) throw new IllegalArgumentException("truncation psi must be finite, got " + psi);
        if (cutoff != null && cutoff < 0) throw new IllegalArgumentException("truncation cutoff must be >= 0, got " + cutoff);
    }

    /** psi on every ws. */
    public static Truncation of(double psi) {
        return new Truncation(psi, null);
    }

    /** How many of {@code numWs} ws change: none when psi is 1. */
    public int layers(int numWs) {
        if (psi == 1) return 0;
        return cutoff == null ? numWs : Math.min(cutoff, numWs);
    }
}

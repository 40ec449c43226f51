package io.stylegan4j.augment;

/**
 * How a run augments what D sees: the official train.py's --aug, --p, --target and --augpipe, and the training
 * loop's ada_interval and ada_kimg, with their defaults.
 */
public record AugmentOptions(
        Mode mode,          // ADA: p adapts; FIXED: p stays at `p`; NOAUG: D sees the images as they are
        double p,           // initial (ADA) or constant (FIXED) augmentation probability
        double target,      // ADA target r_t for E[sign(D(real))]
        int interval,       // adjust p every this many minibatches
        double kimg,        // p can move by 1 over this many kimg
        String pipe) {      // which augmentations: see AugmentSpec.NAMES

    public enum Mode { ADA, NOAUG, FIXED }

    /** The paper's value of r_t (Section 3). */
    public static final double TARGET = 0.6;

    public static final AugmentOptions NONE = new AugmentOptions(Mode.NOAUG, 0, TARGET, 4, 500, "bgc");

    public AugmentOptions {
        if (mode == null) throw new IllegalArgumentException("--aug must be one of ada, noaug, fixed");
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("--p must be between 0 and 1, got " + p);
        if (!(target >= 0 && target <= 1)) throw new IllegalArgumentException("--target must be between 0 and 1, got " + target);
        if (interval <= 0) throw new IllegalArgumentException("the ADA interval must be positive, got " + interval);
        if (!(kimg > 0)) throw new IllegalArgumentException("the ADA speed (kimg) must be positive, got " + kimg);
        AugmentSpec.named(pipe); // validates the name
    }

    public boolean enabled() {
        return mode != Mode.NOAUG;
    }
}

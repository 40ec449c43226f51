package io.stylegan4j.model.v1;

/** The channel count of the official v1 / ProGAN networks: {@code nf(stage) = min(fmap_base / 2^stage, fmap_max)}. */
final class Fmaps {
    private Fmaps() {}

    /** Channels at resolution {@code res}: stage log2(res) - 1 (fmap_decay 1, the only value the official configs use). */
    static int at(int res, int fmapBase, int fmapMax) {
        int stage = Integer.numberOfTrailingZeros(res) - 1;
        return Math.min((int) (fmapBase / Math.pow(2, stage)), fmapMax);
    }
}

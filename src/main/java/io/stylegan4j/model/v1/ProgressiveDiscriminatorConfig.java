package io.stylegan4j.model.v1;

import io.stylegan4j.nn.FusedScale;

/**
 * The discriminators of StyleGAN v1 (D_basic) and ProGAN (D_paper), official argument names and defaults. They
 * differ in the blur before each downsampling conv and in where the non-fused 2x2 average sits.
 */
public record ProgressiveDiscriminatorConfig(
        Flavor flavor,
        int numChannels,
        int resolution,
        int fmapBase,            // channels at stage s: min(fmapBase / 2^s, fmapMax)
        int fmapMax,
        int mbstdGroupSize,      // minibatch-stddev group size (4); <= 1 disables the layer
        int mbstdNumFeatures,    // minibatch-stddev features (1)
        FusedScale fusedScale) { // D_basic: AUTO (fused from 128 px); D_paper: ON

    public enum Flavor {
        /** StyleGAN's D_basic: [1,2,1] blur before {@code Conv1_down}, the 2x2 average before the bias. */
        D_BASIC,
        /** ProGAN's D_paper: no blur; non-fused, {@code Conv1}, bias and leaky ReLU, then the 2x2 average. */
        D_PAPER
    }

    public ProgressiveDiscriminatorConfig {
        if (resolution < 4 || Integer.bitCount(resolution) != 1)
            throw new IllegalArgumentException("resolution must be a power of two >= 4, got " + resolution);
        if (numChannels != 1 && numChannels != 3) throw new IllegalArgumentException("num_channels must be 1 or 3, got " + numChannels);
        if (fmapBase <= 0 || fmapMax <= 0) throw new IllegalArgumentException("fmap_base and fmap_max must be positive");
        if (mbstdNumFeatures < 1) throw new IllegalArgumentException("mbstd_num_features must be >= 1");
    }

    public static ProgressiveDiscriminatorConfig dBasic(int resolution, int numChannels) {
        return new ProgressiveDiscriminatorConfig(Flavor.D_BASIC, numChannels, resolution, 8192, 512, 4, 1, FusedScale.AUTO);
    }

    public static ProgressiveDiscriminatorConfig dPaper(int resolution, int numChannels) {
        return new ProgressiveDiscriminatorConfig(Flavor.D_PAPER, numChannels, resolution, 8192, 512, 4, 1, FusedScale.ON);
    }

    public int resolutionLog2() {
        return Integer.numberOfTrailingZeros(resolution);
    }

    public int channels(int res) {
        return Fmaps.at(res, fmapBase, fmapMax);
    }

    public ProgressiveDiscriminatorConfig withFmaps(int base, int max) {
        return new ProgressiveDiscriminatorConfig(flavor, numChannels, resolution, base, max, mbstdGroupSize, mbstdNumFeatures, fusedScale);
    }

    public ProgressiveDiscriminatorConfig withMbstd(int groupSize, int features) {
        return new ProgressiveDiscriminatorConfig(flavor, numChannels, resolution, fmapBase, fmapMax, groupSize, features, fusedScale);
    }

    public ProgressiveDiscriminatorConfig withFusedScale(FusedScale f) {
        return new ProgressiveDiscriminatorConfig(flavor, numChannels, resolution, fmapBase, fmapMax, mbstdGroupSize, mbstdNumFeatures, f);
    }
}

package io.stylegan4j.model.v1;

import io.stylegan4j.nn.FusedScale;

/**
 * ProGAN's G_paper (StyleGAN Table 1, configuration A), official argument names and defaults ({@code networks_progan.py}).
 */
public record ProGanConfig(
        int latentSize,           // Z dimensionality (official default: nf(0) = min(fmap_base, fmap_max))
        int numChannels,
        int resolution,
        int fmapBase,             // channels at stage s: min(fmapBase / 2^s, fmapMax)
        int fmapMax,
        boolean normalizeLatents, // pixel norm of z
        boolean usePixelNorm,     // pixel norm after every conv
        FusedScale fusedScale) {  // official default: fused (ON) at every resolution

    public ProGanConfig {
        if (resolution < 4 || Integer.bitCount(resolution) != 1)
            throw new IllegalArgumentException("resolution must be a power of two >= 4, got " + resolution);
        if (numChannels != 1 && numChannels != 3) throw new IllegalArgumentException("num_channels must be 1 or 3, got " + numChannels);
        if (latentSize <= 0 || fmapBase <= 0 || fmapMax <= 0) throw new IllegalArgumentException("sizes must be positive");
    }

    public static ProGanConfig paper(int resolution, int numChannels) {
        return new ProGanConfig(512, numChannels, resolution, 8192, 512, true, true, FusedScale.ON);
    }

    public int resolutionLog2() {
        return Integer.numberOfTrailingZeros(resolution);
    }

    public int channels(int res) {
        return Fmaps.at(res, fmapBase, fmapMax);
    }

    public ProGanConfig withFmaps(int base, int max) {
        return new ProGanConfig(latentSize, numChannels, resolution, base, max, normalizeLatents, usePixelNorm, fusedScale);
    }

    public ProGanConfig withFusedScale(FusedScale f) {
        return new ProGanConfig(latentSize, numChannels, resolution, fmapBase, fmapMax, normalizeLatents, usePixelNorm, f);
    }
}

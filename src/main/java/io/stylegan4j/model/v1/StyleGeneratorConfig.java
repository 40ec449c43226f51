package io.stylegan4j.model.v1;

import io.stylegan4j.nn.FusedScale;

/**
 * Every hyper-parameter of StyleGAN v1's G_style (G_mapping + G_synthesis), under the official argument names and
 * with the official defaults ({@link #paper}: FFHQ/CelebA-HQ config F at 1024 px). Table 1's configurations B to F
 * are switches of this record ({@link Table1}); configuration A is the separate ProGAN generator.
 */
public record StyleGeneratorConfig(
        int latentSize,           // Z dimensionality
        int dlatentSize,          // W dimensionality
        int mappingLayers,        // 8; 0 = no mapping network (z, normalized, is w): configuration B
        int mappingFmaps,         // width of the hidden mapping layers
        double mappingLrmul,      // learning-rate multiplier of the mapping layers (0.01)
        boolean normalizeLatents, // pixel norm of z before the mapping
        int numChannels,          // image channels, 1 or 3
        int resolution,           // output resolution, a power of two >= 4
        int fmapBase,             // channels at stage s (s = log2(res) - 1): min(fmapBase / 2^s, fmapMax)
        int fmapMax,
        boolean useStyles,        // AdaIN style modulation per layer (configuration C on)
        boolean constInputLayer,  // learned 4x4 constant (D on); false = the traditional input, a dense layer of w
        boolean useNoise,         // per-layer noise inputs with per-channel scales (E on)
        boolean usePixelNorm,     // pixel norm after each layer (ProGAN's, configuration B)
        boolean useInstanceNorm,  // instance norm before each AdaIN (C on)
        FusedScale fusedScale,    // fused up/down convs; AUTO = from 128 px on, as officially
        boolean blur,             // the [1,2,1] low-pass after each upsampling (B on: "bilinear" in Table 1)
        double dlatentAvgBeta,    // decay of the tracked mean of W (0.995)
        double styleMixingProb,   // probability of mixing two latents in training (F: 0.9; 0 = off)
        double truncationPsi,     // default truncation strength for sampling (0.7)
        int truncationCutoff) {   // truncate the first this many layers (8 = the coarse and middle styles)

    public StyleGeneratorConfig {
        if (resolution < 4 || Integer.bitCount(resolution) != 1)
            throw new IllegalArgumentException("resolution must be a power of two >= 4, got " + resolution);
        if (numChannels != 1 && numChannels != 3) throw new IllegalArgumentException("num_channels must be 1 or 3, got " + numChannels);
        if (mappingLayers < 0) throw new IllegalArgumentException("mapping_layers must be >= 0");
        if (mappingLayers == 0 && latentSize != dlatentSize)
            throw new IllegalArgumentException("without a mapping network dlatent_size must equal latent_size");
        if (fmapBase <= 0 || fmapMax <= 0) throw new IllegalArgumentException("fmap_base and fmap_max must be positive");
    }

    /** The official G_style defaults at {@code resolution} (configuration F). */
    public static StyleGeneratorConfig paper(int resolution, int numChannels) {
        return new StyleGeneratorConfig(512, 512, 8, 512, 0.01, true, numChannels, resolution, 8192, 512,
                true, true, true, false, true, FusedScale.AUTO, true, 0.995, 0.9, 0.7, 8);
    }

    public int resolutionLog2() {
        return Integer.numberOfTrailingZeros(resolution);
    }

    /** Channels of the block at {@code res} (official nf(log2(res) - 1)). */
    public int channels(int res) {
        return Fmaps.at(res, fmapBase, fmapMax);
    }

    /** Two layers per resolution: 2 log2(res) - 2; each reads its own w (style mixing picks them per layer). */
    public int numLayers() {
        return 2 * resolutionLog2() - 2;
    }

    public StyleGeneratorConfig withLatent(int z, int w, int mappingFmaps) {
        return new StyleGeneratorConfig(z, w, mappingLayers, mappingFmaps, mappingLrmul, normalizeLatents, numChannels, resolution,
                fmapBase, fmapMax, useStyles, constInputLayer, useNoise, usePixelNorm, useInstanceNorm, fusedScale, blur,
                dlatentAvgBeta, styleMixingProb, truncationPsi, truncationCutoff);
    }

    public StyleGeneratorConfig withMappingLayers(int n) {
        return new StyleGeneratorConfig(latentSize, dlatentSize, n, mappingFmaps, mappingLrmul, normalizeLatents, numChannels, resolution,
                fmapBase, fmapMax, useStyles, constInputLayer, useNoise, usePixelNorm, useInstanceNorm, fusedScale, blur,
                dlatentAvgBeta, styleMixingProb, truncationPsi, truncationCutoff);
    }

    public StyleGeneratorConfig withFmaps(int base, int max) {
        return new StyleGeneratorConfig(latentSize, dlatentSize, mappingLayers, mappingFmaps, mappingLrmul, normalizeLatents, numChannels,
                resolution, base, max, useStyles, constInputLayer, useNoise, usePixelNorm, useInstanceNorm, fusedScale, blur,
                dlatentAvgBeta, styleMixingProb, truncationPsi, truncationCutoff);
    }

    /** The switches that distinguish Table 1's configurations B to F. */
    public StyleGeneratorConfig withSwitches(boolean useStyles, boolean constInputLayer, boolean useNoise, boolean usePixelNorm,
                                             boolean useInstanceNorm, double styleMixingProb) {
        return new StyleGeneratorConfig(latentSize, dlatentSize, mappingLayers, mappingFmaps, mappingLrmul, normalizeLatents, numChannels,
                resolution, fmapBase, fmapMax, useStyles, constInputLayer, useNoise, usePixelNorm, useInstanceNorm, fusedScale, blur,
                dlatentAvgBeta, styleMixingProb, truncationPsi, truncationCutoff);
    }

    public StyleGeneratorConfig withFusedScale(FusedScale f) {
        return new StyleGeneratorConfig(latentSize, dlatentSize, mappingLayers, mappingFmaps, mappingLrmul, normalizeLatents, numChannels,
                resolution, fmapBase, fmapMax, useStyles, constInputLayer, useNoise, usePixelNorm, useInstanceNorm, f, blur,
                dlatentAvgBeta, styleMixingProb, truncationPsi, truncationCutoff);
    }
}

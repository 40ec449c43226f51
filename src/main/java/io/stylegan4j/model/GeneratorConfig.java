package io.stylegan4j.model;

/**
 * Every generator hyper-parameter, with the defaults of the official StyleGAN2 code (config f at 1024 px uses
 * channel_base 32768, channel_max 512, 8 mapping layers). Immutable; copies via {@code with...}.
 *
 * @param convClamp clamp conv outputs to +-X; null = off (the official code uses 256 only with fp16)
 */
public record GeneratorConfig(
        int zDim,               // input latent Z dimensionality
        int cDim,               // class-conditioning label dimensionality, 0 = unconditional
        int wDim,               // intermediate latent W dimensionality
        int imgResolution,      // output resolution, a power of two >= 4
        int imgChannels,        // 1 (grayscale) or 3 (RGB)
        int mappingLayers,      // depth of the mapping network (8 in both papers)
        double mappingLrMul,    // learning-rate multiplier of the mapping layers (0.01)
        double wAvgBeta,        // decay of the tracked mean of W, used by the truncation trick
        int channelBase,        // channels at resolution r = min(channelBase / r, channelMax)
        int channelMax,
        Architecture architecture, // orig, skip (default), resnet
        boolean useNoise,
        Double convClamp,
        java.util.Map<Integer, Integer> channelTable) { // explicit channels by resolution (rosinality's tables); null = the formula

    public GeneratorConfig {
        if (imgResolution < 4 || Integer.bitCount(imgResolution) != 1)
            throw new IllegalArgumentException("resolution must be a power of two >= 4, got " + imgResolution);
        if (imgChannels != 1 && imgChannels != 3)
            throw new IllegalArgumentException("img_channels must be 1 or 3, got " + imgChannels);
        if (zDim <= 0 || wDim <= 0) throw new IllegalArgumentException("z_dim and w_dim must be positive");
        if (mappingLayers < 1) throw new IllegalArgumentException("the mapping network needs at least one layer");
        if (channelBase <= 0 || channelMax <= 0) throw new IllegalArgumentException("channel_base and channel_max must be positive");
        if (cDim < 0) throw new IllegalArgumentException("c_dim must be >= 0");
        channelTable = channelTable == null ? null : java.util.Map.copyOf(channelTable);
    }

    public static GeneratorConfig of(int resolution, int imgChannels) {
        return new GeneratorConfig(512, 0, 512, resolution, imgChannels, 8, 0.01, 0.995, 32768, 512,
                Architecture.SKIP, true, null, null);
    }

    public int channels(int res) {
        if (channelTable != null) {
            Integer c = channelTable.get(res);
            if (c == null) throw new IllegalArgumentException("the channel table has no entry for " + res + "x" + res);
            return c;
        }
        return Math.min(channelBase / res, channelMax);
    }

    public int log2Resolution() {
        return Integer.numberOfTrailingZeros(imgResolution);
    }

    /** Two ws per block, except the 4x4 block (one conv) plus the last tRGB: 2*log2(res) - 2. */
    public int numWs() {
        return 2 * log2Resolution() - 2;
    }

    public double clamp() {
        return convClamp == null ? Double.NaN : convClamp;
    }

    public GeneratorConfig withLatent(int zDim, int wDim) {
        return new GeneratorConfig(zDim, cDim, wDim, imgResolution, imgChannels, mappingLayers, mappingLrMul, wAvgBeta,
                channelBase, channelMax, architecture, useNoise, convClamp, channelTable);
    }

    public GeneratorConfig withMappingLayers(int n) {
        return new GeneratorConfig(zDim, cDim, wDim, imgResolution, imgChannels, n, mappingLrMul, wAvgBeta,
                channelBase, channelMax, architecture, useNoise, convClamp, channelTable);
    }

    public GeneratorConfig withChannels(int base, int max) {
        return new GeneratorConfig(zDim, cDim, wDim, imgResolution, imgChannels, mappingLayers, mappingLrMul, wAvgBeta,
                base, max, architecture, useNoise, convClamp, null);
    }

    public GeneratorConfig withArchitecture(Architecture a) {
        return new GeneratorConfig(zDim, cDim, wDim, imgResolution, imgChannels, mappingLayers, mappingLrMul, wAvgBeta,
                channelBase, channelMax, a, useNoise, convClamp, channelTable);
    }

    /** Class-conditional with {@code n} classes (one-hot labels), or unconditional with 0. */
    public GeneratorConfig withCDim(int n) {
        return new GeneratorConfig(zDim, n, wDim, imgResolution, imgChannels, mappingLayers, mappingLrMul, wAvgBeta,
                channelBase, channelMax, architecture, useNoise, convClamp, channelTable);
    }

    /** Explicit channels per resolution (4 .. imgResolution), as rosinality's tables give them. */
    public GeneratorConfig withChannelTable(java.util.Map<Integer, Integer> table) {
        return new GeneratorConfig(zDim, cDim, wDim, imgResolution, imgChannels, mappingLayers, mappingLrMul, wAvgBeta,
                channelBase, channelMax, architecture, useNoise, convClamp, table);
    }
}

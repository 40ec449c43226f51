package io.stylegan4j.model;

/**
 * Every discriminator hyper-parameter, with the official StyleGAN2 defaults (resnet, mbstd group 4, 1 channel, a
 * flattening 4x4 head, the [1,3,3,1] low-pass before each downsampling). {@code head} and {@code downsample} are this
 * project's departures for small data: trained with labels, D's layout learns the built-in shapes' kinds far sooner
 * with an averaging head and plain strided downsampling; in the GAN that gain lasts only the first tens of kimg
 * (docs/learning). Null, as in files written before they existed, means the paper's.
 */
public record DiscriminatorConfig(
        int cDim,               // class-conditioning label dimensionality, 0 = unconditional
        int imgResolution,
        int imgChannels,
        int channelBase,
        int channelMax,
        Architecture architecture, // orig, skip, resnet (default)
        int mbstdGroupSize,     // minibatch-stddev group size; 0 = whole minibatch
        int mbstdNumChannels,   // minibatch-stddev features; 0 = disable the layer
        Double convClamp,
        java.util.Map<Integer, Integer> channelTable, // explicit channels by resolution (rosinality's tables); null = the formula
        Head head,              // FLATTEN (the paper: the 4x4 features flattened into the dense layer) or AVERAGE
        Downsample downsample) { // BLUR (the paper: [1,3,3,1] before each stride-2 conv) or STRIDE (plain strided convs)

    /** How the 4x4 epilogue turns its conv's features into the dense layer's input. */
    public enum Head {
        FLATTEN, // all 16 positions side by side: the dense layer has 16x the inputs and learns where things are
        AVERAGE; // the mean over the positions: what a plain CNN classifier does

        public static Head parse(String s) {
            return Architecture.parseEnum(Head.class, s, "--d-head", "flatten or average");
        }
    }

    /** How D's blocks halve the resolution. */
    public enum Downsample {
        BLUR,   // the paper's FIR low-pass, then the stride-2 conv: no aliasing, but the finest detail is smoothed away
        STRIDE; // a plain stride-2 conv (and a plain 1x1 stride-2 shortcut): the FIR is the one-tap identity

        public static Downsample parse(String s) {
            return Architecture.parseEnum(Downsample.class, s, "--d-downsample", "blur or stride");
        }
    }

    public DiscriminatorConfig {
        if (imgResolution < 4 || Integer.bitCount(imgResolution) != 1)
            throw new IllegalArgumentException("resolution must be a power of two >= 4, got " + imgResolution);
        // 1 or 3 per image (G checks that); a PacGAN D takes k images at once, k times as many channels
        if (imgChannels < 1) throw new IllegalArgumentException("img_channels must be positive, got " + imgChannels);
        if (cDim < 0) throw new IllegalArgumentException("c_dim must be >= 0");
        if (mbstdGroupSize < 0 || mbstdNumChannels < 0) throw new IllegalArgumentException("mbstd settings must be >= 0");
        if (head == null) head = Head.FLATTEN;
        if (downsample == null) downsample = Downsample.BLUR;
    }

    public static DiscriminatorConfig of(int resolution, int imgChannels) {
        return new DiscriminatorConfig(0, resolution, imgChannels, 32768, 512, Architecture.RESNET, 4, 1, null, null, null, null);
    }

    public int channels(int res) {
        if (channelTable != null) {
            Integer c = channelTable.get(res);
            if (c == null) throw new IllegalArgumentException("the channel table has no entry for " + res + "x" + res);
            return c;
        }
        return Math.min(channelBase / res, channelMax);
    }

    public double clamp() {
        return convClamp == null ? Double.NaN : convClamp;
    }

    public DiscriminatorConfig withChannels(int base, int max) {
        return new DiscriminatorConfig(cDim, imgResolution, imgChannels, base, max, architecture, mbstdGroupSize, mbstdNumChannels, convClamp, null, head, downsample);
    }

    public DiscriminatorConfig withArchitecture(Architecture a) {
        return new DiscriminatorConfig(cDim, imgResolution, imgChannels, channelBase, channelMax, a, mbstdGroupSize, mbstdNumChannels, convClamp, channelTable, head, downsample);
    }

    public DiscriminatorConfig withMbstd(int groupSize, int numChannels) {
        return new DiscriminatorConfig(cDim, imgResolution, imgChannels, channelBase, channelMax, architecture, groupSize, numChannels, convClamp, channelTable, head, downsample);
    }

    /** The D of PacGAN packing: {@code k} images stacked along the channels, with their k labels side by side. */
    public DiscriminatorConfig packed(int k) {
        return new DiscriminatorConfig(cDim * k, imgResolution, imgChannels * k, channelBase, channelMax, architecture, mbstdGroupSize,
                mbstdNumChannels, convClamp, channelTable, head, downsample);
    }

    /** Class-conditional with {@code n} classes (one-hot labels), or unconditional with 0. */
    public DiscriminatorConfig withCDim(int n) {
        return new DiscriminatorConfig(n, imgResolution, imgChannels, channelBase, channelMax, architecture, mbstdGroupSize, mbstdNumChannels, convClamp, channelTable, head, downsample);
    }

    /** Explicit channels per resolution (4 .. imgResolution), as rosinality's tables give them. */
    public DiscriminatorConfig withChannelTable(java.util.Map<Integer, Integer> table) {
        return new DiscriminatorConfig(cDim, imgResolution, imgChannels, channelBase, channelMax, architecture, mbstdGroupSize, mbstdNumChannels, convClamp, table, head, downsample);
    }

    public DiscriminatorConfig withHead(Head h) {
        return new DiscriminatorConfig(cDim, imgResolution, imgChannels, channelBase, channelMax, architecture, mbstdGroupSize, mbstdNumChannels, convClamp, channelTable, h, downsample);
    }

    public DiscriminatorConfig withDownsample(Downsample s) {
        return new DiscriminatorConfig(cDim, imgResolution, imgChannels, channelBase, channelMax, architecture, mbstdGroupSize, mbstdNumChannels, convClamp, channelTable, head, s);
    }
}

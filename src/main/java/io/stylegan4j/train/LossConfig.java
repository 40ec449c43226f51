package io.stylegan4j.train;

/**
 * Loss and regularization hyper-parameters with the official StyleGAN2 defaults.
 *
 * @param kind       NS_R1: non-saturating logistic loss + R1 (StyleGAN, StyleGAN2); WGAN_GP: Wasserstein loss with
 *                   gradient penalty on interpolates and epsilon drift (StyleGAN 1 for CelebA-HQ)
 * @param r1Gamma    R1 weight gamma; the penalty enters the loss as gamma/2 * ||grad||^2
 * @param plWeight   path-length regularization weight (2); 0 disables it
 * @param pack       PacGAN packing (Lin et al. 2018): D judges {@code pack} images at once, stacked along the channels,
 *                   so a G that repeats itself gives D pairs that real data never shows; 1 = off (the papers)
 */
public record LossConfig(
        Kind kind,
        double r1Gamma,
        int dRegInterval,        // lazy R1: every 16 minibatches (0 = with every D step, no lazy correction: the official Dboth)
        double plWeight,
        double plDecay,          // running mean decay of path lengths (0.01)
        int plBatchShrink,       // path-length batch = batch / 2
        int gRegInterval,        // lazy path length: every 4 minibatches (0 = with every G step: the official Gboth)
        double styleMixingProb,  // mixing regularization (0.9)
        double wganLambda,       // WGAN-GP: gradient penalty weight (10)
        double wganTarget,       // WGAN-GP: target gradient norm (1)
        double wganEpsilon,      // WGAN-GP: drift penalty on real logits (0.001)
        int pack) {              // images per D input (1; 0, as in files written before packing existed, means 1)

    public enum Kind { NS_R1, WGAN_GP }

    public LossConfig {
        if (pack == 0) pack = 1;
        if (pack < 1) throw new IllegalArgumentException("--pack must be at least 1, got " + pack);
        if (pack > 1 && kind == Kind.WGAN_GP) throw new IllegalArgumentException("--pack works with the non-saturating loss and R1, not WGAN-GP");
        if (r1Gamma < 0 || plWeight < 0 || styleMixingProb < 0 || styleMixingProb > 1)
            throw new IllegalArgumentException("--gamma and --pl-weight must be >= 0, style mixing in [0, 1]");
        if (plBatchShrink < 1) throw new IllegalArgumentException("pl batch shrink must be >= 1");
        if (dRegInterval < 0 || gRegInterval < 0) throw new IllegalArgumentException("regularization intervals must be >= 0");
    }

    /** Without packing, as both papers. */
    public LossConfig(Kind kind, double r1Gamma, int dRegInterval, double plWeight, double plDecay, int plBatchShrink, int gRegInterval,
                      double styleMixingProb, double wganLambda, double wganTarget, double wganEpsilon) {
        this(kind, r1Gamma, dRegInterval, plWeight, plDecay, plBatchShrink, gRegInterval, styleMixingProb, wganLambda, wganTarget,
                wganEpsilon, 1);
    }

    public static LossConfig stylegan2(double gamma) {
        return new LossConfig(Kind.NS_R1, gamma, 16, 2, 0.01, 2, 4, 0.9, 10, 1, 0.001);
    }

    /** The official {@code auto} heuristic: gamma = 0.0002 * res^2 / batch. */
    public static double autoGamma(int resolution, int batch) {
        return 0.0002 * resolution * resolution / batch;
    }

    public LossConfig withGamma(double gamma) {
        return new LossConfig(kind, gamma, dRegInterval, plWeight, plDecay, plBatchShrink, gRegInterval, styleMixingProb,
                wganLambda, wganTarget, wganEpsilon, pack);
    }

    public LossConfig withKind(Kind k) {
        return new LossConfig(k, r1Gamma, dRegInterval, plWeight, plDecay, plBatchShrink, gRegInterval, styleMixingProb,
                wganLambda, wganTarget, wganEpsilon, pack);
    }

    public LossConfig withPathLength(double weight, int interval) {
        return new LossConfig(kind, r1Gamma, dRegInterval, weight, plDecay, plBatchShrink, interval, styleMixingProb,
                wganLambda, wganTarget, wganEpsilon, pack);
    }

    public LossConfig withStyleMixing(double p) {
        return new LossConfig(kind, r1Gamma, dRegInterval, plWeight, plDecay, plBatchShrink, gRegInterval, p,
                wganLambda, wganTarget, wganEpsilon, pack);
    }

    public LossConfig withRegIntervals(int d, int g) {
        return new LossConfig(kind, r1Gamma, d, plWeight, plDecay, plBatchShrink, g, styleMixingProb,
                wganLambda, wganTarget, wganEpsilon, pack);
    }

    public LossConfig withPack(int k) {
        return new LossConfig(kind, r1Gamma, dRegInterval, plWeight, plDecay, plBatchShrink, gRegInterval, styleMixingProb,
                wganLambda, wganTarget, wganEpsilon, k);
    }
}

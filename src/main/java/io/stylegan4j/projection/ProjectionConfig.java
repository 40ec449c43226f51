package io.stylegan4j.projection;

/**
 * The settings of StyleGAN2 Appendix D's projector, with the official {@code projector.py} defaults.
 *
 * @param numSteps             optimization steps (Adam steps on w and the noise maps)
 * @param wAvgSamples          z samples mapped to estimate w_avg (the start) and w_std (the scale of the w noise)
 * @param initialLearningRate  peak Adam learning rate
 * @param initialNoiseFactor   w noise at step 0, as a fraction of w_std (explores W early, then ramps to 0)
 * @param lrRampdownLength     fraction of the steps over which the lr falls to 0 by a half cosine at the end
 * @param lrRampupLength       fraction of the steps over which the lr rises linearly at the start
 * @param noiseRampLength      fraction of the steps over which the w noise decays quadratically to 0
 * @param regularizeNoiseWeight weight of the multi-scale noise autocorrelation penalty, so the noise maps cannot
 *                             smuggle in the image's content
 * @param wPlus                false = one w broadcast to all layers (official); true = one w per layer (W+)
 * @param seed                 seeds the noise-map initialization and the per-step w noise (official default 303)
 */
public record ProjectionConfig(int numSteps, int wAvgSamples, double initialLearningRate, double initialNoiseFactor,
                               double lrRampdownLength, double lrRampupLength, double noiseRampLength,
                               double regularizeNoiseWeight, boolean wPlus, long seed) {
    /** The seed numpy draws the w_avg estimate's z from (fixed in the official code, independent of --seed). */
    public static final long W_AVG_SEED = 123;

    public ProjectionConfig {
        if (numSteps < 1) throw new IllegalArgumentException("--num-steps must be >= 1, got " + numSteps);
        if (wAvgSamples < 1) throw new IllegalArgumentException("w_avg samples must be >= 1, got " + wAvgSamples);
    }

    public static ProjectionConfig official() {
        return new ProjectionConfig(1000, 10_000, 0.1, 0.05, 0.25, 0.05, 0.75, 1e5, false, 303);
    }

    public ProjectionConfig withNumSteps(int n) {
        return new ProjectionConfig(n, wAvgSamples, initialLearningRate, initialNoiseFactor, lrRampdownLength, lrRampupLength,
                noiseRampLength, regularizeNoiseWeight, wPlus, seed);
    }

    public ProjectionConfig withWPlus(boolean on) {
        return new ProjectionConfig(numSteps, wAvgSamples, initialLearningRate, initialNoiseFactor, lrRampdownLength, lrRampupLength,
                noiseRampLength, regularizeNoiseWeight, on, seed);
    }

    public ProjectionConfig withSeed(long s) {
        return new ProjectionConfig(numSteps, wAvgSamples, initialLearningRate, initialNoiseFactor, lrRampdownLength, lrRampupLength,
                noiseRampLength, regularizeNoiseWeight, wPlus, s);
    }

    public ProjectionConfig withWAvgSamples(int n) {
        return new ProjectionConfig(numSteps, n, initialLearningRate, initialNoiseFactor, lrRampdownLength, lrRampupLength,
                noiseRampLength, regularizeNoiseWeight, wPlus, seed);
    }

    /**
     * Adam's learning rate at {@code step}: a linear ramp-up over the first {@link #lrRampupLength} of the run times
     * a half-cosine ramp-down over the last {@link #lrRampdownLength}. Step 0 has lr 0, as officially.
     */
    public double learningRate(int step) {
        double t = (double) step / numSteps;
        double down = Math.min(1.0, (1.0 - t) / lrRampdownLength);
        down = 0.5 - 0.5 * Math.cos(down * Math.PI);
        return initialLearningRate * down * Math.min(1.0, t / lrRampupLength);
    }

    /** Standard deviation of the Gaussian added to w at {@code step}: w_std * factor * max(0, 1 - t/ramp)^2. */
    public double wNoiseScale(int step, double wStd) {
        double t = (double) step / numSteps;
        double r = Math.max(0.0, 1.0 - t / noiseRampLength);
        return wStd * initialNoiseFactor * r * r;
    }
}

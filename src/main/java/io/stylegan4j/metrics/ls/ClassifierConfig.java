package io.stylegan4j.metrics.ls;

import io.stylegan4j.model.Architecture;
import io.stylegan4j.model.DiscriminatorConfig;

/**
 * How an auxiliary classifier is built and trained. The network is the StyleGAN2 discriminator (resnet, as the
 * paper's classifiers share the discriminator's architecture) with one output logit, narrow enough for a CPU, and
 * without the minibatch-stddev layer: a classifier's answer for one image must not depend on which images share
 * its batch.
 *
 * @param resolution image side the classifier sees (the dataset's)
 * @param imgChannels 1 or 3
 * @param channelBase channels at resolution r are min(channelBase / r, channelMax)
 * @param channelMax widest layer
 * @param kimg training length in thousands of images, per classifier
 * @param batch minibatch size
 * @param lr Adam learning rate (betas 0.9, 0.999)
 * @param heldOutEvery every n-th dataset image (index % n == n - 1) is held out to measure accuracy
 * @param seed minibatch sampling and weight initialization
 */
public record ClassifierConfig(int resolution, int imgChannels, int channelBase, int channelMax, double kimg, int batch, double lr,
                               int heldOutEvery, long seed) {
    public ClassifierConfig {
        if (!(kimg > 0) || Double.isInfinite(kimg)) throw new IllegalArgumentException("--kimg must be a positive number, got " + kimg);
        if (batch < 1) throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        if (!(lr > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
        if (heldOutEvery < 2) throw new IllegalArgumentException("heldOutEvery must be >= 2, got " + heldOutEvery);
        discriminator(resolution, imgChannels, channelBase, channelMax); // validates resolution and channels
    }

    /** Defaults for a dataset of this shape: 32 channels at 32 px, 64 below; 4 kimg; batch 32; lr 0.002; 10% held out. */
    public static ClassifierConfig of(int resolution, int imgChannels) {
        return new ClassifierConfig(resolution, imgChannels, 1024, 64, 4, 32, 0.002, 10, 0);
    }

    public ClassifierConfig withKimg(double k) {
        return new ClassifierConfig(resolution, imgChannels, channelBase, channelMax, k, batch, lr, heldOutEvery, seed);
    }

    public ClassifierConfig withBatch(int b) {
        return new ClassifierConfig(resolution, imgChannels, channelBase, channelMax, kimg, b, lr, heldOutEvery, seed);
    }

    public ClassifierConfig withSeed(long s) {
        return new ClassifierConfig(resolution, imgChannels, channelBase, channelMax, kimg, batch, lr, heldOutEvery, s);
    }

    public ClassifierConfig withChannels(int base, int max) {
        return new ClassifierConfig(resolution, imgChannels, base, max, kimg, batch, lr, heldOutEvery, seed);
    }

    /** The discriminator this classifier is. */
    public DiscriminatorConfig discriminator() {
        return discriminator(resolution, imgChannels, channelBase, channelMax);
    }

    private static DiscriminatorConfig discriminator(int resolution, int imgChannels, int channelBase, int channelMax) {
        return DiscriminatorConfig.of(resolution, imgChannels).withChannels(channelBase, channelMax)
                .withArchitecture(Architecture.RESNET).withMbstd(0, 0);
    }

    /** Whether dataset image {@code i} is held out. */
    public boolean heldOut(int i) {
        return i % heldOutEvery == heldOutEvery - 1;
    }
}

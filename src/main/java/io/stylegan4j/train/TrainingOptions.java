package io.stylegan4j.train;

import io.stylegan4j.augment.AugmentOptions;
import io.stylegan4j.model.DiscriminatorConfig;
import io.stylegan4j.model.GeneratorConfig;

/**
 * Every resolved option of a run; written to training_options.json and into every snapshot, so a run can be
 * reproduced and resumed from its files alone.
 */
public record TrainingOptions(
        String cfg,                 // preset name
        String data,                // dataset spec: folder, zip, or builtin[:res]
        GeneratorConfig g,
        DiscriminatorConfig d,
        LossConfig loss,
        Adam.Settings gOpt,         // before the lazy-regularization correction
        Adam.Settings dOpt,
        int batch,
        double kimg,                // training length in thousands of real images shown to D
        double kimgPerTick,         // statistics granularity
        int snapTicks,              // snapshot (checkpoint + fakes grid) every N ticks
        int keepSnapshots,          // keep the newest N snapshots
        double emaKimg,             // G_ema half-life in kimg
        Double emaRampup,           // null = no ramp-up
        boolean mirror,
        long seed,
        String precision,           // f32, or bf16: convolutions and matmuls under bf16 autocast, f32 weights and optimizer
        String fit,                 // how images of other sizes were cropped to the resolution (center-crop, ...); null = used as they are
        String init,                // the model file G, G_ema and D started from (transfer learning); null = random init
        AugmentOptions augment) {   // what D's inputs go through (ADA); NONE when absent

    public static final java.util.List<String> PRECISIONS = java.util.List.of("f32", "bf16");

    /** f32, the official numerics. */
    public TrainingOptions(String cfg, String data, GeneratorConfig g, DiscriminatorConfig d, LossConfig loss, Adam.Settings gOpt,
                           Adam.Settings dOpt, int batch, double kimg, double kimgPerTick, int snapTicks, int keepSnapshots,
                           double emaKimg, Double emaRampup, boolean mirror, long seed) {
        this(cfg, data, g, d, loss, gOpt, dOpt, batch, kimg, kimgPerTick, snapTicks, keepSnapshots, emaKimg, emaRampup, mirror, seed, "f32", null, null, AugmentOptions.NONE);
    }

    public TrainingOptions(String cfg, String data, GeneratorConfig g, DiscriminatorConfig d, LossConfig loss, Adam.Settings gOpt,
                           Adam.Settings dOpt, int batch, double kimg, double kimgPerTick, int snapTicks, int keepSnapshots,
                           double emaKimg, Double emaRampup, boolean mirror, long seed, String precision) {
        this(cfg, data, g, d, loss, gOpt, dOpt, batch, kimg, kimgPerTick, snapTicks, keepSnapshots, emaKimg, emaRampup, mirror, seed, precision, null, null, AugmentOptions.NONE);
    }

    public TrainingOptions {
        if (precision == null) precision = "f32"; // snapshots written before the option existed
        if (augment == null) augment = AugmentOptions.NONE; // likewise
        if (augment.enabled() && g.imgChannels() != 1 && g.imgChannels() != 3)
            throw new IllegalArgumentException("--aug " + augment.mode().name().toLowerCase() + " needs RGB or grayscale images, got "
                    + g.imgChannels() + " channels; use --aug noaug");
        if (!PRECISIONS.contains(precision))
            throw new IllegalArgumentException("--precision must be one of " + PRECISIONS + ", got '" + precision + "'");
        if (batch <= 0) throw new IllegalArgumentException("--batch must be positive, got " + batch);
        if (kimg <= 0) throw new IllegalArgumentException("--kimg must be positive, got " + kimg);
        if (snapTicks <= 0) throw new IllegalArgumentException("--snap must be positive, got " + snapTicks);
        if (keepSnapshots <= 0) throw new IllegalArgumentException("--keep must be positive, got " + keepSnapshots);
        if (kimgPerTick <= 0) throw new IllegalArgumentException("--tick must be positive, got " + kimgPerTick);
        if (batch % loss.pack() != 0) throw new IllegalArgumentException("--batch " + batch + " must be a multiple of --pack " + loss.pack());
        int dBatch = batch / loss.pack(); // D's inputs per minibatch
        if (d.mbstdGroupSize() > 0 && dBatch % Math.min(d.mbstdGroupSize(), dBatch) != 0)
            throw new IllegalArgumentException("--batch " + batch + (loss.pack() > 1 ? " / --pack " + loss.pack() : "")
                    + " must be a multiple of the minibatch-stddev group size " + d.mbstdGroupSize());
        if (g.imgResolution() != d.imgResolution() || g.imgChannels() * loss.pack() != d.imgChannels())
            throw new IllegalArgumentException("G and D must agree on resolution and channels (D takes " + loss.pack() + " images at once)");
    }

    public TrainingOptions withKimg(double k) {
        return new TrainingOptions(cfg, data, g, d, loss, gOpt, dOpt, batch, k, kimgPerTick, snapTicks, keepSnapshots, emaKimg, emaRampup, mirror, seed, precision, fit, init, augment);
    }

    public TrainingOptions withTick(double kimgPerTick, int snapTicks) {
        return new TrainingOptions(cfg, data, g, d, loss, gOpt, dOpt, batch, kimg, kimgPerTick, snapTicks, keepSnapshots, emaKimg, emaRampup, mirror, seed, precision, fit, init, augment);
    }

    /** PacGAN packing of k images per D input: D and the loss change together (each alone would not validate). */
    public TrainingOptions withPack(int k) {
        if (k < 1) throw new IllegalArgumentException("--pack must be at least 1, got " + k); // LossConfig reads 0 as 1 (older files)
        if (loss.pack() != 1) throw new IllegalStateException("already packed by " + loss.pack());
        return new TrainingOptions(cfg, data, g, d.packed(k), loss.withPack(k), gOpt, dOpt, batch, kimg, kimgPerTick, snapTicks, keepSnapshots, emaKimg, emaRampup, mirror, seed, precision, fit, init, augment);
    }

    public TrainingOptions withLoss(LossConfig l) {
        return new TrainingOptions(cfg, data, g, d, l, gOpt, dOpt, batch, kimg, kimgPerTick, snapTicks, keepSnapshots, emaKimg, emaRampup, mirror, seed, precision, fit, init, augment);
    }

    public TrainingOptions withBatch(int b) {
        return new TrainingOptions(cfg, data, g, d, loss, gOpt, dOpt, b, kimg, kimgPerTick, snapTicks, keepSnapshots, emaKimg, emaRampup, mirror, seed, precision, fit, init, augment);
    }

    public TrainingOptions withNetworks(GeneratorConfig g2, DiscriminatorConfig d2) {
        return new TrainingOptions(cfg, data, g2, d2, loss, gOpt, dOpt, batch, kimg, kimgPerTick, snapTicks, keepSnapshots, emaKimg, emaRampup, mirror, seed, precision, fit, init, augment);
    }

    public TrainingOptions withOptimizers(Adam.Settings g2, Adam.Settings d2) {
        return new TrainingOptions(cfg, data, g, d, loss, g2, d2, batch, kimg, kimgPerTick, snapTicks, keepSnapshots, emaKimg, emaRampup, mirror, seed, precision, fit, init, augment);
    }

    public TrainingOptions withRun(boolean mirror, long seed, int keep) {
        return new TrainingOptions(cfg, data, g, d, loss, gOpt, dOpt, batch, kimg, kimgPerTick, snapTicks, keep, emaKimg, emaRampup, mirror, seed, precision, fit, init, augment);
    }

    public TrainingOptions withPrecision(String p) {
        return new TrainingOptions(cfg, data, g, d, loss, gOpt, dOpt, batch, kimg, kimgPerTick, snapTicks, keepSnapshots, emaKimg, emaRampup, mirror, seed, p, fit, init, augment);
    }

    public TrainingOptions withData(String spec, String fit2) {
        return new TrainingOptions(cfg, spec, g, d, loss, gOpt, dOpt, batch, kimg, kimgPerTick, snapTicks, keepSnapshots, emaKimg, emaRampup, mirror, seed, precision, fit2, init, augment);
    }

    public TrainingOptions withInit(String modelFile) {
        return new TrainingOptions(cfg, data, g, d, loss, gOpt, dOpt, batch, kimg, kimgPerTick, snapTicks, keepSnapshots, emaKimg, emaRampup, mirror, seed, precision, fit, modelFile, augment);
    }

    public TrainingOptions withEma(double kimg, Double rampup) {
        return new TrainingOptions(cfg, data, g, d, loss, gOpt, dOpt, batch, this.kimg, kimgPerTick, snapTicks, keepSnapshots, kimg, rampup, mirror, seed, precision, fit, init, augment);
    }

    public TrainingOptions withAugment(AugmentOptions a) {
        return new TrainingOptions(cfg, data, g, d, loss, gOpt, dOpt, batch, kimg, kimgPerTick, snapTicks, keepSnapshots, emaKimg, emaRampup, mirror, seed, precision, fit, init, a);
    }

    public boolean bf16() {
        return precision.equals("bf16");
    }
}

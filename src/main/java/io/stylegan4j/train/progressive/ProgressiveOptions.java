package io.stylegan4j.train.progressive;

import io.stylegan4j.model.v1.ProGanConfig;
import io.stylegan4j.model.v1.ProgressiveDiscriminatorConfig;
import io.stylegan4j.model.v1.StyleGeneratorConfig;
import io.stylegan4j.train.LossConfig;

/**
 * Every resolved option of a progressive (StyleGAN v1 / ProGAN) run, with the official training_loop.py defaults;
 * written to training_options.json and into every snapshot. Exactly one of {@code styleG}, {@code proGanG} is set.
 *
 * @param loss only {@code kind}, {@code r1Gamma} and the {@code wgan*} fields apply: v1 regularizes every D step
 */
public record ProgressiveOptions(
        String cfg,                         // preset name (sg1, sg1-a .. sg1-f)
        String data,
        StyleGeneratorConfig styleG,
        ProGanConfig proGanG,
        ProgressiveDiscriminatorConfig d,
        LossConfig loss,                    // NS + R1 (StyleGAN: gamma 10) or WGAN-GP (ProGAN, CelebA-HQ)
        double adamBeta1,                   // 0
        double adamBeta2,                   // 0.99
        double adamEpsilon,                 // 1e-8
        ProgressiveSchedule schedule,
        int minibatchRepeats,               // minibatches run before the schedule is re-evaluated (4)
        boolean resetOptForNewLod,          // zero Adam's state when layers come in or finish fading in (true)
        double gSmoothingKimg,              // G_ema half-life in kimg (10)
        double kimg,                        // training length
        int snapTicks,
        int keepSnapshots,
        boolean mirror,
        long seed) {

    public ProgressiveOptions {
        if ((styleG == null) == (proGanG == null)) throw new IllegalArgumentException("exactly one generator config is needed");
        int res = styleG != null ? styleG.resolution() : proGanG.resolution();
        int ch = styleG != null ? styleG.numChannels() : proGanG.numChannels();
        if (res != d.resolution() || ch != d.numChannels()) throw new IllegalArgumentException("G and D must agree on resolution and channels");
        if (schedule.initialResolution() > res)
            throw new IllegalArgumentException("the initial resolution " + schedule.initialResolution() + " exceeds the model's " + res);
        if (kimg <= 0) throw new IllegalArgumentException("--kimg must be positive, got " + kimg);
        if (minibatchRepeats < 1 || snapTicks < 1 || keepSnapshots < 1) throw new IllegalArgumentException("repeats, --snap and --keep must be >= 1");
        int unit = schedule.minibatchUnit();
        int group = d.mbstdGroupSize();
        if (group > 1 && unit % group != 0 && group % unit != 0)
            throw new IllegalArgumentException("minibatch sizes must be multiples of the minibatch-stddev group size " + group);
    }

    public int resolution() {
        return d.resolution();
    }

    public ProgressiveOptions withKimg(double k) {
        return new ProgressiveOptions(cfg, data, styleG, proGanG, d, loss, adamBeta1, adamBeta2, adamEpsilon, schedule, minibatchRepeats,
                resetOptForNewLod, gSmoothingKimg, k, snapTicks, keepSnapshots, mirror, seed);
    }

    public ProgressiveOptions withSchedule(ProgressiveSchedule s) {
        return new ProgressiveOptions(cfg, data, styleG, proGanG, d, loss, adamBeta1, adamBeta2, adamEpsilon, s, minibatchRepeats,
                resetOptForNewLod, gSmoothingKimg, kimg, snapTicks, keepSnapshots, mirror, seed);
    }

    public ProgressiveOptions withLoss(LossConfig l) {
        return new ProgressiveOptions(cfg, data, styleG, proGanG, d, l, adamBeta1, adamBeta2, adamEpsilon, schedule, minibatchRepeats,
                resetOptForNewLod, gSmoothingKimg, kimg, snapTicks, keepSnapshots, mirror, seed);
    }

    public ProgressiveOptions withRun(String data, boolean mirror, long seed, int snapTicks, int keep) {
        return new ProgressiveOptions(cfg, data, styleG, proGanG, d, loss, adamBeta1, adamBeta2, adamEpsilon, schedule, minibatchRepeats,
                resetOptForNewLod, gSmoothingKimg, kimg, snapTicks, keep, mirror, seed);
    }

    public ProgressiveOptions withNetworks(StyleGeneratorConfig s, ProGanConfig p, ProgressiveDiscriminatorConfig dc) {
        return new ProgressiveOptions(cfg, data, s, p, dc, loss, adamBeta1, adamBeta2, adamEpsilon, schedule, minibatchRepeats,
                resetOptForNewLod, gSmoothingKimg, kimg, snapTicks, keepSnapshots, mirror, seed);
    }
}

package io.stylegan4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stylegan4j.data.Dataset;
import io.stylegan4j.data.Datasets;
import io.stylegan4j.io.SafeTensors;
import io.stylegan4j.model.v1.ProGanConfig;
import io.stylegan4j.model.v1.StyleGeneratorConfig;
import io.stylegan4j.train.LossConfig;
import io.stylegan4j.train.TrainingLoop;
import io.stylegan4j.train.progressive.ProgressiveLoop;
import io.stylegan4j.train.progressive.ProgressiveOptions;
import io.stylegan4j.train.progressive.ProgressiveSchedule;
import io.stylegan4j.train.progressive.V1Presets;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.pytorch.Device;

/** {@code train --cfg sg1*}: the TrainCommand flags applied to a StyleGAN v1 / ProGAN preset, then the progressive loop. */
final class ProgressiveTraining {
    private final TrainCommand c;

    ProgressiveTraining(TrainCommand c) {
        this.c = c;
    }

    int run(Device dev, Path resumeFrom) throws Exception {
        rejectStyleGan2Only();
        if (c.minutes != null) TrainingLoop.checkedMinutes(c.minutes);
        ProgressiveOptions o;
        try (Dataset ds = Datasets.open(resumeFrom != null ? ProgressiveLoop.readHeader(resumeFrom, SafeTensors.read(resumeFrom)).opts().data()
                : c.dataSpec())) {
            if (resumeFrom != null) {
                o = ProgressiveLoop.readHeader(resumeFrom, SafeTensors.read(resumeFrom)).opts();
                if (c.length() != null) o = o.withKimg(TrainCommand.positive("--kimg", c.length()));
            } else {
                o = options(ds);
            }
            System.out.println("training options: " + new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o));
            System.out.printf("dataset: %s (%d images, %dx%dx%d)%n", ds.description(), ds.size(), ds.channels(), ds.resolution(), ds.resolution());
            EngineOptions.warnIfUntuned("train", dev);
            ProgressiveLoop loop = new ProgressiveLoop(o, c.outdir, ds, dev, System.out);
            if (c.minutes != null) loop.deadline(c.minutes);
            Path last = loop.run(resumeFrom);
            System.out.println("train: done; final snapshot " + last);
        }
        return 0;
    }

    private void rejectStyleGan2Only() {
        String flag = c.plWeight != null ? "--pl-weight" : c.gArch != null ? "--g-arch" : c.dArch != null ? "--d-arch"
                : c.precision != null ? "--precision" : c.cond ? "--cond" : null;
        if (flag != null)
            throw new IllegalArgumentException(flag + " is a StyleGAN2 option; StyleGAN v1 / ProGAN (--cfg " + c.cfg + ") does not have it");
        String notYet = c.init != null ? "--init" : c.resolution != null ? "--resolution" : c.transform != null ? "--transform"
                : c.allowNewData ? "--allow-new-data" : c.metrics != null ? "--metrics" : c.map != null ? "--map" : c.ema != null ? "--ema"
                : c.emaRampup != null ? "--ema-rampup" : c.mbstdNum != null ? "--mbstd-num" : c.r1Interval != null ? "--r1-interval"
                : c.pack != null ? "--pack" : null;
        if (notYet != null)
            throw new IllegalArgumentException(notYet + " is not supported for StyleGAN v1 / ProGAN runs yet; use a dataset of the model's size"
                    + " (stylegan4j dataset --resolution R) and start or --resume the run without it");
    }

    private ProgressiveOptions options(Dataset ds) {
        ProgressiveOptions o = V1Presets.resolve(c.cfg, c.dataSpec(), ds.resolution(), ds.channels(), c.cpuSize);
        ProgressiveSchedule s = o.schedule();
        if (c.lodKimg != null) {
            double k = c.lodKimg;
            if (!(k >= 0) || Double.isInfinite(k)) throw new IllegalArgumentException("--lod-kimg must be >= 0, got " + k);
            s = s.withPhases(s.initialResolution(), k, k);
        }
        if (c.initialRes != null) {
            int r = c.initialRes;
            if (r < 4 || Integer.bitCount(r) != 1 || r > ds.resolution())
                throw new IllegalArgumentException("--initial-res must be a power of two from 4 to the dataset's " + ds.resolution() + ", got " + r);
            s = s.withPhases(r, s.lodTrainingKimg(), s.lodTransitionKimg());
        }
        if (c.batch != null) {
            if (c.batch < 1) throw new IllegalArgumentException("--batch must be positive, got " + c.batch);
            s = s.withMinibatch(c.batch, Map.of());
        }
        if (c.glr != null || c.dlr != null)
            s = s.withLrates(c.glr != null ? TrainCommand.positive("--glr", c.glr) : s.gLrateBase(), c.glr != null ? Map.of() : s.gLrateDict(),
                    c.dlr != null ? TrainCommand.positive("--dlr", c.dlr) : s.dLrateBase(), c.dlr != null ? Map.of() : s.dLrateDict());
        if (c.tick != null) s = s.withTicks(TrainCommand.positive("--tick", c.tick), Map.of());
        o = o.withSchedule(s);
        if (c.length() != null) o = o.withKimg(TrainCommand.positive("--kimg", c.length()));
        LossConfig l = o.loss();
        if (c.gamma != null) l = l.withGamma(c.gamma);
        if (c.loss != null) l = l.withKind(switch (c.loss) {
            case "ns-r1" -> LossConfig.Kind.NS_R1;
            case "wgan-gp" -> LossConfig.Kind.WGAN_GP;
            default -> throw new IllegalArgumentException("--loss must be ns-r1 or wgan-gp, got '" + c.loss + "'");
        });
        o = o.withLoss(l).withRun(c.dataSpec(), c.mirror, c.seed != null ? c.seed : 0, c.snap != null ? c.snap : o.snapTicks(),
                c.keep != null ? c.keep : 3);
        StyleGeneratorConfig sg = o.styleG();
        ProGanConfig pg = o.proGanG();
        var d = o.d();
        if (c.styleMixing != null) {
            if (sg == null) throw new IllegalArgumentException("--style-mixing: ProGAN (sg1-a) has no styles to mix");
            double p = c.styleMixing;
            if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("--style-mixing must be in [0, 1], got " + p);
            sg = sg.withSwitches(sg.useStyles(), sg.constInputLayer(), sg.useNoise(), sg.usePixelNorm(), sg.useInstanceNorm(), p);
        }
        if (c.cbase != null || c.cmax != null) {
            // --cbase keeps StyleGAN2's meaning (channels at res r = cbase / r); TF's fmap_base counts from stage 0 = 2x2.
            int base = c.cbase != null ? c.cbase / 2 : d.fmapBase(), max = c.cmax != null ? c.cmax : d.fmapMax();
            if (base < 1 || max < 1) throw new IllegalArgumentException("--cbase and --cmax must be positive");
            if (sg != null) sg = sg.withFmaps(base, max);
            if (pg != null) pg = pg.withFmaps(base, max);
            d = d.withFmaps(base, max);
        }
        if (c.mbstdGroup != null) d = d.withMbstd(c.mbstdGroup, d.mbstdNumFeatures());
        return o.withNetworks(sg, pg, d);
    }
}

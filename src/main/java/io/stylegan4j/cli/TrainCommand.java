package io.stylegan4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stylegan4j.augment.AugmentOptions;
import io.stylegan4j.checkpoint.ModelFile;
import io.stylegan4j.checkpoint.V1ModelFile;
import io.stylegan4j.data.CropTransform;
import io.stylegan4j.data.Dataset;
import io.stylegan4j.data.Datasets;
import io.stylegan4j.data.ImageFit;
import io.stylegan4j.metrics.MetricOptions;
import io.stylegan4j.metrics.MetricRegistry;
import io.stylegan4j.metrics.Metrics;
import io.stylegan4j.model.Architecture;
import io.stylegan4j.model.DiscriminatorConfig;
import io.stylegan4j.model.GeneratorConfig;
import io.stylegan4j.train.Checkpoint;
import io.stylegan4j.train.LossConfig;
import io.stylegan4j.train.Presets;
import io.stylegan4j.train.TrainingLoop;
import io.stylegan4j.train.TrainingOptions;
import io.stylegan4j.train.TrainingProgress;
import io.stylegan4j.train.progressive.V1Presets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Device;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train StyleGAN2 (or, with --cfg sg1*, StyleGAN v1 / ProGAN with progressive growing) on a folder of images,"
                + " a dataset ZIP, or the built-in shapes; resumable."})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--outdir", required = true, description = "run directory (snapshots, stats.jsonl, grids, curves.png)")
    Path outdir;

    @Option(names = "--data", description = "image folder, dataset ZIP, or builtin[:32|64] (default builtin; with --resume, the snapshot's)")
    String data;

    @Option(names = "--allow-new-data", description = "with --resume: continue on data whose content hash differs from the snapshot's")
    boolean allowNewData;

    @Option(names = "--init", paramLabel = "MODEL", description = "start a new run from any model file's G, G_ema and D weights "
            + "(transfer learning; the networks are the file's, optimizers and counters start fresh)")
    Path init;

    @Option(names = "--resolution", description = "train at R x R, fitting images of any size and aspect ratio (default: the folder's size "
            + "if all images share one square power-of-two size, else the most common size rounded down to a power of two)")
    Integer resolution;

    @Option(names = "--transform", description = "how images are fitted to the resolution: center-crop (default), center-crop-wide "
            + "(2:1, letterboxed) or pad (whole image, black bars); decoded and resized once, with the dataset command's resampler")
    String transform;

    @Option(names = "--cfg", description = "preset: cpu32, cpu64, auto, paper256, stylegan2 (StyleGAN2, default cpu32);"
            + " sg1 (StyleGAN v1 config F for CPU), sg1-a .. sg1-f (StyleGAN Table 1: a = ProGAN)")
    String cfg;

    @Option(names = "--cpu-size", description = "StyleGAN v1 presets: sg1's CPU-sized networks and schedule for any sg1-a .. sg1-f")
    boolean cpuSize;

    @Option(names = "--lod-kimg", description = "StyleGAN v1: thousands of images per resolution phase and per fade-in")
    Double lodKimg;

    @Option(names = "--initial-res", description = "StyleGAN v1: resolution progressive growing starts at")
    Integer initialRes;

    @Option(names = "--kimg", description = "training length in thousands of real images")
    Double kimg;

    @Option(names = "--batch", description = "minibatch size")
    Integer batch;

    @Option(names = "--gamma", description = "R1 weight (the preset's by default; 'auto' uses 0.0002*res^2/batch)")
    Double gamma;

    @Option(names = "--loss", description = "ns-r1 (non-saturating + R1, default) or wgan-gp")
    String loss;

    @Option(names = "--pl-weight", description = "path-length regularization weight (0 = off)")
    Double plWeight;

    @Option(names = "--style-mixing", description = "style-mixing regularization probability")
    Double styleMixing;

    @Option(names = "--g-arch", description = "generator architecture: orig, skip, resnet")
    String gArch;

    @Option(names = "--d-arch", description = "discriminator architecture: orig, skip, resnet")
    String dArch;

    @Option(names = "--d-head", description = "D's 4x4 head: flatten (the paper's) or average (the mean over the positions; with "
            + "--d-downsample stride, more fakes of the built-in shapes show their class in the first 40 kimg: docs/learning)")
    String dHead;

    @Option(names = "--d-downsample", description = "how D halves the resolution: blur (the paper's [1,3,3,1] low-pass, then a "
            + "stride-2 conv) or stride (plain stride-2 convs)")
    String dDownsample;

    @Option(names = "--glr", description = "generator learning rate (the preset's by default)")
    Double glr;

    @Option(names = "--dlr", description = "discriminator learning rate (the preset's by default)")
    Double dlr;

    @Option(names = "--cbase", description = "channel base of G and D: channels at res r = min(cbase / r, cmax)")
    Integer cbase;

    @Option(names = "--cmax", description = "maximum channels of G and D")
    Integer cmax;

    @Option(names = "--mbstd-group", description = "minibatch-stddev group size (0 = whole batch; the preset's by default)")
    Integer mbstdGroup;

    @Option(names = "--minutes", description = "stop after this many minutes of wall clock (a final snapshot at the step past it), "
            + "or at --kimg, whichever comes first; without --kimg the clock alone ends the run; one process only")
    Double minutes;

    @Option(names = "--mbstd-num", description = "minibatch-stddev feature channels (the preset's by default)")
    Integer mbstdNum;

    @Option(names = "--pack", description = "PacGAN packing: D judges N images at once, stacked along the channels, which a G that "
            + "repeats itself cannot fool (default 1 = off, as the papers)")
    Integer pack;

    @Option(names = "--map", description = "mapping network depth in FC layers (the preset's by default; StyleGAN: 8)")
    Integer map;

    @Option(names = "--ema", description = "G_ema half-life in kimg (the preset's by default)")
    Double ema;

    @Option(names = "--ema-rampup", description = "G_ema ramp-up: half-life at most this fraction of the images seen (0 = none)")
    Double emaRampup;

    @Option(names = "--r1-interval", description = "lazy R1: apply it every N minibatches (the preset's by default, official 16)")
    Integer r1Interval;

    @Option(names = "--precision", description = "f32 (default, the official numerics) or bf16: mixed precision, convolutions in bf16 "
            + "(AMX on recent Xeons), weights and optimizer in f32; measured 1.3x faster than f32 at 64 px with 512 channels "
            + "(bench --mode train, 2 cores: 10.7 against 13.9 s per iteration)")
    String precision;

    @Option(names = "--cond", description = "class-conditional on the dataset's labels (dataset.json), as the official --cond=1")
    boolean cond;

    @Option(names = "--aug", description = "augmentation of what D sees: noaug (the presets' default), ada (adaptive p, "
            + "StyleGAN2-ADA), fixed (constant --p)")
    String aug;

    @Option(names = "--p", description = "augmentation probability for --aug fixed, in [0, 1]")
    Double p;

    @Option(names = "--target", description = "ADA target for E[sign(D(real))] with --aug ada (default 0.6)")
    Double target;

    @Option(names = "--augpipe", description = "augmentations: bgc (default: blit, geometric, colour), bg, blit, geom, color")
    String augpipe;

    @Option(names = "--mirror", description = "add x-flips of the images (augmentation)")
    boolean mirror;

    @Option(names = "--tick", description = "kimg per statistics tick")
    Double tick;

    @Option(names = "--snap", description = "snapshot every N ticks")
    Integer snap;

    @Option(names = "--keep", description = "keep the newest N snapshots (default 3)")
    Integer keep;

    @Option(names = "--resume", description = "a snapshot file, or 'latest' for the newest valid one in --outdir; the run keeps the "
            + "snapshot's options (only --kimg, --tick, --snap and --keep may change)")
    String resume;

    @Option(names = "--seed", description = "random seed (default 0)")
    Long seed;

    @Option(names = "--metrics", split = ",", description = "metrics evaluated at every snapshot, e.g. fid10k or fid50k_full,pr50k3_full "
            + "(appended to metric-<name>.jsonl in --outdir and drawn into curves.png)")
    List<String> metrics;

    @Mixin
    DetectorOptions detector;

    @Mixin
    EngineOptions engine;

    @Mixin
    DistributedFlags dist;

    @Override
    public Integer call() throws Exception {
        if (minutes != null) dist.rejectFor("--minutes (ranks would disagree on when it passed)");
        if (dist.launches()) return dist.launch();
        Device dev = engine.open();
        if (resume != null && init != null)
            throw new IllegalArgumentException("--init starts a new run from a model's weights and --resume continues a run; pass one of them");
        if (allowNewData && resume == null) throw new IllegalArgumentException("--allow-new-data only applies with --resume");
        Path resumeFrom = resolveResume();
        boolean v1 = resumeFrom != null ? V1ModelFile.isV1(resumeFrom) : V1Presets.isV1(cfg);
        if (v1) {
            dist.rejectFor("StyleGAN v1 / ProGAN");
            return new ProgressiveTraining(this).run(dev, resumeFrom);
        }
        rejectV1Only();
        ResumeFlags resumed = resumeFrom == null ? null : new ResumeFlags(this, resumeFrom);
        TrainingOptions o;
        try (Dataset ds = resumed != null ? Datasets.open(resumed.dataSpec(), fitOf(resumed.snapshot())) : Datasets.open(dataSpec(), fit())) {
            if (resumed != null) {
                o = resumed.options(ds, System.out, System.err);
            } else {
                o = options(ds).withData(dataSpec(), ds.fit());
                if (init != null) o = initFrom(o, ds);
            }
            System.out.println("training options: " + new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o));
            System.out.printf("dataset: %s (%d images, %dx%dx%d)%n", ds.description(), ds.size(), ds.channels(), ds.resolution(), ds.resolution());
            EngineOptions.warnIfUntuned("train", dev);
            TrainingLoop loop = new TrainingLoop(o, outdir, ds, dev, System.out);
            if (minutes != null) loop.deadline(minutes);
            List<String> names = metrics == null ? null : MetricRegistry.parse(String.join(",", metrics));
            MetricOptions mo = MetricOptions.defaults(dev).withDetectors(detector.files());
            if (names != null) Metrics.preflight(names, mo); // a missing detector fails now, not after the first snapshot
            try (DistributedFlags.Split split = dist.open(o)) {
                if (split != null) loop.split(split.split());
                if (names != null) loop.snapshotListener((snap, gEma, n) -> Metrics.evaluateSnapshot(outdir.toAbsolutePath().normalize(),
                        snap, gEma, ds, names, mo, System.out, split == null ? null : split.shard()));
                Path last = loop.run(resumeFrom);
                System.out.println("train: done; final snapshot " + last);
            }
        }
        return 0;
    }

    private ImageFit fit() {
        return new ImageFit(resolution == null ? 0 : resolution, transform == null ? null : CropTransform.parse(transform));
    }

    private static ImageFit fitOf(TrainingOptions o) {
        return o.fit() == null ? ImageFit.NATIVE : new ImageFit(o.g().imgResolution(), CropTransform.parse(o.fit()));
    }

    /** The built-in shapes take --resolution as their size. */
    String dataSpec() {
        String spec = data != null ? data : Datasets.BUILTIN;
        return resolution != null && spec.equals(Datasets.BUILTIN) ? Datasets.BUILTIN + ":" + resolution : spec;
    }

    /** --init: the networks are the model file's (flags that shape them would be ignored, so they are refused). */
    private TrainingOptions initFrom(TrainingOptions o, Dataset ds) {
        String[][] shaping = {{"--cbase", str(cbase)}, {"--cmax", str(cmax)}, {"--g-arch", gArch}, {"--d-arch", dArch}, {"--d-head", dHead},
                {"--d-downsample", dDownsample}, {"--mbstd-group", str(mbstdGroup)},
                {"--mbstd-num", str(mbstdNum)}, {"--map", str(map)}, {"--pack", str(pack)}};
        for (String[] f : shaping)
            if (f[1] != null) throw new IllegalArgumentException(f[0] + " " + f[1] + ": with --init the networks are " + init + "'s; drop the flag");
        ModelFile.Contents c = ModelFile.read(init);
        GeneratorConfig gc = c.gConfig();
        if (gc.imgResolution() != ds.resolution() || gc.imgChannels() != ds.channels())
            throw new IllegalArgumentException("--init " + init + " makes " + gc.imgChannels() + "x" + gc.imgResolution() + "x" + gc.imgResolution()
                    + " images but the data is " + ds.channels() + "x" + ds.resolution() + "x" + ds.resolution()
                    + "; fit the data to the model with --resolution " + gc.imgResolution());
        DiscriminatorConfig dc = c.hasD() ? c.dConfig() : o.d().withCDim(gc.cDim());
        AugmentOptions a = o.augment();
        // As the official train.py for a run started from a network: ADA reacts 5x faster (ada_kimg 500 -> 100).
        if (a.mode() == AugmentOptions.Mode.ADA) o = o.withAugment(new AugmentOptions(a.mode(), a.p(), a.target(), a.interval(), 100, a.pipe()));
        return o.withNetworks(gc, dc).withInit(init.toString());
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    /** The flags only progressive (v1) training reads: refused on a StyleGAN2 run rather than silently ignored. */
    private void rejectV1Only() {
        String flag = cpuSize ? "--cpu-size" : lodKimg != null ? "--lod-kimg" : initialRes != null ? "--initial-res" : null;
        if (flag != null)
            throw new IllegalArgumentException(flag + " is a StyleGAN v1 option (progressive growing); use it with --cfg sg1 or sg1-a .. sg1-f");
    }

    /**
     * The training length the flags ask for, in kimg: --kimg; or, with --minutes alone, no cap a run could reach, so
     * the clock ends it; null keeps the preset's (or the snapshot's) length.
     */
    Double length() {
        return kimg != null ? kimg : minutes != null ? TrainingProgress.CLOCK_ONLY_KIMG : null;
    }

    static double positive(String flag, double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(flag + " must be a positive number, got " + v);
        return v;
    }

    /** --aug, --p, --target, --augpipe over the preset's choice, with the official train.py's rules. */
    private AugmentOptions augment(AugmentOptions preset) {
        AugmentOptions.Mode mode = preset.mode();
        if (aug != null) mode = switch (aug) {
            case "ada" -> AugmentOptions.Mode.ADA;
            case "noaug" -> AugmentOptions.Mode.NOAUG;
            case "fixed" -> AugmentOptions.Mode.FIXED;
            default -> throw new IllegalArgumentException("--aug must be ada, noaug or fixed, got '" + aug + "'");
        };
        if (p != null && mode != AugmentOptions.Mode.FIXED) throw new IllegalArgumentException("--p can only be given with --aug fixed");
        if (p == null && mode == AugmentOptions.Mode.FIXED && aug != null) throw new IllegalArgumentException("--aug fixed needs --p");
        if (target != null && mode != AugmentOptions.Mode.ADA) throw new IllegalArgumentException("--target can only be given with --aug ada");
        if (augpipe != null && mode == AugmentOptions.Mode.NOAUG) throw new IllegalArgumentException("--augpipe cannot be given with --aug noaug");
        double p0 = mode == AugmentOptions.Mode.FIXED ? (p != null ? p : preset.p()) : 0;
        return new AugmentOptions(mode, p0, target != null ? target : preset.target(), preset.interval(), preset.kimg(),
                augpipe != null ? augpipe : preset.pipe());
    }

    private Path resolveResume() {
        if (resume == null) return null;
        if (resume.equals("latest")) {
            if (Checkpoint.latest(outdir) == null)
                throw new IllegalArgumentException("--resume latest: no snapshot in " + outdir + "; start without --resume");
            Path p = Checkpoint.latestValid(outdir, System.err);
            if (p == null)
                throw new IllegalArgumentException("--resume latest: no valid snapshot in " + outdir + " (see the warnings); start without --resume");
            return p;
        }
        Path p = Path.of(resume);
        if (!p.toFile().isFile()) throw new IllegalArgumentException("--resume " + resume + ": no such snapshot file");
        return p;
    }

    private TrainingOptions options(Dataset ds) {
        TrainingOptions o = Presets.resolve(cfg != null ? cfg : "cpu32", dataSpec(), ds.resolution(), ds.channels());
        if (batch != null) o = o.withBatch(batch);
        if (length() != null) o = o.withKimg(length());
        LossConfig l = o.loss();
        if (gamma != null) l = l.withGamma(gamma);
        else if ("auto".equals(cfg)) l = l.withGamma(LossConfig.autoGamma(ds.resolution(), o.batch()));
        if (loss != null) l = l.withKind(switch (loss) {
            case "ns-r1" -> LossConfig.Kind.NS_R1;
            case "wgan-gp" -> LossConfig.Kind.WGAN_GP;
            default -> throw new IllegalArgumentException("--loss must be ns-r1 or wgan-gp, got '" + loss + "'");
        });
        if (plWeight != null) l = l.withPathLength(plWeight, l.gRegInterval());
        if (styleMixing != null) l = l.withStyleMixing(styleMixing);
        if (r1Interval != null) {
            if (r1Interval < 1) throw new IllegalArgumentException("--r1-interval must be at least 1, got " + r1Interval);
            l = l.withRegIntervals(r1Interval, l.gRegInterval());
        }
        o = o.withLoss(l).withRun(mirror, seed != null ? seed : 0, keep != null ? keep : 3);
        if (precision != null) o = o.withPrecision(precision);
        if (tick != null || snap != null) o = o.withTick(tick != null ? tick : o.kimgPerTick(), snap != null ? snap : o.snapTicks());
        if (ema != null || emaRampup != null) {
            Double ramp = emaRampup == null ? o.emaRampup() : emaRampup == 0 ? null : positive("--ema-rampup", emaRampup);
            o = o.withEma(ema != null ? positive("--ema", ema) : o.emaKimg(), ramp);
        }
        if (mbstdNum != null && mbstdNum < 1) throw new IllegalArgumentException("--mbstd-num must be at least 1, got " + mbstdNum);
        DiscriminatorConfig dc = mbstdGroup != null || mbstdNum != null
                ? o.d().withMbstd(mbstdGroup != null ? mbstdGroup : o.d().mbstdGroupSize(), mbstdNum != null ? mbstdNum : o.d().mbstdNumChannels()) : o.d();
        GeneratorConfig gc = o.g();
        if (map != null) {
            if (map < 1) throw new IllegalArgumentException("--map must be at least 1, got " + map);
            gc = gc.withMappingLayers(map);
        }
        if (cbase != null || cmax != null) {
            int base = cbase != null ? cbase : gc.channelBase(), max = cmax != null ? cmax : gc.channelMax();
            gc = gc.withChannels(base, max);
            dc = dc.withChannels(base, max);
        }
        if (cond) {
            if (!ds.hasLabels() || ds.classCount() < 2)
                throw new IllegalArgumentException("--cond needs a dataset with class labels (a dataset.json with \"labels\"); "
                        + ds.description() + " has " + (ds.hasLabels() ? ds.classCount() + " class" : "none"));
            gc = gc.withCDim(ds.classCount());
            dc = dc.withCDim(ds.classCount());
        }
        o = o.withAugment(augment(o.augment()));
        if (gArch != null) gc = gc.withArchitecture(Architecture.parse(gArch));
        if (dArch != null) dc = dc.withArchitecture(Architecture.parse(dArch));
        if (dHead != null) dc = dc.withHead(DiscriminatorConfig.Head.parse(dHead));
        if (dDownsample != null) dc = dc.withDownsample(DiscriminatorConfig.Downsample.parse(dDownsample));
        o = o.withNetworks(gc, dc).withOptimizers(glr != null ? o.gOpt().withLr(positive("--glr", glr)) : o.gOpt(),
                dlr != null ? o.dOpt().withLr(positive("--dlr", dlr)) : o.dOpt());
        return pack != null ? o.withPack(pack) : o; // last: after --cond, the packed D takes pack labels per input
    }
}

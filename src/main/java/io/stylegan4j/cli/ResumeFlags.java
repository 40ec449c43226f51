package io.stylegan4j.cli;

import io.stylegan4j.augment.AugmentOptions;
import io.stylegan4j.checkpoint.ModelFile;
import io.stylegan4j.data.Dataset;
import io.stylegan4j.train.Checkpoint;
import io.stylegan4j.train.TrainingOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code train --resume}: the run continues with the snapshot's options. A flag that repeats the snapshot's value is
 * fine, one that contradicts it is refused (it would be silently ignored otherwise), and only the flags that say how
 * long to train and how often to save may change. The data must be the same content unless {@code --allow-new-data}.
 */
final class ResumeFlags {
    private final TrainCommand cmd;
    private final Path file;
    private final TrainingOptions snapshot;
    private final String datasetSha256;
    private final List<String> taken = new ArrayList<>();
    private final List<String> changed = new ArrayList<>();

    ResumeFlags(TrainCommand cmd, Path file) {
        this.cmd = cmd;
        this.file = file;
        ModelFile.Contents c = ModelFile.read(file);
        this.snapshot = Checkpoint.readHeader(file, c.tensors()).opts();
        this.datasetSha256 = c.provenance() == null ? null : c.provenance().datasetSha256();
        TrainingOptions s = snapshot;
        same("--cfg", cmd.cfg, s.cfg());
        same("--data", cmd.data, s.data(), true); // another path to the same content is fine: the hash decides, in options()
        same("--resolution", cmd.resolution, s.g().imgResolution());
        same("--transform", cmd.transform, s.fit());
        same("--batch", cmd.batch, s.batch());
        same("--gamma", cmd.gamma, s.loss().r1Gamma());
        same("--loss", cmd.loss, s.loss().kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        same("--pl-weight", cmd.plWeight, s.loss().plWeight());
        same("--style-mixing", cmd.styleMixing, s.loss().styleMixingProb());
        same("--g-arch", cmd.gArch, s.g().architecture());
        same("--d-arch", cmd.dArch, s.d().architecture());
        same("--d-head", cmd.dHead, s.d().head());
        same("--d-downsample", cmd.dDownsample, s.d().downsample());
        same("--glr", cmd.glr, s.gOpt().lr());
        same("--dlr", cmd.dlr, s.dOpt().lr());
        same("--cbase", cmd.cbase, s.g().channelBase());
        same("--cmax", cmd.cmax, s.g().channelMax());
        same("--mbstd-group", cmd.mbstdGroup, s.d().mbstdGroupSize());
        same("--mbstd-num", cmd.mbstdNum, s.d().mbstdNumChannels());
        same("--map", cmd.map, s.g().mappingLayers());
        same("--pack", cmd.pack, s.loss().pack());
        same("--ema", cmd.ema, s.emaKimg());
        same("--ema-rampup", cmd.emaRampup, s.emaRampup() == null ? 0.0 : s.emaRampup());
        same("--r1-interval", cmd.r1Interval, s.loss().dRegInterval());
        same("--precision", cmd.precision, s.precision());
        same("--seed", cmd.seed, s.seed());
        AugmentOptions a = s.augment();
        same("--aug", cmd.aug, a.mode());
        same("--p", cmd.p, a.mode() == AugmentOptions.Mode.FIXED ? a.p() : null);
        same("--target", cmd.target, a.mode() == AugmentOptions.Mode.ADA ? a.target() : null);
        same("--augpipe", cmd.augpipe, a.enabled() ? a.pipe() : null);
        flag("--cond", cmd.cond, s.g().cDim() > 0);
        flag("--mirror", cmd.mirror, s.mirror());
    }

    TrainingOptions snapshot() {
        return snapshot;
    }

    String dataSpec() {
        return cmd.data != null ? cmd.data : snapshot.data();
    }

    /** The resumed run's options, after checking the opened data against the snapshot's; says where each came from. */
    TrainingOptions options(Dataset ds, PrintStream out, PrintStream err) {
        TrainingOptions o = snapshot;
        if (datasetSha256 != null && !datasetSha256.equals(ds.identity())) {
            String what = "--data " + dataSpec() + ": its content hash " + ds.identity().substring(0, 12) + " differs from the snapshot's "
                    + datasetSha256.substring(0, 12) + " (" + snapshot.data() + ")";
            if (!cmd.allowNewData) throw new IllegalArgumentException(what + "; pass --allow-new-data to continue training on it");
            err.println("warning: " + what + "; continuing on it (--allow-new-data)");
        }
        o = o.withData(dataSpec(), snapshot.fit());
        if (cmd.length() != null) {
            o = o.withKimg(cmd.length());
            changed.add(cmd.kimg != null ? "--kimg " + cmd.kimg : "--minutes " + cmd.minutes + " without --kimg (the clock ends the run)");
        }
        if (cmd.tick != null || cmd.snap != null) {
            o = o.withTick(cmd.tick != null ? cmd.tick : o.kimgPerTick(), cmd.snap != null ? cmd.snap : o.snapTicks());
            if (cmd.tick != null) changed.add("--tick " + cmd.tick);
            if (cmd.snap != null) changed.add("--snap " + cmd.snap);
        }
        if (cmd.keep != null) {
            o = o.withRun(o.mirror(), o.seed(), cmd.keep);
            changed.add("--keep " + cmd.keep);
        }
        out.println("resume: from " + file.getFileName() + ": " + String.join(" ", taken));
        if (!changed.isEmpty()) out.println("resume: from the command line: " + String.join(" ", changed));
        return o;
    }

    private void same(String flag, Object given, Object stored) {
        same(flag, given, stored, false);
    }

    /** {@code given} null: the snapshot's value is taken; equal: fine; different: refused unless {@code mayDiffer}. */
    private void same(String flag, Object given, Object stored, boolean mayDiffer) {
        if (given == null) {
            if (stored != null) taken.add(flag + " " + show(stored));
            return;
        }
        if (mayDiffer || equal(given, stored)) {
            if (!equal(given, stored)) changed.add(flag + " " + show(given));
            return;
        }
        throw new IllegalArgumentException(flag + " " + show(given) + " conflicts with the snapshot's " + (stored == null ? "none" : show(stored))
                + " (" + file.getFileName() + "); a resumed run keeps its options: drop the flag, or start a new run from the snapshot"
                + " with --init " + file);
    }

    private void flag(String flag, boolean given, boolean stored) {
        if (given && !stored)
            throw new IllegalArgumentException(flag + " conflicts with the snapshot (" + file.getFileName() + "), which was trained without it;"
                    + " drop the flag, or start a new run from the snapshot with --init " + file);
        if (stored) taken.add(flag);
    }

    private static boolean equal(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) return x.doubleValue() == y.doubleValue();
        return b != null && a.toString().trim().equalsIgnoreCase(b.toString());
    }

    private static String show(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) return Long.toString(d.longValue());
        return v instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : v.toString();
    }
}

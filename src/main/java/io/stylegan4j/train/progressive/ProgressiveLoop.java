package io.stylegan4j.train.progressive;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stylegan4j.checkpoint.ModelFile;
import io.stylegan4j.checkpoint.StateDicts;
import io.stylegan4j.checkpoint.V1ModelFile;
import io.stylegan4j.data.Batch;
import io.stylegan4j.data.BatchLoader;
import io.stylegan4j.data.Dataset;
import io.stylegan4j.data.LoaderConfig;
import io.stylegan4j.io.JsonLines;
import io.stylegan4j.io.SafeTensors;
import io.stylegan4j.ops.StepScope;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.report.Plots;
import io.stylegan4j.train.Checkpoint;
import io.stylegan4j.train.GridSampler;
import io.stylegan4j.train.TrainingLoop;
import io.stylegan4j.train.TrainingProgress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The progressive-growing training loop of StyleGAN v1 and ProGAN (official training_loop.py): every
 * {@code minibatchRepeats} minibatches the schedule gives lod, minibatch size and learning rates; Adam's state is
 * reset when layers come in or finish fading in; each minibatch is a D step (with the G_ema update) then a G step.
 * The run directory, statistics (with the current lod), curves, grids, snapshots and exact resume work as in
 * {@link TrainingLoop}. The data loader serves units of the schedule's smallest common minibatch divisor, so a run
 * whose minibatch size changes between resolutions still resumes at the exact image.
 */
public final class ProgressiveLoop {
    /** The loop's counters; imagesSeen is the official cur_nimg, units the data loader's position. */
    public record State(long imagesSeen, long units, long steps, int tick, long tickStartImages, double prevLod, long optGSteps,
                        long optDSteps) {}

    static final List<String> PLOT_SERIES = List.of("Loss/G/loss", "Loss/D/loss", "Loss/r1_penalty", "Loss/wgan_gp",
            "Loss/scores/real", "Loss/scores/fake", "Progress/lod", "sec_per_kimg");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProgressiveOptions o;
    private final Path runDir;
    private final Dataset data;
    private final Device dev;
    private final PrintStream log;
    private TrainingLoop.StepListener listener = (k, s) -> { };

    public ProgressiveLoop(ProgressiveOptions o, Path runDir, Dataset data, Device dev, PrintStream log) {
        this.o = o;
        this.runDir = runDir;
        this.data = data;
        this.dev = dev;
        this.log = log;
        if (data.resolution() != o.resolution() || data.channels() != o.d().numChannels())
            throw new IllegalArgumentException("the dataset is " + data.channels() + "x" + data.resolution() + "x" + data.resolution()
                    + " but the model expects " + o.d().numChannels() + "x" + o.resolution() + "x" + o.resolution());
    }

    /** Stops after {@code minutes} of wall clock, at the first step past it, with a final tick and snapshot (as StyleGAN2 runs). */
    public ProgressiveLoop deadline(double minutes) {
        this.deadlineMinutes = TrainingLoop.checkedMinutes(minutes);
        return this;
    }

    private double deadlineMinutes;

    public ProgressiveLoop listener(TrainingLoop.StepListener l) {
        this.listener = l;
        return this;
    }

    /** Trains until {@code kimg}; resumes from {@code resume} when not null. Returns the final snapshot. */
    public Path run(Path resume) {
        torch.manual_seed(o.seed());
        try (ProgressiveStep t = new ProgressiveStep(o, dev)) {
            return run(resume, t);
        }
    }

    private Path run(Path resume, ProgressiveStep t) {
        State st = new State(0, 0, 0, 0, 0, -1, 0, 0);
        TrainingLoop.createRunDir(runDir);
        if (resume != null) {
            st = restore(resume, t);
            log.printf("resumed from %s at %.1f kimg (lod %.3f)%n", resume, st.imagesSeen() / 1000.0, st.prevLod());
        }
        TrainingLoop.writeOptions(runDir, o);
        int unit = o.schedule().minibatchUnit();
        GridSampler grid = new GridSampler(o.resolution(), o.d().numChannels(), t.g.zDim(), 0, dev);
        long total = Math.round(o.kimg() * 1000);
        Path last = resume;
        long imagesSeen = st.imagesSeen(), units = st.units(), steps = st.steps(), tickStart = st.tickStartImages();
        int tick = st.tick();
        double prevLod = st.prevLod();
        Map<String, List<Double>> tickStats = new TreeMap<>();
        long tickStartNanos = System.nanoTime();
        long deadline = deadlineMinutes > 0 ? tickStartNanos + (long) (deadlineMinutes * 60e9) : Long.MAX_VALUE;
        try (BatchLoader loader = new BatchLoader(data, LoaderConfig.of(unit, o.seed(), o.mirror()), units);
             JsonLines stats = JsonLines.append(runDir.resolve("stats.jsonl"));
             TrainingProgress bar = new TrainingProgress(total, imagesSeen, deadlineMinutes)) {
            if (resume == null) {
                grid.writeReals(runDir.resolve("reals.png"), loader::batchAt, data);
                writeFakes(grid, runDir.resolve("fakes_init.png"), t);
            }
            while (imagesSeen < total) {
                ProgressiveSchedule.At s = o.schedule().at(imagesSeen, o.resolution());
                if (o.resetOptForNewLod() && (Math.floor(s.lod()) != Math.floor(prevLod) || Math.ceil(s.lod()) != Math.ceil(prevLod))) {
                    t.optG.reset();
                    t.optD.reset();
                }
                prevLod = s.lod();
                t.optG.setLr(s.gLrate());
                t.optD.setLr(s.dLrate());
                t.setLod(s.lod());
                for (int r = 0; r < o.minibatchRepeats(); r++) {
                    Map<String, Double> step = new LinkedHashMap<>();
                    try (StepScope scope = StepScope.training()) {
                        Tensor reals = ProgressiveStep.processReals(nextReals(loader, s.minibatch() / unit), s.lod());
                        units += s.minibatch() / unit;
                        t.dStep(reals, s.lod(), step);
                        t.gStep(s.minibatch(), s.lod(), step);
                    }
                    step.put("Progress/lod", s.lod());
                    step.put("Progress/minibatch", (double) s.minibatch());
                    for (Map.Entry<String, Double> e : step.entrySet()) {
                        if (!Double.isFinite(e.getValue()))
                            throw new TrainingLoop.DivergedException(e.getKey() + " became " + e.getValue() + " at " + imagesSeen / 1000.0
                                    + " kimg (lod " + s.lod() + "); the last good snapshot is " + (last == null ? "none" : last));
                        tickStats.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
                    }
                    listener.onStep(steps++, step);
                    imagesSeen += s.minibatch();
                    bar.step(s.minibatch(), String.format("kimg %.2f lod %.2f G %.3f D %.3f", imagesSeen / 1000.0, s.lod(),
                            step.get("Loss/G/loss"), step.get("Loss/D/loss")));
                }
                boolean done = imagesSeen >= total || System.nanoTime() >= deadline;
                if (!done && imagesSeen < tickStart + s.tickKimg() * 1000) continue;

                tick++;
                double secs = (System.nanoTime() - tickStartNanos) / 1e9;
                Map<String, Object> rec = new LinkedHashMap<>();
                rec.put("tick", tick);
                rec.put("kimg", imagesSeen / 1000.0);
                rec.put("lod", s.lod());
                rec.put("resolution", s.resolution());
                rec.put("minibatch", s.minibatch());
                rec.put("sec_per_tick", secs);
                rec.put("sec_per_kimg", secs / Math.max(1e-9, (imagesSeen - tickStart) / 1000.0));
                tickStats.forEach((k, v) -> rec.put(k, v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
                rec.put("timestamp", System.currentTimeMillis() / 1000.0);
                stats.write(rec);
                Plots.write(runDir.resolve("curves.png"), JsonLines.read(runDir.resolve("stats.jsonl")), PLOT_SERIES, "kimg");
                tickStats.clear();
                tickStart = imagesSeen;
                if (done || tick % o.snapTicks() == 0) {
                    writeFakes(grid, runDir.resolve(String.format("fakes%06d.png", imagesSeen / 1000)), t);
                    Path snap = Checkpoint.fileFor(runDir, imagesSeen);
                    save(snap, t, new State(imagesSeen, units, steps, tick, tickStart, prevLod, t.optG.stepCount(), t.optD.stepCount()));
                    Checkpoint.prune(runDir, o.keepSnapshots());
                    last = snap;
                }
                tickStartNanos = System.nanoTime();
                if (done) break; // kimg reached, or the --minutes deadline passed
            }
        }
        return last;
    }

    /** {@code count} loader units as one minibatch of images in [-1, 1]. */
    private Tensor nextReals(BatchLoader loader, int count) {
        List<Tensor> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Batch b = loader.next();
            parts.add(Tensors.imagesFromUint8(b.pixels(), new long[] {b.size(), b.channels(), b.resolution(), b.resolution()}, dev));
        }
        return Tensors.cat(parts, 0);
    }

    /** The fixed-latent grid of G_ema at its current lod: what the run shows at this point of the growth. */
    private static void writeFakes(GridSampler grid, Path path, ProgressiveStep t) {
        double lod = t.gEma.lod();
        grid.writeFakes(path, (z, labels) -> t.gEma.sample(z, lod));
    }

    private void save(Path file, ProgressiveStep t, State st) {
        Map<String, String> meta;
        try {
            meta = Map.of("training_options", JSON.writeValueAsString(o), "training_state", JSON.writeValueAsString(st));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        V1ModelFile.write(file, t.gEma, t.g, t.d, ModelFile.Provenance.now(o.data(), data.identity(), st.imagesSeen(), optionsMap()), meta,
                w -> {
                    StateDicts.put(w, "opt_G/", t.optG.stateDict());
                    StateDicts.put(w, "opt_D/", t.optD.stateDict());
                    Checkpoint.putRng(w);
                });
    }

    private State restore(Path file, ProgressiveStep t) {
        try (PointerScope scope = new PointerScope()) { // the file's tensors are copied into the networks, then freed
            return load(file, t);
        }
    }

    private State load(Path file, ProgressiveStep t) {
        SafeTensors st = SafeTensors.read(file);
        State s = readHeader(file, st).state();
        t.g.module().load(StateDicts.read(st, "G.", dev), file + " (G.*)");
        t.d.load(StateDicts.read(st, "D.", dev), file + " (D.*)");
        t.gEma.module().load(StateDicts.read(st, "G_ema.", dev), file + " (G_ema.*)");
        t.optG.load(StateDicts.read(st, "opt_G/", dev), s.optGSteps(), file.toString());
        t.optD.load(StateDicts.read(st, "opt_D/", dev), s.optDSteps(), file.toString());
        Checkpoint.restoreRng(st);
        return s;
    }

    public record Loaded(ProgressiveOptions opts, State state) {}

    /** The options and counters of a progressive snapshot. */
    public static Loaded readHeader(Path file, SafeTensors st) {
        Map<String, String> meta = st.metadata();
        if (!meta.containsKey("training_state"))
            throw new IllegalArgumentException(file + " is a model file without training state; --resume needs a snapshot written by 'stylegan4j train'");
        try {
            return new Loaded(JSON.readValue(meta.get("training_options"), ProgressiveOptions.class),
                    JSON.readValue(meta.get("training_state"), State.class));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": unreadable training state (" + e.getMessage().split("\n")[0] + ")");
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> optionsMap() {
        return JSON.convertValue(o, Map.class);
    }

}

package io.stylegan4j.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stylegan4j.checkpoint.ModelFile;
import io.stylegan4j.data.Batch;
import io.stylegan4j.data.BatchLoader;
import io.stylegan4j.data.Dataset;
import io.stylegan4j.data.LoaderConfig;
import io.stylegan4j.io.AtomicFiles;
import io.stylegan4j.io.JsonLines;
import io.stylegan4j.metrics.MetricLog;
import io.stylegan4j.model.Discriminator;
import io.stylegan4j.model.Generator;
import io.stylegan4j.ops.StepScope;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.report.Plots;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The training loop: owns data, ticks, statistics, pictures, snapshots and resume; one iteration of the schedule
 * is {@link TrainingStep}, the objective {@link StyleGan2Loss}. Each iteration runs inside a {@code PointerScope} so native memory
 * stays flat; networks, optimizer moments and pl_mean are created outside it.
 */
public final class TrainingLoop {
    /** Receives every iteration's scalars (tests use it to compare runs step by step). */
    public interface StepListener {
        void onStep(long batchIndex, Map<String, Double> stats);
    }

    /**
     * Called after each snapshot is saved, with the EMA generator it holds (the metrics evaluate it). In a split run
     * it is called on every rank (rank 0 after saving the snapshot, which only rank 0 writes).
     */
    public interface SnapshotListener {
        void onSnapshot(Path snapshot, Generator gEma, long imagesSeen);
    }

    /** Thrown when a loss becomes NaN or infinite; names the step and the newest good snapshot. */
    public static final class DivergedException extends RuntimeException {
        public DivergedException(String m) {
            super(m);
        }
    }

    private final TrainingOptions o;
    private final Path runDir;
    private final Dataset data;
    private final Device dev;
    private final PrintStream log;
    private StepListener listener = (k, s) -> { };
    private SnapshotListener snapshotListener = (p, g, n) -> { };
    private BatchSplit split; // null: one process, whole batches

    public TrainingLoop(TrainingOptions opts, Path runDir, Dataset data, Device dev, PrintStream log) {
        this.o = opts;
        this.runDir = runDir;
        this.data = data;
        this.dev = dev;
        this.log = log;
        if (data.resolution() != opts.g().imgResolution() || data.channels() != opts.g().imgChannels())
            throw new IllegalArgumentException("the dataset is " + data.channels() + "x" + data.resolution() + "x" + data.resolution()
                    + " but the model expects " + opts.g().imgChannels() + "x" + opts.g().imgResolution() + "x" + opts.g().imgResolution());
        if (opts.g().cDim() > 0 && (!data.hasLabels() || data.classCount() > opts.g().cDim()))
            throw new IllegalArgumentException("the model is conditional on " + opts.g().cDim() + " classes but the dataset has "
                    + (data.hasLabels() ? data.classCount() + " classes" : "no labels"));
    }

    public TrainingLoop listener(StepListener l) {
        this.listener = l;
        return this;
    }

    public TrainingLoop snapshotListener(SnapshotListener l) {
        this.snapshotListener = l;
        return this;
    }

    /**
     * Trains this rank's share of every batch ({@link BatchSplit}); rank 0 alone writes files, the others only
     * compute. Every rank must be given the same options, data and snapshot to resume from.
     */
    public TrainingLoop split(BatchSplit s) {
        this.split = s;
        return this;
    }

    /**
     * Stops after {@code minutes} of wall clock (at the first step past it, with a final tick and snapshot), whatever
     * kimg says: "train for 45 minutes" is how a user on a CPU budgets a run. One process only: ranks would disagree
     * about the moment.
     */
    public TrainingLoop deadline(double minutes) {
        this.deadlineMinutes = checkedMinutes(minutes);
        return this;
    }

    /** A --minutes value, refused unless positive and finite. */
    public static double checkedMinutes(double minutes) {
        if (!(minutes > 0) || Double.isInfinite(minutes)) throw new IllegalArgumentException("--minutes must be a positive number, got " + minutes);
        return minutes;
    }

    private double deadlineMinutes;

    private boolean writer() {
        return split == null || split.isWriter();
    }

    /** Trains until {@code kimg}; resumes from {@code resume} when not null. Returns the final snapshot. */
    public Path run(Path resume) {
        torch.manual_seed(o.seed());
        try (TrainingStep t = new TrainingStep(o, dev, o.g().cDim() > 0 ? labels(data) : null)) {
            if (split != null) t.split(split);
            return run(resume, t);
        }
    }

    /** Rank 0's networks on every rank, as the official loop broadcasts its initial parameters and buffers. */
    private void broadcastNetworks(TrainingStep t) {
        List<Tensor> all = new ArrayList<>();
        for (io.stylegan4j.nn.Module m : List.of(t.g, t.d, t.gEma)) all.addAll(m.stateDict().values());
        split.comm().broadcast(all);
    }

    /** Rank 0's generator state on every rank: whatever rank 0 alone drew (metrics) leaves the ranks in step. */
    private void broadcastRng() {
        Tensor state = torch.getDefaultCPUGenerator().get_state();
        split.comm().broadcastAfterRank0Work(List.of(state));
        torch.getDefaultCPUGenerator().set_state(state);
    }

    private Path run(Path resume, TrainingStep t) {
        Generator g = t.g, gEma = t.gEma;
        Discriminator d = t.d;
        Adam optG = t.optG, optD = t.optD;
        StyleGan2Loss loss = t.loss;

        Checkpoint.State st = new Checkpoint.State(0, 0, 0, 0, 0, 0);
        if (writer()) createRunDir();
        if (resume == null && o.init() != null) Checkpoint.initFrom(Path.of(o.init()), g, gEma, d, dev, log);
        if (resume != null) {
            st = Checkpoint.restore(resume, g, d, gEma, optG, optD, loss.plMean(), dev).state();
            t.augment.restore(st.augment());
            log.printf("resumed from %s at %.1f kimg%n", resume, st.imagesSeen() / 1000.0);
        }
        if (split != null) broadcastNetworks(t);
        if (writer()) writeOptions();
        GridSampler grid = new GridSampler(o.g(), dev);
        long total = Math.round(o.kimg() * 1000);
        Path last = resume;
        long imagesSeen = st.imagesSeen(), batchIdx = st.batchIndex(), tickStart = st.tickStartImages();
        int tick = st.tick();
        Map<String, List<Double>> tickStats = new TreeMap<>();
        long tickStartNanos = System.nanoTime();
        LoaderConfig lc = LoaderConfig.of(o.batch(), o.seed(), o.mirror());
        int share = split == null ? o.batch() : split.perRank(o.batch());
        try (BatchLoader loader = new BatchLoader(data, lc, batchIdx, split == null ? 0 : split.rank() * share, share);
             JsonLines stats = writer() ? JsonLines.append(runDir.resolve("stats.jsonl")) : null;
             TrainingProgress bar = new TrainingProgress(total, imagesSeen, deadlineMinutes)) {
            if (resume == null && writer()) {
                writeReals(grid, lc, split == null ? loader : null);
                grid.writeFakes(runDir.resolve("fakes_init.png"), gEma);
            }
            long deadline = deadlineMinutes > 0 ? System.nanoTime() + (long) (deadlineMinutes * 60e9) : Long.MAX_VALUE;
            while (imagesSeen < total) {
                Map<String, Double> step = new LinkedHashMap<>();
                try (StepScope scope = StepScope.training()) {
                    Batch b = loader.next();
                    Tensor reals = toImages(b);
                    t.run(reals, o.g().cDim() > 0 ? b.labels() : null, batchIdx, imagesSeen, step);
                }
                for (Map.Entry<String, Double> e : step.entrySet()) {
                    if (!Double.isFinite(e.getValue()))
                        throw new DivergedException(e.getKey() + " became " + e.getValue() + " at step " + batchIdx + " ("
                                + imagesSeen / 1000.0 + " kimg); the last good snapshot is " + (last == null ? "none" : last)
                                + ": resume from it with a lower learning rate or a larger --gamma");
                    tickStats.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
                }
                listener.onStep(batchIdx, step);
                imagesSeen += o.batch();
                batchIdx++;
                bar.step(o.batch(), String.format("kimg %.2f G %.3f D %.3f%s", imagesSeen / 1000.0,
                        step.getOrDefault("Loss/G/loss", Double.NaN), step.getOrDefault("Loss/D/loss", Double.NaN),
                        o.augment().enabled() ? String.format(" augment %.3f", t.augment.p()) : ""));
                boolean done = imagesSeen >= total || System.nanoTime() >= deadline;
                if (!done && imagesSeen < tickStart + o.kimgPerTick() * 1000) continue;

                tick++;
                if (!writer()) { // rank 0 writes the tick; the others keep its counters and its generator state
                    tickStats.clear();
                    tickStart = imagesSeen;
                    if (done || tick % o.snapTicks() == 0) {
                        last = Checkpoint.fileFor(runDir, imagesSeen);
                        snapshotListener.onSnapshot(last, gEma, imagesSeen); // metrics: every rank computes its share
                        broadcastRng();
                    }
                    tickStartNanos = System.nanoTime();
                    continue;
                }
                double secs = (System.nanoTime() - tickStartNanos) / 1e9;
                Map<String, Object> rec = new LinkedHashMap<>();
                rec.put("tick", tick);
                rec.put("kimg", imagesSeen / 1000.0);
                rec.put("sec_per_tick", secs);
                rec.put("sec_per_kimg", secs / Math.max(1e-9, (imagesSeen - tickStart) / 1000.0));
                tickStats.forEach((k, v) -> rec.put(k, v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
                rec.put("Progress/augment", (double) t.augment.p()); // at the tick's end, as the official report0
                rec.put("skipped_images", loader.skippedCount());
                rec.put("rss_mb", rssMb());
                rec.put("timestamp", System.currentTimeMillis() / 1000.0);
                stats.write(rec);
                writeCurves();
                tickStats.clear();
                tickStart = imagesSeen;
                if (done || tick % o.snapTicks() == 0) {
                    grid.writeFakes(runDir.resolve(String.format("fakes%06d.png", imagesSeen / 1000)), gEma);
                    Path snap = Checkpoint.fileFor(runDir, imagesSeen);
                    Checkpoint.save(snap, o, new Checkpoint.State(imagesSeen, batchIdx, tick, tickStart, optG.stepCount(), optD.stepCount(),
                            t.augment.state()),
                            g, d, gEma, optG, optD, loss.plMean(),
                            ModelFile.Provenance.now(o.data(), data.identity(), imagesSeen, optionsMap()));
                    Checkpoint.prune(runDir, o.keepSnapshots());
                    last = snap;
                    snapshotListener.onSnapshot(snap, gEma, imagesSeen);
                    writeCurves();
                    if (split != null) broadcastRng();
                }
                tickStartNanos = System.nanoTime();
                if (done) break; // kimg reached, or the --minutes deadline passed
            }
        }
        return last;
    }

    /** reals.png from whole batches, as one process shows them, also when this rank's loader holds only its share. */
    private void writeReals(GridSampler grid, LoaderConfig lc, BatchLoader whole) {
        if (whole != null) {
            grid.writeReals(runDir.resolve("reals.png"), whole::batchAt, data);
            return;
        }
        try (BatchLoader all = new BatchLoader(data, lc, 0)) {
            grid.writeReals(runDir.resolve("reals.png"), all::batchAt, data);
        }
    }

    static final List<String> PLOT_SERIES = List.of("Loss/G/loss", "Loss/D/loss", "Loss/r1_penalty", "Loss/scores/real",
            "Loss/scores/fake", "Loss/signs/real", "Progress/augment", "pl_mean", "sec_per_kimg", "rss_mb");

    /** The training statistics and, when the run evaluates metrics, their metric-*.jsonl values, one chart per series. */
    private void writeCurves() {
        List<Map<String, Object>> records = new ArrayList<>(JsonLines.read(runDir.resolve("stats.jsonl")));
        List<Map<String, Object>> metrics = MetricLog.plotRecords(runDir);
        List<String> series = new ArrayList<>(MetricLog.series(metrics));
        series.addAll(PLOT_SERIES);
        records.addAll(metrics);
        Plots.write(runDir.resolve("curves.png"), records, series, "kimg");
    }

    private Tensor toImages(Batch b) {
        return Tensors.imagesFromUint8(b.pixels(), new long[] {b.size(), b.channels(), b.resolution(), b.resolution()}, dev);
    }

    private static int[] labels(Dataset data) {
        int[] out = new int[data.size()];
        for (int i = 0; i < out.length; i++) out[i] = data.label(i);
        return out;
    }

    private void createRunDir() {
        createRunDir(runDir);
    }

    /** Creates a run directory (and its parents); a directory that cannot be made or written is a one-line error. */
    public static void createRunDir(Path runDir) {
        try {
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create --outdir " + runDir + ": " + e.getMessage());
        }
        if (!Files.isWritable(runDir)) throw new IllegalArgumentException("--outdir " + runDir + " is not writable");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> optionsMap() {
        return new ObjectMapper().convertValue(o, Map.class);
    }

    private void writeOptions() {
        writeOptions(runDir, o);
    }

    /** training_options.json: every resolved option of the run, indented, written atomically. */
    public static void writeOptions(Path runDir, Object options) {
        try {
            byte[] json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(options);
            AtomicFiles.write(runDir.resolve("training_options.json"), json);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write training_options.json in " + runDir + ": " + e.getMessage());
        }
    }

    /** Resident set size from /proc (Linux); -1 elsewhere. Native memory is invisible to the JVM heap numbers. */
    static double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status")))
                if (line.startsWith("VmRSS:")) return Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024.0;
        } catch (IOException | RuntimeException ignored) {
            // not Linux: the stat is informative only
        }
        return -1;
    }
}

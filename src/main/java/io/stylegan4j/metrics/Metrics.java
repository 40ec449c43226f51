package io.stylegan4j.metrics;

import io.stylegan4j.data.Dataset;
import io.stylegan4j.metrics.ls.LinearSeparability;
import io.stylegan4j.metrics.ls.ShapeKinds;
import io.stylegan4j.model.Generator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Entry points: evaluate named metrics on a run and report them in the official {@code metric-<name>.jsonl} shape
 * ({@code results, metric, total_time, total_time_str, num_gpus, snapshot_pkl, timestamp}), or get the numbers for a
 * generator and a dataset in one call.
 */
public final class Metrics {
    private Metrics() {}

    /**
     * The results of every metric, in order, for {@code g} against {@code data}: e.g.
     * {@code Metrics.compute(g, Datasets.open("mnist.zip"), List.of("fid50k_full"), MetricOptions.defaults(cpu))}.
     */
    public static Map<String, Double> compute(Generator g, Dataset data, List<String> names, MetricOptions opts) {
        Map<String, Double> out = new LinkedHashMap<>();
        try (MetricRun run = MetricRun.forGenerator(new GeneratorCalls(g), data, opts)) {
            evaluate(run, names, null, rec -> {
                @SuppressWarnings("unchecked")
                Map<String, Double> r = (Map<String, Double>) rec.get("results");
                out.putAll(r);
            });
        }
        return out;
    }

    /**
     * Runs each metric (names checked first) and hands each one's record to {@code sink} as soon as it is done.
     *
     * @param snapshot the network file named in {@code snapshot_pkl}, or null
     */
    public static void evaluate(MetricRun run, List<String> names, String snapshot, Consumer<Map<String, Object>> sink) {
        for (String n : names) check(run, n);
        for (String n : names) {
            MetricRegistry.Metric m = MetricRegistry.get(n);
            run.reseed();
            long start = System.nanoTime();
            Map<String, Double> results = m.compute(run);
            double secs = (System.nanoTime() - start) / 1e9;
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("results", new LinkedHashMap<>(results));
            rec.put("metric", n);
            rec.put("total_time", secs);
            rec.put("total_time_str", formatTime(secs));
            rec.put("num_gpus", run.processes()); // the official field: how many processes computed it
            rec.put("snapshot_pkl", snapshot);
            rec.put("timestamp", System.currentTimeMillis() / 1000.0);
            sink.accept(rec);
        }
    }

    /**
     * What the training loop calls at each snapshot: evaluates {@code names} on the EMA generator against the training
     * data, appends each record to {@code metric-<name>.jsonl} in {@code runDir} and prints it. Torch's global
     * generator is restored afterwards, so evaluating metrics does not change the training that follows.
     */
    public static void evaluateSnapshot(Path runDir, Path snapshot, Generator g, Dataset data, List<String> names, MetricOptions opts,
                                        PrintStream log) {
        evaluateSnapshot(runDir, snapshot, g, data, names, opts, log, null);
    }

    /**
     * As above, with every rank of a distributed run calling it together: the feature extraction is split by
     * {@code shard}, and only rank 0 writes and prints the records. Metrics without features (PPL, ls) are computed
     * whole on every rank.
     */
    public static void evaluateSnapshot(Path runDir, Path snapshot, Generator g, Dataset data, List<String> names, MetricOptions opts,
                                        PrintStream log, Shard shard) {
        org.bytedeco.pytorch.Generator rng = torch.getDefaultCPUGenerator();
        Tensor state = rng.get_state();
        boolean wasTraining = g.isTraining();
        try (MetricRun run = MetricRun.forGenerator(new GeneratorCalls(g), data, opts).shard(shard)) {
            evaluate(run, names, runDir.relativize(snapshot.toAbsolutePath().normalize()).toString(), rec -> {
                if (shard != null && !shard.isRank0()) return;
                MetricLog.append(runDir, rec);
                log.println(rec.get("metric") + " " + rec.get("results") + " (" + rec.get("total_time_str") + ")");
            });
        } finally {
            rng.set_state(state);
            g.train(wasTraining);
        }
    }

    /** Refuses unknown names and missing or broken detector files before a long job starts. */
    public static void preflight(List<String> names, MetricOptions opts) {
        for (String n : names) {
            MetricRegistry.get(n);
            if (n.equals("ls") || n.equals("kinds10k")) MetricRun.classifierDir(opts);
            DetectorFiles.Kind kind = detectorOf(n);
            if (kind != null) Detector.load(opts.detectors().resolve(kind), opts.device()).close();
        }
    }

    /** The metrics that compare two image sets; the others draw from a generator. */
    static final List<String> FOLDER_METRICS = List.of("fid", "kid", "pr", "pr_incep", "classes");

    /** What can be refused before any work: a name, a count the dataset cannot give, a metric the inputs cannot feed. */
    static void check(MetricRun run, String name) {
        MetricRegistry.get(name);
        Long num = run.options().num();
        if (num != null && num <= 0) throw new MetricException("--num must be positive, got " + num);
        if (name.endsWith("_full") && num != null && num > run.reals().size())
            throw new MetricException(name + " uses the whole dataset, which holds " + run.reals().size() + " images, but --num asks for "
                    + num + ": pass --num " + run.reals().size() + " or less, or a metric without _full");
        if (name.startsWith("ppl") && !run.hasGenerator())
            throw new MetricException(name + " needs a generator (--network); between folders use fid, kid or pr");
        if (!run.hasGenerator() && !FOLDER_METRICS.contains(name))
            throw new MetricException("between folders the metrics are " + String.join(", ", FOLDER_METRICS) + ", not " + name + "; use --network for " + name);
        if (name.equals("ls")) { // missing or mismatched classifiers, or too few samples, fail before any metric has run
            if (num != null && num > Integer.MAX_VALUE) throw new MetricException("--num " + num + " is too large for ls");
            LinearSeparability.check(run.generator().generator(), run.classifiers(), MetricFunctions.lsOptions(run));
        }
        if (name.equals("kinds10k")) { // the four kind classifiers and the built-in shapes as reals, before any metric has run
            ShapeKinds.select(run.classifiers());
            ShapeKinds.requireShapes(run.reals());
        }
        DetectorFiles.Kind kind = detectorOf(name);
        if (kind != null) run.detector(kind); // a missing or broken detector fails before any metric has run
    }

    /** Whether a metric compares against real images; linear separability needs only the generator and its classifiers. */
    public static boolean needsData(String name) {
        return !name.equals("ls");
    }

    /** The detector a built-in metric loads (null for one that loads none of the two). */
    static DetectorFiles.Kind detectorOf(String name) {
        if (name.startsWith("fid") || name.startsWith("kid") || name.endsWith("_incep") || name.startsWith("classes")) return DetectorFiles.Kind.INCEPTION;
        if (name.startsWith("pr") || name.startsWith("ppl")) return DetectorFiles.Kind.VGG16;
        return null;
    }

    /** dnnlib.util.format_time. */
    static String formatTime(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) return s + "s";
        if (s < 3600) return (s / 60) + "m " + String.format("%02ds", s % 60);
        if (s < 86400) return (s / 3600) + "h " + String.format("%02dm %02ds", (s / 60) % 60, s % 60);
        return (s / 86400) + "d " + String.format("%02dh %02dm", (s / 3600) % 24, (s / 60) % 60);
    }
}

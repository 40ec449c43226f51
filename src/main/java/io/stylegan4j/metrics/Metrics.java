package io.stylegan4j.metrics;

import io.stylegan4j.data.Dataset;
import io.stylegan4j.model.Generator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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
            rec.put("num_gpus", 1);
            rec.put("snapshot_pkl", snapshot);
            rec.put("timestamp", System.currentTimeMillis() / 1000.0);
            sink.accept(rec);
        }
    }

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
        if (!run.hasGenerator() && !List.of("fid", "kid", "pr").contains(name))
            throw new MetricException("between folders the metrics are fid, kid and pr, not " + name + "; use --network for " + name);
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

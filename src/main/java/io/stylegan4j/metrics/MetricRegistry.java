package io.stylegan4j.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Metric name -> function, as the official {@code metrics/metric_main.py}: each function returns its named results
 * (e.g. {@code pr50k3_full_precision}, {@code pr50k3_full_recall}). Besides the fixed names, {@code fidNk} and
 * {@code fidNk_full} (fid10k, fid2k_full, ...) take the count from the name. A metric module outside this package
 * adds itself with {@link #register} (linear separability: {@code MetricRegistry.register("ls", LinearSeparability::ls)}).
 */
public final class MetricRegistry {
    /** One metric: computes its results on a run (the official metric functions take {@code opts}). */
    @FunctionalInterface
    public interface Metric {
        Map<String, Double> compute(MetricRun run);
    }

    private static final Map<String, Metric> METRICS = new LinkedHashMap<>();
    private static final Pattern FID_N = Pattern.compile("fid(\\d+)k(_full)?");
    static final int PPL_BATCH = 2;

    static {
        register("fid50k_full", r -> Map.of("fid50k_full", MetricFunctions.fid(r, null, r.count(50_000))));
        register("kid50k_full", r -> Map.of("kid50k_full", MetricFunctions.kid(r, 1_000_000L, r.count(50_000), 100, 1000)));
        register("pr50k3_full", r -> pr("pr50k3_full", r, 200_000L));
        register("ppl2_wend", r -> ppl("ppl2_wend", r, true, false, false));
        register("fid50k", r -> Map.of("fid50k", MetricFunctions.fid(r, r.count(50_000), r.count(50_000))));
        register("kid50k", r -> Map.of("kid50k", MetricFunctions.kid(r, r.count(50_000), r.count(50_000), 100, 1000)));
        register("pr50k3", r -> pr("pr50k3", r, r.count(50_000)));
        register("ppl_zfull", r -> ppl("ppl_zfull", r, false, true, true));
        register("ppl_wfull", r -> ppl("ppl_wfull", r, true, true, true));
        register("ppl_zend", r -> ppl("ppl_zend", r, false, false, true));
        register("ppl_wend", r -> ppl("ppl_wend", r, true, false, true));
        // Folder-vs-folder names (metrics --real --fake): every fake against every real, as pytorch-fid and clean-fid.
        register("fid", r -> Map.of("fid", MetricFunctions.fid(r, null, r.count(r.fakeCount()))));
        register("kid", r -> Map.of("kid", MetricFunctions.kid(r, null, r.count(r.fakeCount()), 100, 1000)));
        register("pr", r -> pr("pr", r, null));
        // Mode coverage in the FID detector's own space (ModeCoverage): for a dataset whose classifier stands in for the Inception.
        register("pr10k3_incep", r -> pr("pr10k3_incep", r, DetectorFiles.Kind.INCEPTION, r.count(10_000), r.count(10_000)));
        register("classes10k", r -> ModeCoverage.classes("classes10k", r, r.count(10_000)));
        register("pr_incep", r -> pr("pr_incep", r, DetectorFiles.Kind.INCEPTION, null, r.count(r.fakeCount())));
        register("classes", r -> ModeCoverage.classes("classes", r, r.count(r.fakeCount())));
        // The built-in shapes' kinds seen by train-classifier's circle/square/triangle/star classifiers (ShapeKinds); needs them too.
        register("kinds10k", r -> MetricFunctions.shapeKinds("kinds10k", r, 10_000));
        register("ls", MetricFunctions::ls); // linear separability (StyleGAN 4.2), package io.stylegan4j.metrics.ls; needs MetricOptions.classifiers
    }

    private MetricRegistry() {}

    /** Adds (or replaces) a metric under {@code name}. */
    public static synchronized void register(String name, Metric metric) {
        METRICS.put(name, metric);
    }

    public static synchronized List<String> names() {
        List<String> out = new ArrayList<>(METRICS.keySet());
        out.add("fidNk");
        out.add("fidNk_full");
        return out;
    }

    public static synchronized boolean isValid(String name) {
        return METRICS.containsKey(name) || FID_N.matcher(name).matches();
    }

    /**
     * The function for {@code name}.
     *
     * @throws MetricException for an unknown name, listing the known ones
     */
    public static synchronized Metric get(String name) {
        Metric m = METRICS.get(name);
        if (m != null) return m;
        Matcher fid = FID_N.matcher(name);
        if (fid.matches()) {
            long n = Long.parseLong(fid.group(1)) * 1000;
            boolean full = fid.group(2) != null;
            return r -> Map.of(name, MetricFunctions.fid(r, full ? null : r.count(n), r.count(n)));
        }
        throw new MetricException("unknown metric '" + name + "'; known: " + String.join(", ", names()));
    }

    /** Checks every name before any work starts, so a typo in the third name does not waste the first two. */
    public static List<String> parse(String commaSeparated) {
        List<String> out = new ArrayList<>();
        for (String s : commaSeparated.split(",")) {
            String n = s.strip();
            if (n.isEmpty()) continue;
            get(n);
            out.add(n);
        }
        if (out.isEmpty()) throw new MetricException("no metric named; pass e.g. --metrics fid50k_full,pr50k3_full");
        return out;
    }

    private static Map<String, Double> pr(String name, MetricRun r, Long maxReal) {
        return pr(name, r, DetectorFiles.Kind.VGG16, maxReal, r.count(r.hasGenerator() ? 50_000 : r.fakeCount()));
    }

    /** {@code name_precision} and {@code name_recall}, k = 3, in the features of {@code kind}. */
    static Map<String, Double> pr(String name, MetricRun r, DetectorFiles.Kind kind, Long maxReal, long numGen) {
        double[] pr = MetricFunctions.pr(r, kind, maxReal, numGen, 3, 10_000, 10_000);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(name + "_precision", pr[0]);
        out.put(name + "_recall", pr[1]);
        return out;
    }

    private static Map<String, Double> ppl(String name, MetricRun r, boolean w, boolean full, boolean crop) {
        Ppl.Config cfg = new Ppl.Config(w, full, crop, 1e-4, (int) r.count(50_000), PPL_BATCH);
        return Map.of(name, MetricFunctions.ppl(r, cfg));
    }
}

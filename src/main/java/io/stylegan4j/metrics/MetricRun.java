package io.stylegan4j.metrics;

import io.stylegan4j.data.Dataset;
import io.stylegan4j.metrics.ls.AttributeClassifier;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.random.NumpyRandom;
import io.stylegan4j.report.Progress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * One evaluation: a generator (or a folder of fakes) against a real dataset. Loads each detector once, computes each
 * real feature set once (and caches it on disk per dataset and detector, as the official code does), and reuses
 * generated features between metrics that draw the same images (fid50k_full and kid50k_full: same seed, same count,
 * same detector). Single-threaded; close it to free the detectors.
 */
public final class MetricRun implements AutoCloseable {
    private final GeneratorCalls g;
    private final Dataset fakes;
    private final Dataset reals;
    private final MetricOptions opts;
    private final Map<DetectorFiles.Kind, Detector> detectors = new EnumMap<>(DetectorFiles.Kind.class);
    private final Map<String, FeatureStats> memo = new HashMap<>();
    private NumpyRandom numpy;
    private List<AttributeClassifier> classifiers;
    private Shard shard; // null: this process computes every feature

    private MetricRun(GeneratorCalls g, Dataset fakes, Dataset reals, MetricOptions opts) {
        this.g = g;
        this.fakes = fakes;
        this.reals = reals;
        this.opts = opts;
    }

    /**
     * A generator against its training data; the dataset must have the generator's shape. {@code reals} may be null
     * when every metric asked for works without data ({@link Metrics#needsData}).
     */
    public static MetricRun forGenerator(GeneratorCalls g, Dataset reals, MetricOptions opts) {
        if (reals != null && (reals.resolution() != g.resolution() || reals.channels() != g.channels()))
            throw new MetricException("the dataset is " + shape(reals.channels(), reals.resolution()) + " but the generator makes "
                    + shape(g.channels(), g.resolution()) + " images: pass the dataset the network was trained on");
        return new MetricRun(g, null, reals, opts);
    }

    /** Two image sets (pytorch-fid / clean-fid style); the detectors resize, so their sizes may differ. */
    public static MetricRun forFolders(Dataset fakes, Dataset reals, MetricOptions opts) {
        return new MetricRun(null, fakes, reals, opts);
    }

    private static String shape(int c, int r) {
        return c + "x" + r + "x" + r;
    }

    /** Splits feature extraction with the other ranks of a distributed run; every rank must evaluate the same metrics. */
    public MetricRun shard(Shard s) {
        this.shard = s;
        return this;
    }

    /** How many processes share the work (1 unsharded). */
    public int processes() {
        return shard == null ? 1 : shard.world();
    }

    public boolean hasGenerator() {
        return g != null;
    }

    public GeneratorCalls generator() {
        if (g == null) throw new MetricException("this metric needs a generator (--network); it cannot run on a folder of fakes");
        return g;
    }

    public Dataset reals() {
        if (reals == null) throw new MetricException("this metric needs the real images: pass --data DIR|ZIP");
        return reals;
    }

    public MetricOptions options() {
        return opts;
    }

    /** Seeds torch's global generator and a fresh numpy stream, as the official code's callers do before a metric. */
    void reseed() {
        torch.manual_seed(opts.seed());
        numpy = new NumpyRandom(opts.seed());
    }

    /** numpy's global stream of the current metric (labels, then KID subsets). */
    public NumpyRandom numpy() {
        if (numpy == null) reseed();
        return numpy;
    }

    public Detector detector(DetectorFiles.Kind kind) {
        return detectors.computeIfAbsent(kind, k -> Detector.load(opts.detectors().resolve(k), opts.device()));
    }

    /** The auxiliary attribute classifiers of {@link MetricOptions#classifiers}, loaded once. */
    public List<AttributeClassifier> classifiers() {
        if (classifiers == null) classifiers = AttributeClassifier.loadAll(classifierDir(opts), opts.device());
        return classifiers;
    }

    /** The classifier folder; a missing one is one line saying what to pass. */
    static java.nio.file.Path classifierDir(MetricOptions opts) {
        if (opts.classifiers() == null)
            throw new MetricException("ls and kinds10k need the auxiliary attribute classifiers: pass --classifiers DIR (train them with"
                    + " 'stylegan4j train-classifier --data D --outdir DIR')");
        return opts.classifiers();
    }

    /** The count a metric uses instead of its nominal one when --num is given. */
    public long count(long nominal) {
        return opts.num() == null ? nominal : opts.num();
    }

    /** Features (all rows and float64 sums) of the first {@code maxReal} real images (null = all). */
    public FeatureStats realStats(DetectorFiles.Kind kind, Map<String, Boolean> flags, Long maxReal) {
        long n = maxReal == null ? reals.size() : Math.min(maxReal, reals.size());
        String key = "real|" + kind + "|" + flags + "|" + n;
        FeatureStats s = memo.get(key);
        if (s != null) return s;
        Detector det = detector(kind);
        RealStatsCache cache = opts.cacheDir() == null ? null : new RealStatsCache(opts.cacheDir());
        s = cache == null ? null : cache.load(reals, det, flags, n);
        if (shard != null && !everyRankHas(s)) s = null; // all ranks compute together, or none
        if (s == null) {
            try (Progress bar = bar("dataset features", n)) {
                s = extractor(det, flags).forDataset(reals, n, true, true, bar, shard);
            }
            if (cache != null && (shard == null || shard.isRank0())) cache.save(reals, det, flags, s);
        }
        memo.put(key, s);
        return s;
    }

    /**
     * Features of {@code num} generated images (or of the first {@code num} fakes of a folder). Afterwards numpy's
     * stream stands where the official one would: {@code compute_feature_stats_for_generator} draws one
     * {@code randint(len(dataset))} label index per image in whole batches of 64, so KID's subsets (drawn next) are
     * the official ones, whether the features were computed now, reused from an earlier metric, or read from a folder.
     */
    public FeatureStats genStats(DetectorFiles.Kind kind, Map<String, Boolean> flags, long num) {
        String key = "gen|" + kind + "|" + flags + "|" + num;
        FeatureStats s = memo.get(key);
        long drawn = 0;
        if (s == null) {
            Detector det = detector(kind);
            try (Progress bar = bar(g == null ? "fake features" : "generator features", g == null ? Math.min(num, fakes.size()) : num)) {
                s = g == null ? extractor(det, flags).forDataset(fakes, num, true, true, bar, shard)
                        : extractor(det, flags).forGenerator(g, reals, numpy(), num, true, true, Math.min(opts.batch(), 16), bar, shard);
            }
            if (g != null) drawn = num;
            memo.put(key, s);
        }
        for (long i = drawn; i < officialLabelDraws(num); i++) numpy().randint(reals.size());
        return s;
    }

    /** Whether the real features were in every rank's cache (ranks on other machines may have different caches). */
    private boolean everyRankHas(FeatureStats cached) {
        Tensor hits = Tensors.fromDoubles(new double[] {cached != null ? 1 : 0}, 1);
        shard.comm().allReduceSum(List.of(hits));
        return Tensors.item(hits) == shard.world();
    }

    static long officialLabelDraws(long num) {
        return (num + 63) / 64 * 64;
    }

    /** How many fakes a folder holds (for the folder metrics, which use all of them). */
    public long fakeCount() {
        return fakes == null ? Long.MAX_VALUE : fakes.size();
    }

    private FeatureExtractor extractor(Detector det, Map<String, Boolean> flags) {
        return new FeatureExtractor(det, flags, opts.batch(), opts.bf16());
    }

    Progress bar(String task, long total) {
        PrintStream sink = opts.progress() ? System.err : new PrintStream(java.io.OutputStream.nullOutputStream());
        return new Progress(task, total, "img", sink, opts.progress() && System.console() != null, Duration.ofSeconds(10), 0);
    }

    @Override
    public void close() {
        detectors.values().forEach(Detector::close);
        detectors.clear();
        if (classifiers != null) classifiers.forEach(AttributeClassifier::close);
        classifiers = null;
    }
}

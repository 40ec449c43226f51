package io.stylegan4j.metrics;

import io.stylegan4j.metrics.DetectorFiles.Kind;
import io.stylegan4j.metrics.ls.AttributeClassifier;
import io.stylegan4j.metrics.ls.LinearSeparability;
import io.stylegan4j.metrics.ls.ShapeKinds;
import io.stylegan4j.model.NoiseLayer;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.report.Progress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The official {@code compute_fid}, {@code compute_kid}, {@code compute_pr} and {@code compute_ppl} on a
 * {@link MetricRun}: which features, how many, which statistics. The math is in {@link Fid}, {@link Kid},
 * {@link PrecisionRecall} and {@link Ppl}; linear separability's is in {@link LinearSeparability}.
 */
public final class MetricFunctions {
    static final Map<String, Boolean> FEATURES = Map.of("return_features", true);

    private MetricFunctions() {}

    /**
     * Linear separability (StyleGAN 4.2) of Z and W with the run's classifiers, reported as the official v1 metric:
     * {@code ls_z} and {@code ls_w} (2^(sum of conditional entropies); lower is more separable).
     */
    public static Map<String, Double> ls(MetricRun run) {
        LinearSeparability.Options o = lsOptions(run);
        LinearSeparability.Result r;
        try (Progress bar = run.bar("ls: generate and classify", o.numSamples())) {
            r = LinearSeparability.compute(run.generator().generator(), run.classifiers(), o, run.options().device(), bar::stepTo);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("ls_z", r.z());
        out.put("ls_w", r.w());
        return out;
    }

    /**
     * The built-in shapes' kinds as the run's classifiers see them ({@link ShapeKinds}): {@code name_acc} (the share of
     * a conditional G's fakes that show the class asked for), {@code name_real_acc} (the same classifiers on as many
     * real images: the ceiling), and each kind's share of the fakes relative to uniform with its min and max.
     */
    static Map<String, Double> shapeKinds(String name, MetricRun run, long nominal) {
        List<AttributeClassifier> kinds = ShapeKinds.select(run.classifiers());
        int n = Math.toIntExact(run.count(nominal)), batch = generatorBatch(run);
        ShapeKinds.Result fake;
        try (Progress bar = run.bar(name + ": generate and classify", n)) {
            fake = ShapeKinds.ofGenerator(run.generator().generator(), kinds, n, batch, run.options().seed(), run.options().device(), bar::stepTo);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        if (!Double.isNaN(fake.accuracy())) out.put(name + "_acc", fake.accuracy());
        out.put(name + "_real_acc", ShapeKinds.ofReals(run.reals(), kinds, n, batch, run.options().device()).accuracy());
        out.putAll(ModeCoverage.histogram(name, fake.counts(), ShapeKinds.NAMES));
        return out;
    }

    /** The paper's 200,000 images (or --num), G called in batches of {@link #generatorBatch}, the run's seed. */
    static LinearSeparability.Options lsOptions(MetricRun run) {
        return new LinearSeparability.Options(Math.toIntExact(run.count(LinearSeparability.Options.PAPER_SAMPLES)),
                generatorBatch(run), run.options().seed());
    }

    /** The classifier metrics (ls, kinds10k) call G in batches of --batch, at most 32. */
    static int generatorBatch(MetricRun run) {
        return Math.min(run.options().batch(), 32);
    }

    /** @param maxReal null = the whole dataset */
    public static double fid(MetricRun run, Long maxReal, long numGen) {
        Tensor[] real = run.realStats(Kind.INCEPTION, FEATURES, maxReal).meanCov();
        Tensor[] gen = run.genStats(Kind.INCEPTION, FEATURES, numGen).meanCov();
        return Fid.compute(gen[0], gen[1], real[0], real[1]);
    }

    public static double kid(MetricRun run, Long maxReal, long numGen, int numSubsets, int maxSubsetSize) {
        Tensor real = run.realStats(Kind.INCEPTION, FEATURES, maxReal).all();
        Tensor gen = run.genStats(Kind.INCEPTION, FEATURES, numGen).all();
        Kid.Subsets s = Kid.Subsets.draw(run.numpy(), (int) gen.size(0), (int) real.size(0), numSubsets, maxSubsetSize);
        return Kid.compute(gen, real, s);
    }

    /** [precision, recall] */
    public static double[] pr(MetricRun run, Long maxReal, long numGen, int nhoodSize, int rowBatch, int colBatch) {
        return pr(run, Kind.VGG16, maxReal, numGen, nhoodSize, rowBatch, colBatch);
    }

    /** Precision/recall in the features of {@code kind}: VGG16 officially, the Inception slot for {@link ModeCoverage}. */
    static double[] pr(MetricRun run, Kind kind, Long maxReal, long numGen, int nhoodSize, int rowBatch, int colBatch) {
        Tensor real = run.realStats(kind, FEATURES, maxReal).all();
        Tensor gen = run.genStats(kind, FEATURES, numGen).all();
        // rows per distance block: the official 10,000 x 10,000 float16 block would be 800 MB in float64 here
        PrecisionRecall.Result r = PrecisionRecall.compute(real, gen, nhoodSize, Math.min(rowBatch, 1024), colBatch);
        return new double[] {r.precision(), r.recall()};
    }

    /** The official sampling loop: per batch t, then z0|z1, then the noise buffers, all from torch's global generator. */
    public static double ppl(MetricRun run, Ppl.Config cfg) {
        GeneratorCalls g = run.generator();
        if (cfg.wSpace() && !g.hasW())
            throw new MetricException("a ProGAN model has no W space to walk in: use ppl_zfull or ppl_zend");
        Detector vgg = run.detector(Kind.VGG16);
        List<NoiseLayer> noise = g.noiseLayers();
        List<Tensor> saved = new ArrayList<>();
        for (NoiseLayer l : noise) saved.add(l.buffer().clone()); // the metric must not change G's const noise
        float[] dist = new float[cfg.numSamples()];
        int done = 0;
        try (var bar = run.bar("ppl sampling", cfg.numSamples())) {
            while (done < cfg.numSamples()) {
                try (PointerScope scope = new PointerScope()) {
                    int b = cfg.batchSize();
                    Tensor t = torch.rand(new long[] {b}, Tensors.options(run.options().device())).mul(Tensors.scalar(cfg.full() ? 1 : 0));
                    Tensor z = torch.randn(new long[] {2L * b, g.zDim()}, Tensors.options(run.options().device()));
                    g.redrawNoise();
                    Tensor c = FeatureExtractor.labelBatch(g, run.reals(), run.numpy(), b, run.options().device());
                    Tensor d;
                    try (var ng = new org.bytedeco.pytorch.NoGradGuard()) {
                        d = Ppl.batchDistances(g, vgg, cfg, t, z.narrow(0, 0, b), z.narrow(0, b, b), c);
                    }
                    float[] v = Tensors.toFloats(d);
                    int take = Math.min(v.length, cfg.numSamples() - done);
                    System.arraycopy(v, 0, dist, done, take);
                    done += take;
                    bar.step(take);
                }
            }
        } finally {
            for (int i = 0; i < noise.size(); i++) noise.get(i).buffer().copy_(saved.get(i));
        }
        return Ppl.summarize(dist).ppl();
    }
}

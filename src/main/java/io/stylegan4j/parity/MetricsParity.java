package io.stylegan4j.parity;

import io.stylegan4j.data.Dataset;
import io.stylegan4j.data.Datasets;
import io.stylegan4j.io.SafeTensors;
import io.stylegan4j.metrics.Detector;
import io.stylegan4j.metrics.FeatureExtractor;
import io.stylegan4j.metrics.FeatureStats;
import io.stylegan4j.metrics.Fid;
import io.stylegan4j.metrics.GeneratorCalls;
import io.stylegan4j.metrics.Kid;
import io.stylegan4j.metrics.Ppl;
import io.stylegan4j.metrics.PrecisionRecall;
import io.stylegan4j.model.NoiseLayer;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.random.NumpyRandom;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * The checks of {@code fixtures/metrics}: every stage the official metric code recorded, each recomputed from the
 * fixture's own inputs of that stage, with the tolerances of the fixture's README (detector outputs, generated
 * uint8 images from the stored z and noise, features, mean/cov, FID, KID subsets and terms, PR radii, distances and
 * decisions, PPL intermediates, per-sample distances and filtered means), plus the end-to-end numbers from the
 * regenerated images.
 */
public final class MetricsParity {
    static final String[] PPL_CONFIGS = {"ppl_zfull", "ppl_wfull", "ppl_zend", "ppl_wend", "ppl2_zfull", "ppl2_wfull", "ppl2_zend", "ppl2_wend"};
    private static final Map<String, Boolean> FEATURES = Map.of("return_features", true);

    private final FixtureFolder fx;
    private final Device dev;
    private final List<Check> out = new ArrayList<>();

    private MetricsParity(FixtureFolder fx) {
        this.fx = fx;
        this.dev = fx.device();
    }

    /** Whether {@code fx} is a metric fixture folder (its config.json says {@code "fixture": "metrics"}). */
    public static boolean applies(FixtureFolder fx) {
        return "metrics".equals(fx.config().path("fixture").asText());
    }

    public static List<Check> run(FixtureFolder fx) {
        MetricsParity p = new MetricsParity(fx);
        try (NoGradGuard g = new NoGradGuard();
             Detector inception = Detector.load(fx.dir().resolve("inception-standin.pt"), p.dev);
             Detector vgg = Detector.load(fx.dir().resolve("vgg16-standin.pt"), p.dev)) {
            p.detectors(inception, vgg);
            Tensor images = p.generated();
            p.fid(inception, images);
            p.kid(inception, images);
            p.pr(vgg, images);
            p.ppl(vgg);
        }
        return p.out;
    }

    /** Stage 0: the 13 probe outputs of both detectors, through the same named-flag calls the metrics make. */
    void detectors(Detector inception, Detector vgg) {
        SafeTensors st = open("detectors.safetensors");
        String[][] calls = {
            {"inception/features_u8_32", "probe_u8_32", "return_features"},
            {"inception/features_u8_20x27", "probe_u8_20x27", "return_features"},
            {"inception/features_u8_64", "probe_u8_64", "return_features"},
            {"inception/features_f32_32", "probe_f32_32", "return_features"},
            {"inception/probs_u8_32", "probe_u8_32", ""},
            {"inception/probs_nobias_u8_32", "probe_u8_32", "no_output_bias"},
            {"vgg16/features_u8_32", "probe_u8_32", "return_features"},
            {"vgg16/features_u8_20x27", "probe_u8_20x27", "return_features"},
            {"vgg16/features_noresize_u8_32", "probe_u8_32", "return_features,!resize_images"},
            {"vgg16/probs_u8_64", "probe_u8_64", ""},
            {"vgg16/lpips_noresize_f32_32", "probe_f32_32", "return_lpips,!resize_images"},
            {"vgg16/lpips_noresize_f32_16", "probe_f32_16", "return_lpips,!resize_images"},
            {"vgg16/lpips_resize_u8_20x27", "probe_u8_20x27", "return_lpips"},
        };
        for (String[] c : calls) {
            Map<String, Boolean> flags = new java.util.LinkedHashMap<>();
            for (String f : c[2].split(",")) if (!f.isEmpty()) flags.put(f.replace("!", ""), !f.startsWith("!"));
            Detector d = c[0].startsWith("inception") ? inception : vgg;
            Tensor y = d.call(tensor(st, c[1]), flags);
            out.add(Check.relative("detectors/" + c[0], Tensors.toDoubles(y), st.get(c[0]).toDoubleArray(), 1e-5));
        }
    }

    /** Stage 1: the 256 generated uint8 images from the stored z and per-layer noise; returns ours. */
    Tensor generated() {
        SafeTensors st = open("generator.safetensors");
        GeneratorCalls g = new GeneratorCalls(ModelParity.loadG(new FixtureFolder(fx.dir().resolveSibling("sg2-skip-resnet-32"), dev)));
        Tensor z = tensor(st, "z");
        List<Tensor> noise = new ArrayList<>();
        for (NoiseLayer l : g.noiseLayers()) noise.add(tensor(st, "noise/" + l.name().replace("synthesis.", "").replace(".noise_const", "")));
        List<Tensor> imgs = new ArrayList<>();
        for (int i = 0; i < z.size(0); i += 64) { // the official batches of 64, each image with its own recorded noise
            final int start = i;
            imgs.add(g.uint8Images(z.narrow(0, i, 64), null, Noise.explicit(noise.stream().map(n -> n.narrow(0, start, 64)).toList())));
        }
        Tensor ours = torch.cat(new TensorVector(imgs.toArray(new Tensor[0])), 0);
        Tensor ref = tensor(st, "images");
        Tensor diff = ours.to(ScalarType.Int).sub(ref.to(ScalarType.Int)).abs();
        long total = diff.numel(), differing = (long) Tensors.item(diff.gt(Tensors.scalar(0)).sum());
        out.add(Check.count("generator/images pixels differing (<= 1e-4)", differing, total, total / 10_000));
        out.add(Check.count("generator/images max level difference (<= 1)", (long) Tensors.item(diff.max()), 255, 1));
        return ours;
    }

    void fid(Detector inception, Tensor images) {
        SafeTensors st = open("fid.safetensors");
        FeatureExtractor ex = new FeatureExtractor(inception, FEATURES, 64, false);
        try (Dataset reals = Datasets.open(fx.dir().resolve("dataset.zip").toString())) {
            FeatureStats real = ex.forDataset(reals, reals.size(), true, true, null);
            out.add(Check.relative("fid/real_features", Tensors.toDoubles(real.all()), st.get("real_features").toDoubleArray(), 1e-5));
        }
        Tensor genRef = tensor(st, "gen_features");
        out.add(Check.relative("fid/gen_features (stored images)", Tensors.toDoubles(ex.features(tensor(open("generator.safetensors"), "images"))),
                st.get("gen_features").toDoubleArray(), 1e-5));
        FeatureStats r = stats(tensor(st, "real_features")), g = stats(genRef);
        Tensor[] mr = r.meanCov(), mg = g.meanCov();
        out.add(Check.relative("fid/mu_real", Tensors.toDoubles(mr[0]), st.get("mu_real").toDoubleArray(), 1e-12));
        out.add(Check.relative("fid/sigma_real", Tensors.toDoubles(mr[1]), st.get("sigma_real").toDoubleArray(), 1e-12));
        out.add(Check.relative("fid/mu_gen", Tensors.toDoubles(mg[0]), st.get("mu_gen").toDoubleArray(), 1e-12));
        out.add(Check.relative("fid/sigma_gen", Tensors.toDoubles(mg[1]), st.get("sigma_gen").toDoubleArray(), 1e-12));
        double fid = Fid.compute(mg[0], mg[1], mr[0], mr[1]);
        out.add(Check.relative("fid/fid (stored features)", new double[] {fid}, st.get("fid").toDoubleArray(), 1e-9));
        Tensor[] e2e = stats(ex.features(images)).meanCov();
        out.add(Check.relative("fid/fid end to end", new double[] {Fid.compute(e2e[0], e2e[1], mr[0], mr[1])}, st.get("fid").toDoubleArray(), 1e-5));
    }

    void kid(Detector inception, Tensor images) {
        SafeTensors st = open("kid.safetensors"), f = open("fid.safetensors");
        NumpyRandom rng = new NumpyRandom(7100); // np.random.seed(7100) ran before kid (README "Seeding")
        for (int i = 0; i < 256; i++) rng.randint(512); // the empty labels' draws, one per generated image
        Kid.Subsets s = Kid.Subsets.draw(rng, 256, 512, 10, 100);
        out.add(Check.relative("kid/gen_subset_idx (numpy stream)", flat(s.gen()), st.get("gen_subset_idx").toDoubleArray(), 0));
        out.add(Check.relative("kid/real_subset_idx (numpy stream)", flat(s.real()), st.get("real_subset_idx").toDoubleArray(), 0));
        Tensor gen = tensor(f, "gen_features"), real = tensor(f, "real_features");
        double[] terms = Kid.subsetTerms(gen, real, s);
        out.add(Check.relative("kid/subset_terms", terms, st.get("subset_terms").toDoubleArray(), 1e-5));
        out.add(Check.relative("kid/kid (stored features)", new double[] {Kid.fromTerms(terms, 100)}, st.get("kid").toDoubleArray(), 1e-5));
        Tensor genE2e = new FeatureExtractor(inception, FEATURES, 64, false).features(images);
        out.add(Check.relative("kid/kid end to end", new double[] {Kid.compute(genE2e, real, s)}, st.get("kid").toDoubleArray(), 1e-5));
    }

    void pr(Detector vgg, Tensor images) {
        SafeTensors st = open("pr.safetensors");
        FeatureExtractor ex = new FeatureExtractor(vgg, FEATURES, 64, false);
        try (Dataset reals = Datasets.open(fx.dir().resolve("dataset.zip").toString())) {
            out.add(Check.relative("pr/real_features", Tensors.toDoubles(ex.forDataset(reals, reals.size(), true, false, null).all()),
                    st.get("real_features").toDoubleArray(), 1e-5));
        }
        out.add(Check.relative("pr/gen_features (stored images)", Tensors.toDoubles(ex.features(tensor(open("generator.safetensors"), "images"))),
                st.get("gen_features").toDoubleArray(), 1e-5));
        Tensor real = tensor(st, "real_features_f16"), gen = tensor(st, "gen_features_f16");
        PrecisionRecall.Result r = PrecisionRecall.compute(real, gen, 3, 100, 10_000);
        out.add(Check.relative("pr/dist_real_real_rows0_7", Tensors.toDoubles(PrecisionRecall.distances(real.narrow(0, 0, 8), real, 10_000)),
                st.get("dist_real_real_rows0_7").toDoubleArray(), 0));
        out.add(Check.relative("pr/dist_gen_real_rows0_7", Tensors.toDoubles(PrecisionRecall.distances(gen.narrow(0, 0, 8), real, 10_000)),
                st.get("dist_gen_real_rows0_7").toDoubleArray(), 0));
        out.add(Check.relative("pr/dist_gen_gen_rows0_7", Tensors.toDoubles(PrecisionRecall.distances(gen.narrow(0, 0, 8), gen, 10_000)),
                st.get("dist_gen_gen_rows0_7").toDoubleArray(), 0));
        out.add(Check.relative("pr/dist_real_gen_rows0_7", Tensors.toDoubles(PrecisionRecall.distances(real.narrow(0, 0, 8), gen, 10_000)),
                st.get("dist_real_gen_rows0_7").toDoubleArray(), 0));
        out.add(Check.relative("pr/kth_real", Tensors.toDoubles(r.kthReal()), st.get("kth_real").toDoubleArray(), 0));
        out.add(Check.relative("pr/kth_gen", Tensors.toDoubles(r.kthGen()), st.get("kth_gen").toDoubleArray(), 0));
        out.add(Check.relative("pr/margin_precision", Tensors.toDoubles(PrecisionRecall.margins(gen, real, r.kthReal(), 10_000)),
                st.get("margin_precision").toDoubleArray(), 0));
        out.add(Check.relative("pr/margin_recall", Tensors.toDoubles(PrecisionRecall.margins(real, gen, r.kthGen(), 10_000)),
                st.get("margin_recall").toDoubleArray(), 0));
        out.add(Check.relative("pr/pred_precision", Tensors.toDoubles(r.predPrecision()), st.get("pred_precision").toDoubleArray(), 0));
        out.add(Check.relative("pr/pred_recall", Tensors.toDoubles(r.predRecall()), st.get("pred_recall").toDoubleArray(), 0));
        out.add(Check.relative("pr/precision,recall (stored features)", new double[] {r.precision(), r.recall()},
                new double[] {st.get("precision").toDoubleArray()[0], st.get("recall").toDoubleArray()[0]}, 0));
        Tensor genE2e = ex.features(images);
        PrecisionRecall.Result e = PrecisionRecall.compute(real, genE2e, 3, 100, 10_000);
        out.add(Check.relative("pr/precision,recall end to end", new double[] {e.precision(), e.recall()},
                new double[] {st.get("precision").toDoubleArray()[0], st.get("recall").toDoubleArray()[0]}, 0));
    }

    void ppl(Detector vgg) {
        SafeTensors st = open("ppl.safetensors");
        GeneratorCalls g = new GeneratorCalls(ModelParity.loadG(new FixtureFolder(fx.dir().resolveSibling("sg2-skip-resnet-32"), dev)));
        Tensor tDraw = tensor(st, "t_draw"), z0 = tensor(st, "z0"), z1 = tensor(st, "z1");
        List<NoiseLayer> buffers = g.noiseLayers();
        List<Tensor> noise = new ArrayList<>();
        for (NoiseLayer l : buffers) noise.add(tensor(st, "noise/" + l.name()));
        int batch = 2, n = (int) tDraw.size(0);
        for (String name : PPL_CONFIGS) {
            boolean w = name.contains("_w"), full = name.endsWith("full"), crop = !name.startsWith("ppl2");
            Ppl.Config cfg = new Ppl.Config(w, full, crop, 1e-4, n, batch);
            String inter = (w ? "w" : "z") + (full ? "full" : "end");
            float[] dist = new float[n];
            for (int b = 0; b < n / batch; b++) {
                try (PointerScope scope = new PointerScope()) {
                    for (int l = 0; l < buffers.size(); l++) buffers.get(l).buffer().copy_(noise.get(l).select(0, b));
                    Tensor t = tDraw.narrow(0, (long) b * batch, batch).mul(Tensors.scalar(full ? 1 : 0));
                    Tensor a = z0.narrow(0, (long) b * batch, batch), c = z1.narrow(0, (long) b * batch, batch);
                    if (b == 0 && crop) intermediates(st, g, vgg, cfg, inter, name, t, a, c);
                    System.arraycopy(Tensors.toFloats(Ppl.batchDistances(g, vgg, cfg, t, a, c, null)), 0, dist, b * batch, batch);
                }
            }
            float[] ref = st.get(name + "/dist").toFloatArray();
            out.add(relPerElement(name + "/dist per sample (rel 2e-2)", dist, ref, 2e-2));
            Ppl.Summary ours = Ppl.summarize(dist), fromRef = Ppl.summarize(ref);
            double[] kept = st.get(name + "/kept").toDoubleArray();
            out.add(Check.relative(name + "/kept", toDoubles(ours.kept()), kept, 0));
            out.add(Check.relative(name + "/kept (stored dist)", toDoubles(fromRef.kept()), kept, 0));
            out.add(Check.relative(name + "/lo,hi (stored dist)", new double[] {fromRef.lo(), fromRef.hi()},
                    new double[] {st.get(name + "/lo").toDoubleArray()[0], st.get(name + "/hi").toDoubleArray()[0]}, 0));
            out.add(Check.relative(name + "/ppl (stored dist)", new double[] {fromRef.ppl()}, st.get(name + "/ppl").toDoubleArray(), 1e-6));
            out.add(Check.relative(name + "/ppl end to end", new double[] {ours.ppl()}, st.get(name + "/ppl").toDoubleArray(), 1e-3));
        }
    }

    /** The first batch's ws of the first 4 batches are checked through batch 0 only here: wt for 2 samples, image, VGG input, LPIPS. */
    private void intermediates(SafeTensors st, GeneratorCalls g, Detector vgg, Ppl.Config cfg, String inter, String name, Tensor t, Tensor a, Tensor c) {
        Tensor ws = Ppl.interpolatedWs(g, cfg, t, a, c, null);
        double[] wt0 = Tensors.toDoubles(ws.narrow(0, 0, 2)), wt1 = Tensors.toDoubles(ws.narrow(0, 2, 2));
        out.add(Check.relative(inter + "/wt0 batch 0", wt0, prefix(st.get(inter + "/wt0_first8").toDoubleArray(), wt0.length), 1e-5));
        out.add(Check.relative(inter + "/wt1 batch 0", wt1, prefix(st.get(inter + "/wt1_first8").toDoubleArray(), wt1.length), 1e-5));
        Tensor img = g.synthesisConstNoise(ws);
        out.add(Check.relative(inter + "/img_batch0", Tensors.toDoubles(img), st.get(inter + "/img_batch0").toDoubleArray(), 1e-4));
        if (st.contains(name + "/vgg_in_batch0")) {
            Tensor in = Ppl.detectorInput(img, cfg.crop(), g.resolution());
            out.add(Check.relative(name + "/vgg_in_batch0", Tensors.toDoubles(in), st.get(name + "/vgg_in_batch0").toDoubleArray(), 1e-4));
            out.add(Check.relative(name + "/lpips_batch0 (stored input)", Tensors.toDoubles(vgg.lpips(tensor(st, name + "/vgg_in_batch0"))),
                    st.get(name + "/lpips_batch0").toDoubleArray(), 1e-5));
        }
    }

    private static Check relPerElement(String name, float[] a, float[] ref, double tol) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - ref[i]) / Math.abs(ref[i]));
        return new Check(name, Check.Kind.METRIC, worst, 1, worst <= tol);
    }

    private static FeatureStats stats(Tensor features) {
        FeatureStats s = new FeatureStats(true, true, features.size(0));
        for (long i = 0; i < features.size(0); i += 64) s.append(features.narrow(0, i, Math.min(64, features.size(0) - i)));
        return s;
    }

    private static double[] flat(int[][] rows) {
        return java.util.Arrays.stream(rows).flatMapToInt(java.util.Arrays::stream).asDoubleStream().toArray();
    }

    private static double[] toDoubles(boolean[] b) {
        double[] d = new double[b.length];
        for (int i = 0; i < b.length; i++) d[i] = b[i] ? 1 : 0;
        return d;
    }

    private static double[] prefix(double[] a, int n) {
        return java.util.Arrays.copyOf(a, n);
    }

    private SafeTensors open(String name) {
        return SafeTensors.read(fx.dir().resolve(name));
    }

    /** A stored tensor in its own dtype (uint8 images stay uint8, float16 features float16). */
    private Tensor tensor(SafeTensors st, String name) {
        SafeTensors.Entry e = st.get(name);
        long[] shape = e.shape();
        Tensor t = switch (e.dtype()) {
            case "U8" -> {
                ByteBuffer raw = e.raw();
                byte[] b = new byte[raw.remaining()];
                raw.get(b);
                try (BytePointer p = new BytePointer(b)) {
                    yield torch.from_blob(p, shape, new TensorOptions(ScalarType.Byte)).clone();
                }
            }
            case "F16" -> Tensors.fromFloats(e.toFloatArray(), shape).to(ScalarType.Half);
            case "F64" -> Tensors.fromDoubles(e.toDoubleArray(), shape);
            default -> Tensors.fromFloats(e.toFloatArray(), shape);
        };
        return dev.is_cpu() ? t : t.to(dev, t.scalar_type());
    }
}

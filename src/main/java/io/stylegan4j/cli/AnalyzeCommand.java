package io.stylegan4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stylegan4j.analysis.JacobianSpectrum;
import io.stylegan4j.analysis.PathLengths;
import io.stylegan4j.analysis.TorgbContributions;
import io.stylegan4j.checkpoint.ModelFile;
import io.stylegan4j.io.AtomicFiles;
import io.stylegan4j.io.JsonLines;
import io.stylegan4j.model.Generator;
import io.stylegan4j.ops.StepScope;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.projection.ImageDistance;
import io.stylegan4j.projection.Projectable;
import io.stylegan4j.random.NumpyRandom;
import io.stylegan4j.report.Charts;
import io.stylegan4j.train.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The papers' analyses of a trained generator, one subcommand each. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyses of a trained generator: tRGB contributions, per-image path lengths, Jacobian spectrum.",
        subcommands = {AnalyzeCommand.Trgb.class, AnalyzeCommand.PathLength.class, AnalyzeCommand.Jacobian.class})
final class AnalyzeCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    static void writeJson(Path file, Object value) throws java.io.IOException {
        AtomicFiles.write(file, o -> o.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(value)));
    }

    @Command(name = "trgb", mixinStandardHelpOptions = true,
            description = {"StyleGAN2 Figure 8: each resolution's share of the final image (std of its upsampled tRGB output).",
                    "--network: one model; --run: every snapshot of a training run, against kimg. Writes trgb.json and trgb.png."})
    static final class Trgb implements Callable<Integer> {
        static final class Source {
            @Option(names = "--network", description = "one model file") Path network;
            @Option(names = "--run", description = "a training run directory: all its snapshots") Path run;
        }

        @ArgGroup(exclusive = true, multiplicity = "1") Source source;
        @Option(names = "--samples", defaultValue = "64", description = "images averaged (default: ${DEFAULT-VALUE})") int samples;
        @Option(names = "--outdir", required = true, description = "where to write trgb.json and trgb.png") Path outdir;
        @Mixin EngineOptions engine;

        @Override
        public Integer call() throws Exception {
            if (samples < 2) throw new IllegalArgumentException("--samples must be >= 2 for a standard deviation, got " + samples);
            List<Path> models = source.network != null ? List.of(source.network) : Checkpoint.list(source.run);
            if (models.isEmpty()) throw new IllegalArgumentException("--run " + source.run + ": no network-snapshot-*.safetensors in it");
            Sampling.outdir(outdir);
            Device dev = engine.open();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Path m : models) {
                Generator g = ModelFile.loadGenerator(m, dev);
                ModelFile.Provenance p = ModelFile.read(m).provenance();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("network", m.toString());
                row.put("kimg", p == null ? null : p.imagesSeen() / 1000.0);
                Map<String, Double> share = new LinkedHashMap<>();
                TorgbContributions.measure(g, everyClass(g.cfg.cDim(), samples, dev), samples, 0, dev).forEach((r, s) -> share.put("b" + r, s));
                row.put("share", share);
                rows.add(row);
                System.out.println("trgb: " + m.getFileName() + " " + share);
            }
            writeJson(outdir.resolve("trgb.json"), rows);
            double[] x = new double[rows.size()];
            Map<String, double[]> parts = new LinkedHashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                Object k = rows.get(i).get("kimg");
                x[i] = k == null ? i : (Double) k;
                @SuppressWarnings("unchecked") Map<String, Double> share = (Map<String, Double>) rows.get(i).get("share");
                for (Map.Entry<String, Double> e : share.entrySet())
                    parts.computeIfAbsent(e.getKey(), key -> new double[rows.size()])[i] = e.getValue();
            }
            Charts.stacked(outdir.resolve("trgb.png"), "tRGB contributions (StyleGAN2 Fig. 8)", "kimg", x, parts);
            System.out.printf("trgb: %d model(s); wrote trgb.json and trgb.png to %s%n", rows.size(), outdir);
            return 0;
        }

        /** A conditional G is measured over all its classes in turn (sample i gets class i mod c_dim); null if unconditional. */
        private static Tensor everyClass(int classes, int samples, Device dev) {
            if (classes == 0) return null;
            int[] labels = new int[samples];
            for (int i = 0; i < samples; i++) labels[i] = i % classes;
            return Tensors.oneHot(labels, classes, dev);
        }
    }

    @Command(name = "ppl", mixinStandardHelpOptions = true,
            description = {"Per-image perceptual path length (StyleGAN2 Figure 5 view): LPIPS(g(w0), g(lerp(w0, w1, 1e-4))) / 1e-8",
                    "per image (the official ppl2_wend, no crop). Writes ppl.jsonl, ppl.json (official filtered mean, quantiles) and ppl.png."})
    static final class PathLength implements Callable<Integer> {
        @Option(names = "--samples", defaultValue = "256", description = "images (default: ${DEFAULT-VALUE})") int samples;
        @Option(names = "--seed", defaultValue = "0", description = "torch seed of the z draws (default: ${DEFAULT-VALUE})") long seed;
        @Option(names = "--batch", defaultValue = "16", description = "image pairs per pass (default: ${DEFAULT-VALUE})") int batch;
        @Mixin NetworkOptions net;
        @Mixin DetectorOptions detector;

        @Override
        public Integer call() throws Exception {
            if (samples < 2) throw new IllegalArgumentException("--samples must be >= 2, got " + samples);
            if (batch < 1) throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
            Device dev = net.open();
            Projectable p = ProjectionOptions.projectable(net.load(dev), net, dev);
            double[] d;
            try (ImageDistance lpips = ProjectionOptions.lpips(detector, dev)) {
                d = PathLengths.perImage(p, lpips, samples, seed, batch);
            }
            Path lines = net.outdir.resolve("ppl.jsonl");
            Files.deleteIfExists(lines);
            try (JsonLines log = JsonLines.append(lines)) {
                for (int i = 0; i < d.length; i++) log.write(Map.of("sample", i, "ppl", d[i]));
            }
            double[] s = d.clone();
            Arrays.sort(s);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ppl", PathLengths.ppl(d));
            m.put("median", s[s.length / 2]);
            m.put("p10", s[(int) (0.1 * (s.length - 1))]);
            m.put("p90", s[(int) Math.ceil(0.9 * (s.length - 1))]);
            m.put("samples", samples);
            m.put("epsilon", PathLengths.EPSILON);
            writeJson(net.outdir.resolve("ppl.json"), m);
            Charts.histogram(net.outdir.resolve("ppl.png"), "per-image path length (W, end points)", "PPL", Map.of("images", s), 30);
            System.out.printf(Locale.ROOT, "ppl: %.3f (filtered mean), median %.3f over %d images; wrote ppl.jsonl, ppl.json, ppl.png to %s%n",
                    m.get("ppl"), m.get("median"), samples, net.outdir);
            return 0;
        }
    }

    @Command(name = "jacobian", mixinStandardHelpOptions = true,
            description = {"Singular values of dg(w)/dw at random w (the quantity StyleGAN2's path-length regularizer controls).",
                    "w = f(z) for z = RandomState(seed).randn(z_dim), as generate draws seeds. Writes jacobian.json and jacobian.png."})
    static final class Jacobian implements Callable<Integer> {
        @Option(names = "--seeds", defaultValue = "0-7", description = "seeds of the ws (default: ${DEFAULT-VALUE})") String seeds;
        @Mixin NetworkOptions net;

        @Override
        public Integer call() throws Exception {
            List<Long> s = Sampling.seeds("--seeds", seeds);
            Device dev = net.open();
            Projectable p = ProjectionOptions.projectable(net.load(dev), net, dev);
            double pixels = (double) p.resolution() * p.resolution();
            List<Map<String, Object>> rows = new ArrayList<>();
            Map<String, double[][]> series = new LinkedHashMap<>();
            for (long seed : s) {
                float[] w;
                try (StepScope scope = StepScope.inference()) {
                    w = Tensors.toFloats(p.mapping(Tensors.fromFloats(NumpyRandom.latent(seed, p.zDim()), new long[] {1, p.zDim()}, dev)));
                }
                double[] sv = JacobianSpectrum.singularValues(p, w);
                double sq = Arrays.stream(sv).map(v -> v * v).sum();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("seed", seed);
                row.put("singular_values", sv);
                row.put("condition_number", sv[0] / sv[sv.length - 1]);
                row.put("path_length", Math.sqrt(sq / pixels)); // sqrt(E ||J^T y||^2), y ~ N(0, I / (H W))
                rows.add(row);
                double[] idx = new double[sv.length];
                for (int i = 0; i < idx.length; i++) idx[i] = i + 1;
                series.put("seed " + seed, new double[][] {idx, sv});
                System.out.printf(Locale.ROOT, "jacobian: seed %d: sigma %.4g .. %.4g (condition %.3g), path length %.4f%n", seed, sv[0],
                        sv[sv.length - 1], sv[0] / sv[sv.length - 1], row.get("path_length"));
            }
            writeJson(net.outdir.resolve("jacobian.json"), rows);
            Charts.lines(net.outdir.resolve("jacobian.png"), "singular values of dg(w)/dw", "index", "singular value", series, true);
            System.out.printf("jacobian: %d ws; wrote jacobian.json and jacobian.png to %s%n", s.size(), net.outdir);
            return 0;
        }
    }
}

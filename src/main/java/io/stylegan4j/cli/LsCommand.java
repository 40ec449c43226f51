package io.stylegan4j.cli;

import io.stylegan4j.checkpoint.ModelFile;
import io.stylegan4j.io.JsonLines;
import io.stylegan4j.metrics.ls.AttributeClassifier;
import io.stylegan4j.metrics.ls.LinearSeparability;
import io.stylegan4j.model.Generator;
import io.stylegan4j.report.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Device;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Linear separability of Z and W (StyleGAN section 4.2). Prints the score of each space and which is more
 * separable, and appends the official {@code metric-ls.jsonl} line to the run directory the network sits in.
 */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = "Linear separability (StyleGAN 4.2) of Z and W, with auxiliary classifiers from train-classifier; lower is more separable.")
final class LsCommand implements Callable<Integer> {
    static final String METRIC = "ls";

    @Option(names = "--network", required = true, description = "native model file (a snapshot or a converted model)")
    Path network;

    @Option(names = "--classifiers", required = true, description = "folder of classifier-*.safetensors (train-classifier --outdir)")
    Path classifiers;

    @Option(names = "--num", description = "generated images; half are kept per attribute (default 10000; the paper: 200000)")
    Integer num;

    @Option(names = "--batch", defaultValue = "32", description = "images per generator call (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--seed", defaultValue = "0", description = "random seed for z and noise (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--run-dir", description = "append metric-ls.jsonl here (default: the network's folder when it is a training run)")
    Path runDir;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() {
        LinearSeparability.Options defaults = LinearSeparability.Options.defaults();
        LinearSeparability.Options o = new LinearSeparability.Options(num == null ? defaults.numSamples() : num, batch, seed);
        Device dev = engine.open();
        long start = System.nanoTime();
        LinearSeparability.Result r;
        try (Generator g = ModelFile.loadGenerator(network, dev)) {
            List<AttributeClassifier> clfs = AttributeClassifier.loadAll(classifiers, dev);
            try {
                LinearSeparability.check(g, clfs, o); // before the bars, so bad input prints nothing else
                try (Bars bars = new Bars(o.numSamples(), clfs.size())) {
                    r = LinearSeparability.compute(g, clfs, o, dev, bars);
                }
            } finally {
                clfs.forEach(AttributeClassifier::close);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("ls: %d images, the most confident %d kept per attribute%n", r.numSamples(), r.numKept());
        System.out.printf("  %-10s %8s %8s %8s%n", "attribute", "H(z)", "H(w)", "present");
        for (LinearSeparability.AttributeResult a : r.attributes())
            System.out.printf("  %-10s %8.4f %8.4f %8.3f%n", a.attribute(), a.entropyZ(), a.entropyW(), a.presentFraction());
        System.out.printf("ls: z %.4f, w %.4f: %s%n", r.z(), r.w(), switch (r.moreSeparable()) {
            case "w" -> "W is more linearly separable than Z";
            case "z" -> "Z is more linearly separable than W";
            default -> "Z and W are equally separable";
        });
        Map<String, Object> line = jsonLine(r, seconds);
        Path dir = runDir != null ? runDir : Files.isRegularFile(network.toAbsolutePath().resolveSibling("training_options.json"))
                ? network.toAbsolutePath().getParent() : null;
        if (dir != null) {
            try (JsonLines out = JsonLines.append(dir.resolve("metric-" + METRIC + ".jsonl"))) {
                out.write(line);
            }
            System.out.println("ls: appended to " + dir.resolve("metric-" + METRIC + ".jsonl"));
        }
        return 0;
    }

    /** One bar while images are generated, then one over the attributes while their SVMs are fitted. */
    private static final class Bars implements LinearSeparability.Listener, AutoCloseable {
        private final int attributes;
        private Progress images, svms;

        Bars(long n, int attributes) {
            this.images = new Progress("ls: generate", n, "img");
            this.attributes = attributes;
        }

        @Override
        public void generated(long n) {
            images.stepTo(n);
        }

        @Override
        public void fitted(int done) {
            if (svms == null) {
                images.close();
                images = null;
                svms = new Progress("ls: svm", attributes, "attributes");
            }
            svms.stepTo(done);
        }

        @Override
        public void close() {
            if (images != null) images.close();
            if (svms != null) svms.close();
        }
    }

    /** The official metric-<name>.jsonl record (stylegan2-ada metric_main.report_metric). */
    private Map<String, Object> jsonLine(LinearSeparability.Result r, double seconds) {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put(METRIC + "_z", r.z());
        results.put(METRIC + "_w", r.w());
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("results", results);
        line.put("metric", METRIC);
        line.put("total_time", seconds);
        line.put("total_time_str", String.format("%dm %02ds", (long) seconds / 60, (long) seconds % 60));
        line.put("num_gpus", 1);
        line.put("snapshot_pkl", network.getFileName().toString());
        line.put("timestamp", System.currentTimeMillis() / 1000.0);
        return line;
    }
}

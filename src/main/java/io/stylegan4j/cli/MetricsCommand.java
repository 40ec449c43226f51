package io.stylegan4j.cli;

import io.stylegan4j.checkpoint.ModelFile;
import io.stylegan4j.checkpoint.V1ModelFile;
import io.stylegan4j.data.Dataset;
import io.stylegan4j.data.Datasets;
import io.stylegan4j.metrics.DetectorFiles;
import io.stylegan4j.metrics.GeneratorCalls;
import io.stylegan4j.metrics.MetricLog;
import io.stylegan4j.metrics.MetricOptions;
import io.stylegan4j.metrics.MetricRegistry;
import io.stylegan4j.metrics.MetricRun;
import io.stylegan4j.metrics.Metrics;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Device;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The official calc_metrics.py, plus folder-vs-folder FID/KID/PR as pytorch-fid and clean-fid offer it. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Compute the papers' metrics (official names: fid50k_full, kid50k_full, pr50k3_full, ppl2_wend, ppl_zfull, "
                + "ppl_wfull, ppl_zend, ppl_wend, fid50k, kid50k, pr50k3, fidNk, fidNk_full, ls) for a network against its dataset, "
                + "or fid, kid, pr between two image folders. One JSON line per metric on stdout, in the official "
                + "metric-<name>.jsonl shape; appended to metric-<name>.jsonl in --run-dir (default: the network's run "
                + "directory, when it is one). Progress goes to stderr.",
                "Detectors: inception-2015-12-05.pt (FID, KID) and vgg16.pt (PR, PPL), from --detector-dir (default "
                        + "~/.cache/stylegan4j) or --detector. ls (linear separability, StyleGAN 4.2) needs no dataset but "
                        + "--classifiers DIR from train-classifier. kinds10k (the built-in shapes: the share of fakes whose kind the "
                        + "circle/square/triangle/star classifiers recognize, against the same on the reals) needs --data builtin and "
                        + "those classifiers."})
final class MetricsCommand implements Callable<Integer> {
    @Option(names = "--network", description = "model file to evaluate")
    Path network;

    @Option(names = "--data", description = "the real images: folder or dataset .zip (with --network)")
    String data;

    @Option(names = "--real", description = "real images: folder or .zip (with --fake)")
    String real;

    @Option(names = "--fake", description = "generated images: folder or .zip (with --real)")
    String fake;

    @Option(names = "--metrics", defaultValue = "fid50k_full", split = ",", description = "comma-separated metric names (default: ${DEFAULT-VALUE})")
    List<String> metrics;

    @Mixin
    DetectorOptions detector;

    @Option(names = "--classifiers", description = "folder of classifier-*.safetensors (train-classifier --outdir), for ls and kinds10k")
    Path classifiers;

    @Option(names = "--num", description = "samples per metric instead of the official count (50k); _full metrics still use every real image")
    Long num;

    @Option(names = "--seed", defaultValue = "0", description = "seed for z, noise and subsets (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--batch", defaultValue = "" + MetricOptions.DEFAULT_BATCH, description = "images per detector call (default: ${DEFAULT-VALUE}; lower it if the Inception runs out of memory)")
    int batch;

    @Option(names = "--precision", defaultValue = "f32", description = "detector precision: f32 or bf16 (default: ${DEFAULT-VALUE})")
    String precision;

    @Option(names = "--run-dir", description = "append metric-<name>.jsonl here (default: the network's folder if it holds training_options.json)")
    Path runDir;

    @Option(names = "--no-cache", description = "do not read or write cached real-data features")
    boolean noCache;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        boolean folders = real != null || fake != null;
        if (folders && (network != null || data != null))
            throw new IllegalArgumentException("pass either --network with --data, or --real with --fake, not both");
        if (folders && (real == null || fake == null)) throw new IllegalArgumentException("--real and --fake go together: pass both folders");
        List<String> names = MetricRegistry.parse(String.join(",", metrics));
        if (!folders && (network == null || data == null && names.stream().anyMatch(Metrics::needsData)))
            throw new IllegalArgumentException("pass --network F --data DIR|ZIP, or --real DIR --fake DIR");
        if (!precision.equals("f32") && !precision.equals("bf16"))
            throw new IllegalArgumentException("--precision must be f32 or bf16, got '" + precision + "'");
        if (batch <= 0) throw new IllegalArgumentException("--batch must be positive, got " + batch);
        if (network != null && !Files.isRegularFile(network)) throw new IllegalArgumentException(network + ": no such model file");
        Path dir = runDir != null ? runDir : network != null && Files.isRegularFile(network.toAbsolutePath().getParent().resolve("training_options.json"))
                ? network.toAbsolutePath().getParent() : null;
        if (dir != null && !Files.isDirectory(dir)) throw new IllegalArgumentException("--run-dir " + dir + " is not a folder");

        Device dev = engine.open();
        MetricOptions opts = new MetricOptions(detector.files(), dev, seed, num, batch, precision.equals("bf16"),
                noCache ? null : DetectorFiles.defaultDir().resolve("gan-metrics"), true, classifiers);
        ObjectMapper json = new ObjectMapper();
        try (Dataset reals = folders || data != null ? Datasets.open(folders ? real : data) : null;
             Dataset fakes = folders ? Datasets.open(fake) : null;
             MetricRun run = folders ? MetricRun.forFolders(fakes, reals, opts)
                     : MetricRun.forGenerator(generator(network, dev), reals, opts)) {
            String snapshot = network == null ? null : dir == null ? network.toString() : dir.relativize(network.toAbsolutePath()).toString();
            Metrics.evaluate(run, names, snapshot, rec -> {
                try {
                    System.out.println(json.writeValueAsString(rec));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
                if (dir != null) MetricLog.append(dir, rec);
            });
        }
        return 0;
    }

    /** G of any family: StyleGAN2, or StyleGAN v1 / ProGAN at the lod it was saved with. */
    private static GeneratorCalls generator(Path network, Device dev) {
        return V1ModelFile.isV1(network) ? new GeneratorCalls(V1ModelFile.loadGenerator(network, dev))
                : new GeneratorCalls(ModelFile.loadGenerator(network, dev));
    }
}

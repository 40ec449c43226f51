package io.stylegan4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stylegan4j.bench.BenchResult;
import io.stylegan4j.bench.Benchmark;
import io.stylegan4j.bench.GenerateBenchmark;
import io.stylegan4j.bench.OfficialFigures;
import io.stylegan4j.bench.PeerFigures;
import io.stylegan4j.bench.Precision;
import io.stylegan4j.bench.SynthesisProfile;
import io.stylegan4j.bench.TrainBenchmark;
import io.stylegan4j.bench.V1Benchmark;
import io.stylegan4j.model.DiscriminatorConfig;
import io.stylegan4j.model.Generator;
import io.stylegan4j.model.GeneratorConfig;
import io.stylegan4j.model.Truncation;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.ops.Winograd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code stylegan4j bench}: the like-for-like speed comparison of ENGINE.md (official config, random weights, const
 * noise), f32 and bf16, warm-up excluded, median of timed batches, with the ratio to the official code's figure.
 * Results go to stdout (text or one JSON object per line), progress to stderr. New measurements (the training step)
 * are one more {@link Benchmark} in {@link #benchmarks}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure generation or training speed in f32 and bf16 against the official code's figures "
                + "(--peers: measured on this machine just before).")
final class BenchCommand implements Callable<Integer> {
    enum Mode { generate, train }

    @Option(names = "--mode", defaultValue = "generate", description = "generate (default) or train")
    Mode mode;

    @Option(names = "--json", description = "one JSON object per result line")
    boolean json;

    @Option(names = "--quick", description = "1 warm-up and 3 timed batches instead of 2 and 10 (a smoke test)")
    boolean quick;

    @Option(names = "--res", split = ",", description = "resolutions (default: 64,256, the official figures' sizes)")
    List<Integer> res;

    @Option(names = "--batch", description = "batch size (default: 8 at 64 px, else 4, as the official figures)")
    Integer batch;

    @Option(names = "--dtype", split = ",", defaultValue = "f32,bf16", description = "f32, bf16 or both (default: ${DEFAULT-VALUE})")
    List<String> dtypes;

    @Option(names = "--reps", description = "timed batches per line (overrides --quick)")
    Integer reps;

    @Option(names = "--profile", description = "also time every synthesis layer in both modulated-conv formulations (to stderr)")
    boolean profile;

    @Option(names = "--memory-format", defaultValue = "nhwc", description = "train mode: activations nhwc (default) or nchw, for A/B runs")
    String memoryFormat;

    @Option(names = "--conv", defaultValue = "auto", description = "3x3 convolutions: auto (Winograd F(4x4,3x3) where it"
            + " pays, the default) or direct, for A/B runs")
    String conv;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the random weights and latents")
    long seed;

    @Option(names = "--peers", paramLabel = "FILE", description = "JSON lines printed by ../shared/peers/bench_nvlabs.py on this "
            + "machine just before: the ratios use its figures instead of the built-in ones from another processor")
    Path peers;

    @Option(names = "--family", defaultValue = "stylegan2", description = "stylegan2 (default) or stylegan1: G_style config F"
            + " and D_basic at the official widths, f32, with the share of time in convolutions (no official figures to compare)")
    String family;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() {
        Device dev = engine.open();
        warnIfBusy();
        EngineOptions.warnIfUntuned("bench", dev);
        Winograd.mode = switch (conv) {
            case "auto" -> Winograd.Mode.AUTO;
            case "direct" -> Winograd.Mode.DIRECT;
            default -> throw new IllegalArgumentException("--conv must be auto or direct, got '" + conv + "'");
        };
        System.err.println("bench: libtorch intra-op threads " + torch.get_num_threads());
        List<Precision> precisions = dtypes.stream().map(Precision::parse).toList();
        int warmup = quick ? 1 : 2, n = reps != null ? reps : quick ? 3 : 10;
        ObjectMapper mapper = new ObjectMapper();
        PeerFigures peerFile = peers == null ? null : PeerFigures.read(peers);
        // The official training figure exists at 64 px only; generation was measured at 64 and 256.
        boolean v1 = family.equals("stylegan1");
        for (int r : res != null ? res : mode == Mode.train || v1 ? List.of(64) : List.of(64, 256)) {
            int b = batch != null ? batch : OfficialFigures.defaultBatch(r);
            GeneratorConfig cfg = GeneratorConfig.of(r, 3);
            for (Benchmark bm : benchmarks(cfg, b, precisions, warmup, n, dev)) {
                for (BenchResult line : bm.run(System.err::println)) print(mapper, official(line, peerFile, cfg));
            }
            if (profile) profile(cfg, b, precisions, dev);
        }
        return 0;
    }

    /** The measurements of one mode at one size; {@code train} is where the training-step benchmark plugs in. */
    List<Benchmark> benchmarks(GeneratorConfig cfg, int b, List<Precision> precisions, int warmup, int n, Device dev) {
        if (family.equals("stylegan1")) return List.of(new V1Benchmark(mode == Mode.train, cfg.imgResolution(), b, warmup,
                mode == Mode.train ? Math.max(1, n / 5) : n, dev, seed));
        if (!family.equals("stylegan2")) throw new IllegalArgumentException("--family must be stylegan2 or stylegan1, got '" + family + "'");
        return switch (mode) {
            case generate -> List.of(new GenerateBenchmark(cfg, b, precisions, warmup, n, dev, seed));
            case train -> List.of(new TrainBenchmark(cfg, DiscriminatorConfig.of(cfg.imgResolution(), cfg.imgChannels()), b, quick ? 0 : 1,
                    quick, channelsLast(), precisions, dev, seed));
        };
    }

    /** The line against the peers file's figure when one is given, else the built-in one; either way it says which. */
    private BenchResult official(BenchResult line, PeerFigures peerFile, GeneratorConfig cfg) {
        if (peerFile == null)
            return line.official() != null ? line : line.withOfficial(null, "no official figure: none built in at this size and batch (bench --peers FILE)");
        if (line.what().equals("train") && quick)
            return line.withOfficial(null, "no official figure: --quick times no whole lazy-regularization schedule");
        PeerFigures.Figure f = peerFile.lookup(line.what(), line.res(), line.batch(), cfg.channelBase());
        return f == null ? line.withOfficial(null, peerFile.missing(line.what(), line.res(), line.batch(), cfg.channelBase()))
                : line.withOfficial(f.imgPerS(), f.source());
    }

    private boolean channelsLast() {
        return switch (memoryFormat) {
            case "nhwc" -> true;
            case "nchw" -> false;
            default -> throw new IllegalArgumentException("--memory-format must be nhwc or nchw, got '" + memoryFormat + "'");
        };
    }

    private void print(ObjectMapper mapper, BenchResult line) {
        try {
            System.out.println(json ? mapper.writeValueAsString(line.toJson()) : line.toText());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a result as JSON: " + e.getOriginalMessage(), e);
        }
        System.out.flush();
    }

    private void profile(GeneratorConfig cfg, int b, List<Precision> precisions, Device dev) {
        torch.manual_seed(seed);
        Generator g = new Generator(cfg, dev);
        g.train(false);
        Tensor ws;
        try (NoGradGuard ng = new NoGradGuard()) {
            ws = g.ws(torch.randn(new long[] {b, cfg.zDim()}, Tensors.options(dev)), null, Truncation.NONE);
        }
        for (Precision p : precisions) {
            g.synthesis.to(p.scalarType);
            System.err.printf(Locale.ROOT, "profile %dpx batch %d %s (median ms per layer, both formulations):%n", cfg.imgResolution(), b, p.label());
            double grouped = 0, shared = 0;
            for (SynthesisProfile.Row row : SynthesisProfile.profile(g, ws, 1, quick ? 2 : 5)) {
                System.err.println("  " + row.toText());
                grouped += row.groupedMs();
                shared += row.sharedMs();
            }
            System.err.printf(Locale.ROOT, "  total: grouped %.0f ms, shared %.0f ms%n", grouped, shared);
        }
    }

    /** Other busy processes share the cores and slow every figure; say so rather than report it silently. */
    private static void warnIfBusy() {
        try {
            String[] load = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            double one = Double.parseDouble(load[0]);
            int cores = Runtime.getRuntime().availableProcessors();
            if (one > 0.5 * cores)
                System.err.printf(Locale.ROOT, "bench: warning: load average %.2f on %d cores before starting; other processes"
                        + " will slow these figures%n", one, cores);
        } catch (Exception e) {
            // not Linux: nothing to check
        }
    }
}

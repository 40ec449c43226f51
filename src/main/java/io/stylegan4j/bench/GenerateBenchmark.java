package io.stylegan4j.bench;

import io.stylegan4j.model.Generator;
import io.stylegan4j.model.GeneratorConfig;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.ops.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Generation speed: images/s of G(z) = synthesis(mapping(z)) with randomly initialized weights (speed does not
 * depend on their values), const noise, no truncation, no gradients. Every dtype after the first (f32) runs a copy
 * of the same weights whose synthesis network is cast; its mapping stays f32 and its ws are cast before synthesis.
 * The reduced-precision images are compared with the f32 images of the same z (PSNR).
 */
public final class GenerateBenchmark implements Benchmark {
    private final GeneratorConfig cfg;
    private final int batch, warmup, reps;
    private final List<Precision> dtypes;
    private final Device device;
    private final long seed;

    public GenerateBenchmark(GeneratorConfig cfg, int batch, List<Precision> dtypes, int warmup, int reps, Device device, long seed) {
        if (batch < 1 || reps < 1 || warmup < 0) throw new IllegalArgumentException("batch and reps must be >= 1, warm-up >= 0");
        if (dtypes.isEmpty()) throw new IllegalArgumentException("no dtype to measure");
        this.cfg = cfg;
        this.batch = batch;
        this.dtypes = List.copyOf(dtypes);
        this.warmup = warmup;
        this.reps = reps;
        this.device = device;
        this.seed = seed;
    }

    @Override
    public String what() {
        return "generate";
    }

    @Override
    public List<BenchResult> run(Consumer<String> progress) {
        torch.manual_seed(seed);
        Generator g32 = new Generator(cfg, device);
        g32.train(false);
        Tensor z = torch.randn(new long[] {batch, cfg.zDim()}, Tensors.options(device));
        z.retainReference();
        Tensor reference = null;
        if (dtypes.stream().anyMatch(p -> p != Precision.F32)) {
            try (NoGradGuard ng = new NoGradGuard()) {
                reference = generate(g32, z);
                reference.retainReference();
            }
        }
        List<BenchResult> out = new ArrayList<>();
        for (Precision p : dtypes) {
            Generator g = g32;
            if (p != Precision.F32) {
                g = new Generator(cfg, device);
                g.train(false);
                g.copyFrom(g32);
                g.synthesis.to(p.scalarType);
            }
            Generator gen = g;
            progress.accept(String.format(Locale.ROOT, "generate %dpx batch %d %s: %d warm-up + %d timed batches",
                    cfg.imgResolution(), batch, p.label(), warmup, reps));
            double[] ms;
            Double psnr = null;
            try (NoGradGuard ng = new NoGradGuard()) {
                ms = Timing.repeat(warmup, reps, () -> generate(gen, z));
                if (p != Precision.F32) {
                    try (PointerScope scope = new PointerScope()) {
                        psnr = Precision.psnr(generate(gen, z), reference);
                    }
                }
            }
            if (gen != g32) gen.close();
            double med = Timing.median(ms);
            out.add(new BenchResult(what(), cfg.imgResolution(), batch, p.label(), batch * 1000.0 / med, med,
                    java.util.Arrays.stream(ms).min().orElseThrow(), reps,
                    OfficialFigures.generateImgPerS(cfg.imgResolution(), batch), psnr));
        }
        g32.close();
        z.releaseReference();
        if (reference != null) reference.releaseReference();
        return out;
    }

    private static Tensor generate(Generator g, Tensor z) {
        return g.generate(z, null, Generator.Options.DEFAULT.withNoise(Noise.CONST));
    }
}

package io.stylegan4j.bench;

import io.stylegan4j.model.DiscriminatorConfig;
import io.stylegan4j.model.GeneratorConfig;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.train.Adam;
import io.stylegan4j.train.LossConfig;
import io.stylegan4j.train.TrainingOptions;
import io.stylegan4j.train.TrainingStep;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Seconds per training iteration (Gmain, Dmain, and the lazy Greg/Dreg when due, then the EMA update) on random
 * reals, timed over one whole lazy-regularization schedule (16 iterations for R1 every 16 and path length every 4)
 * and averaged, as the official figure in ENGINE.md was (22.1 s at 64 px, batch 8, f32, 2 threads).
 */
public final class TrainBenchmark implements Benchmark {
    /** ENGINE.md: the official code, averaged over the lazy schedule, 64 px batch 8. */
    public static final double OFFICIAL_S_PER_ITER_64_B8 = 22.1;

    private final GeneratorConfig g;
    private final DiscriminatorConfig d;
    private final int batch, warmup;
    private final boolean quick, channelsLast;
    private final List<Precision> precisions;
    private final Device dev;
    private final long seed;

    public TrainBenchmark(GeneratorConfig g, DiscriminatorConfig d, int batch, int warmup, boolean quick, boolean channelsLast,
                          List<Precision> precisions, Device dev, long seed) {
        this.channelsLast = channelsLast;
        this.precisions = precisions;
        this.g = g;
        this.d = d;
        this.batch = batch;
        this.warmup = warmup;
        this.quick = quick;
        this.dev = dev;
        this.seed = seed;
    }

    @Override
    public String what() {
        return "train";
    }

    /** One line per precision: f32, and bf16 mixed precision (autocast; weights and optimizer stay f32). */
    @Override
    public List<BenchResult> run(Consumer<String> progress) {
        List<BenchResult> out = new java.util.ArrayList<>();
        for (Precision p : precisions) out.add(run(p, progress));
        return out;
    }

    private BenchResult run(Precision precision, Consumer<String> progress) {
        torch.manual_seed(seed);
        Adam.Settings adam = new Adam.Settings(0.0025, 0, 0.99, 1e-8);
        LossConfig loss = LossConfig.stylegan2(LossConfig.autoGamma(g.imgResolution(), batch));
        TrainingOptions o = new TrainingOptions("bench", "random", g, d, loss, adam, adam, batch, 1, 1, 1, 1, batch * 10.0 / 32, 0.05, false, seed,
                precision.label());
        TrainingStep step = new TrainingStep(o, dev);
        step.setChannelsLast(channelsLast);
        int schedule = step.scheduleLength();
        int n = quick ? Math.min(schedule, 2) : schedule;
        // Warm-up runs iteration 0, which has every phase, so oneDNN has compiled every kernel before timing.
        for (int i = 0; i < warmup; i++) Timing.timeOnce(() -> step.run(reals(), 0, 0, new HashMap<>()));
        double[] ms = new double[n];
        for (int k = 0; k < n; k++) {
            final long idx = k;
            ms[k] = Timing.timeOnce(() -> step.run(reals(), idx, 1000 + idx * batch, new HashMap<>()));
            progress.accept(String.format(Locale.ROOT, "bench: train %dpx batch %d %s iteration %d/%d: %.2f s", g.imgResolution(), batch,
                    precision.label(), k + 1, n, ms[k] / 1000));
        }
        step.close(); // its networks and moments, before the next precision builds its own
        double mean = java.util.Arrays.stream(ms).average().orElse(Double.NaN);
        double min = java.util.Arrays.stream(ms).min().orElse(Double.NaN);
        Double official = g.imgResolution() == 64 && batch == 8 && !quick ? batch / OFFICIAL_S_PER_ITER_64_B8 : null;
        String dtype = precision == Precision.F32 ? "f32" : "bf16-mixed";
        return new BenchResult("train", g.imgResolution(), batch, dtype, batch / (mean / 1000), mean, min, n, official, null);
    }

    private Tensor reals() {
        return torch.rand(new long[] {batch, g.imgChannels(), g.imgResolution(), g.imgResolution()}, Tensors.options(dev))
                .mul(Tensors.scalar(2)).sub(Tensors.scalar(1));
    }
}

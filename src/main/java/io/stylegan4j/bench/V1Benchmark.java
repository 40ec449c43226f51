package io.stylegan4j.bench;

import io.stylegan4j.model.v1.ProgressiveDiscriminatorConfig;
import io.stylegan4j.model.v1.StyleGenerator;
import io.stylegan4j.model.v1.StyleGeneratorConfig;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.ops.ConvTimer;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.train.progressive.ProgressiveOptions;
import io.stylegan4j.train.progressive.ProgressiveStep;
import io.stylegan4j.train.progressive.V1Presets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * StyleGAN v1 (G_style config F, D_basic, official widths: fmap_base 8192, 512 channels, z = w = 512) at full
 * resolution (lod 0), f32: generation img/s (const noise, no truncation) or one training minibatch (a D step with R1
 * and the G_ema update, then a G step with style mixing), and the share of the time in convolutions. There is no
 * official PyTorch v1 to compare with. Generation's share is exact (every conv timed); training's counts the
 * forward convs timed in the step plus their backward passes replayed alone, not R1's double backward through
 * them, so it is a lower bound.
 */
public final class V1Benchmark implements Benchmark {
    private final boolean train;
    private final int res, batch, warmup, reps;
    private final Device dev;
    private final long seed;

    public V1Benchmark(boolean train, int res, int batch, int warmup, int reps, Device dev, long seed) {
        this.train = train;
        this.res = res;
        this.batch = batch;
        this.warmup = warmup;
        this.reps = reps;
        this.dev = dev;
        this.seed = seed;
    }

    @Override
    public String what() {
        return train ? "train-sg1" : "generate-sg1";
    }

    @Override
    public List<BenchResult> run(Consumer<String> progress) {
        torch.manual_seed(seed);
        return List.of(train ? train(progress) : generate(progress));
    }

    private BenchResult generate(Consumer<String> progress) {
        try (StyleGenerator g = new StyleGenerator(StyleGeneratorConfig.paper(res, 3), dev)) {
            return generate(g, progress);
        }
    }

    private BenchResult generate(StyleGenerator g, Consumer<String> progress) {
        g.train(false);
        Tensor z = torch.randn(new long[] {batch, 512}, Tensors.options(dev));
        Runnable body = () -> {
            try (NoGradGuard ng = new NoGradGuard()) {
                g.synthesize(g.mapToWs(z), 0, Noise.CONST, null);
            }
        };
        Timed t = time(body, progress);
        double med = Timing.median(t.ms());
        return BenchResult.withConvShare(what(), res, batch, "f32", batch / (med / 1000), med, t.min(), reps, t.convMs() / t.total());
    }

    private BenchResult train(Consumer<String> progress) {
        ProgressiveOptions o = V1Presets.resolve("sg1-f", "random", res, 3, false);
        try (ProgressiveStep step = new ProgressiveStep(o, dev)) {
            return train(step, progress);
        }
    }

    private BenchResult train(ProgressiveStep step, Consumer<String> progress) {
        Runnable body = () -> {
            Tensor reals = torch.rand(new long[] {batch, 3, res, res}, Tensors.options(dev)).mul(Tensors.scalar(2)).sub(Tensors.scalar(1));
            step.dStep(reals, 0, new HashMap<>());
            step.gStep(batch, 0, new HashMap<>());
        };
        Timed t = time(body, progress);
        double backward = ConvTimer.replayBackwardSeconds(t.firstCalls(), dev) * 1000 * reps;
        double mean = t.total() / reps;
        return BenchResult.withConvShare(what(), res, batch, "f32", batch / (mean / 1000), mean, t.min(), reps,
                Math.min(1, (t.convMs() + backward) / t.total()));
    }

    /** The timed runs (ms), the conv time in them (ms), and the convolutions the first run made. */
    private record Timed(double[] ms, double convMs, List<ConvTimer.Call> firstCalls) {
        double total() {
            return java.util.Arrays.stream(ms).sum();
        }

        double min() {
            return java.util.Arrays.stream(ms).min().orElse(Double.NaN);
        }
    }

    private Timed time(Runnable body, Consumer<String> progress) {
        for (int i = 0; i < warmup; i++) Timing.timeOnce(body);
        double[] ms = new double[reps];
        double conv = 0;
        List<ConvTimer.Call> calls = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            ConvTimer.reset();
            ConvTimer.enabled = true;
            try {
                ms[i] = Timing.timeOnce(body);
            } finally {
                ConvTimer.enabled = false;
            }
            conv += ConvTimer.seconds() * 1000;
            if (i == 0) calls = ConvTimer.calls();
            progress.accept(String.format(Locale.ROOT, "bench: %s %dpx batch %d run %d/%d: %.0f ms", what(), res, batch, i + 1, reps, ms[i]));
        }
        return new Timed(ms, conv, calls);
    }
}

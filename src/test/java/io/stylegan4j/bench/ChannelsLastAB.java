package io.stylegan4j.bench;

import io.stylegan4j.model.Generator;
import io.stylegan4j.model.GeneratorConfig;
import io.stylegan4j.model.Truncation;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.ops.Tensors;
import java.util.Locale;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * A/B measurement, not a test: synthesis forward (eval, no grad, const noise) with NCHW vs channels_last (NHWC)
 * activations (SynthesisNetwork#setChannelsLast). Args: resolution batch warmup reps dtypes(f32,bf16). Run with one intra-op thread.
 */
public final class ChannelsLastAB {
    public static void main(String[] args) {
        int res = Integer.parseInt(args[0]), batch = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]), reps = Integer.parseInt(args[3]);
        String[] dtypes = args.length > 4 ? args[4].split(",") : new String[] {"f32", "bf16"};
        torch.set_num_threads(1);
        Device dev = new Device(torch.DeviceType.CPU);
        GeneratorConfig cfg = GeneratorConfig.of(res, 3);
        torch.manual_seed(1);
        Generator g32 = new Generator(cfg, dev);
        g32.train(false);
        Tensor z = torch.randn(new long[] {batch, cfg.zDim()}, Tensors.options(dev));
        Tensor ws;
        try (NoGradGuard ng = new NoGradGuard()) {
            ws = g32.ws(z, null, Truncation.NONE);
        }
        ws.retainReference();
        for (String dt : dtypes) {
            for (String fmt : new String[] {"nchw", "nhwc", "nchw", "nhwc"}) {
                Generator g = new Generator(cfg, dev);
                g.train(false);
                g.copyFrom(g32);
                if (dt.equals("bf16")) g.synthesis.to(torch.ScalarType.BFloat16);
                g.synthesis.setChannelsLast(fmt.equals("nhwc"));
                Tensor out;
                double[] ms;
                try (NoGradGuard ng = new NoGradGuard()) {
                    ms = Timing.repeat(warmup, reps, () -> g.synthesize(ws, Noise.CONST));
                    try (PointerScope s = new PointerScope()) {
                        out = g.synthesize(ws, Noise.CONST).contiguous();
                        out.retainReference();
                    }
                }
                java.util.Arrays.sort(ms);
                System.out.printf(Locale.ROOT, "%dpx b%d %-4s %-4s median %8.1f ms  min %8.1f  max %8.1f  outsum %.6f%n", res, batch, dt, fmt,
                        Timing.median(ms), ms[0], ms[ms.length - 1], out.abs().sum().item_double());
            }
        }
    }
}

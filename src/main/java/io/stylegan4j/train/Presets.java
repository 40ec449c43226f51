package io.stylegan4j.train;

import io.stylegan4j.model.Architecture;
import io.stylegan4j.model.DiscriminatorConfig;
import io.stylegan4j.model.GeneratorConfig;
import java.util.List;

/**
 * Named configurations. {@code stylegan2} is the paper's config F (FFHQ, 1024 px: batch 32, gamma 10, lr 0.002,
 * EMA 10 kimg); {@code paper256} the official 256 px settings (batch 64, gamma 1, lr 0.0025, channel_base 16384,
 * minibatch-stddev group 8);
 * {@code auto} the official heuristic. {@code cpu32}/{@code cpu64} are small networks for 2 CPU cores: the official
 * auto heuristic collapsed on MNIST at this size (ENGINE.md), so they use a much stronger R1 and skip path-length
 * regularization, as the official CIFAR config does (which, like it, keeps G's lazy Adam correction for interval 4).
 */
public final class Presets {
    private Presets() {}

    public static final List<String> NAMES = List.of("cpu32", "cpu64", "auto", "paper256", "stylegan2");

    public static TrainingOptions resolve(String name, String data, int resolution, int channels) {
        Adam.Settings adam = new Adam.Settings(0.0025, 0, 0.99, 1e-8);
        GeneratorConfig g = GeneratorConfig.of(resolution, channels);
        DiscriminatorConfig d = DiscriminatorConfig.of(resolution, channels);
        return switch (name) {
            case "cpu32", "cpu64" -> {
                // Measured on 2 cores, batch 32, 1 channel: 64 channels run an iteration in 0.9 s against 1.5 s
                // at 128; at 32 px more images seen beats more width. On MNIST, gamma 1 had collapsed to one
                // stroke by 8 kimg (D loss 0.48), gamma 10 kept D and G balanced (D loss 0.79) and kept variety.
                int base = name.equals("cpu32") ? 2048 : 4096, max = name.equals("cpu32") ? 64 : 128;
                GeneratorConfig gs = g.withLatent(128, 128).withMappingLayers(2).withChannels(base, max);
                DiscriminatorConfig ds = d.withChannels(base, max);
                LossConfig loss = LossConfig.stylegan2(10).withPathLength(0, 4).withStyleMixing(0.9);
                yield new TrainingOptions(name, data, gs, ds, loss, adam, adam, 32, 50, 1, 5, 3, 2.5, 0.05, false, 0);
            }
            case "auto" -> {
                // The official heuristic for one device: batch min(4096/res, 32), half width below 512 px,
                // gamma 0.0002 res^2 / batch, EMA batch*10/32 kimg with ramp-up, 2 mapping layers.
                int b = Math.max(Math.min(4096 / resolution, 32), 1);
                int base = resolution >= 512 ? 32768 : 16384;
                Adam.Settings a = new Adam.Settings(resolution >= 1024 ? 0.002 : 0.0025, 0, 0.99, 1e-8);
                GeneratorConfig ga = g.withChannels(base, 512).withMappingLayers(2);
                yield new TrainingOptions(name, data, ga, d.withChannels(base, 512).withMbstd(Math.min(b, 4), 1),
                        LossConfig.stylegan2(LossConfig.autoGamma(resolution, b)), a, a, b, 25000, 4, 50, 5, b * 10.0 / 32, 0.05, false, 0);
            }
            // train.py's paper256: mb 64, mbstd 8, fmaps 0.5 (channel_base 16384), gamma 1, EMA 20 kimg, no ramp-up.
            case "paper256" -> new TrainingOptions(name, data, g.withChannels(16384, 512), d.withChannels(16384, 512).withMbstd(8, 1),
                    LossConfig.stylegan2(1), adam, adam, 64, 25000, 4, 50, 5, 20, null, false, 0);
            case "stylegan2" -> {
                Adam.Settings f = new Adam.Settings(0.002, 0, 0.99, 1e-8);
                yield new TrainingOptions(name, data, g, d, LossConfig.stylegan2(10), f, f, 32, 25000, 4, 50, 5, 10, null, false, 0);
            }
            default -> throw new IllegalArgumentException("--cfg must be one of " + NAMES + ", got '" + name + "'");
        };
    }
}

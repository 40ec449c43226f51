package io.stylegan4j.train.progressive;

import io.stylegan4j.model.v1.ProGanConfig;
import io.stylegan4j.model.v1.ProgressiveDiscriminatorConfig;
import io.stylegan4j.model.v1.StyleGeneratorConfig;
import io.stylegan4j.train.LossConfig;
import java.util.List;
import java.util.Map;

/**
 * The StyleGAN paper's Table 1 as training presets, from the official configs (stylegan train.py):
 * <ul>
 * <li>{@code sg1-a}: the ProGAN baseline (G_paper, D_paper, WGAN-GP; official progan config, 1-GPU preset);</li>
 * <li>{@code sg1-b}: "tuned baseline": G_style without mapping, styles, noise or constant, with pixel norm and the
 *     bilinear (blurred) resampling, D_basic, non-saturating loss + R1 (gamma 10);</li>
 * <li>{@code sg1-c}: + mapping network and AdaIN styles; {@code sg1-d}: + the learned constant instead of the
 *     traditional input; {@code sg1-e}: + noise inputs; {@code sg1-f}: + mixing regularization (0.9), the full
 *     StyleGAN;</li>
 * <li>{@code sg1}: F at a size for 2 CPU cores: z = w = 128, 64 channels at every resolution, minibatch 32, growth
 *     from 8x8 with 6 kimg per phase and per fade-in, G_ema half-life 2 kimg (the official 10 kimg is most of a CPU run).</li>
 * </ul>
 * sg1-a .. sg1-f use the official widths (fmap_base 8192, 512 channels, z = w = 512) and schedule (600 kimg per
 * phase); {@code --cpu-size} gives any of them sg1's size and schedule, for comparing configurations on a CPU.
 */
public final class V1Presets {
    private V1Presets() {}

    public static final List<String> NAMES = List.of("sg1", "sg1-a", "sg1-b", "sg1-c", "sg1-d", "sg1-e", "sg1-f");

    public static boolean isV1(String name) {
        return name != null && NAMES.contains(name);
    }

    public static ProgressiveOptions resolve(String name, String data, int resolution, int channels, boolean cpuSize) {
        if (!isV1(name)) throw new IllegalArgumentException("--cfg must be one of " + NAMES + " for StyleGAN v1, got '" + name + "'");
        boolean cpu = cpuSize || name.equals("sg1");
        char config = name.equals("sg1") ? 'f' : name.charAt(4);
        LossConfig nsR1 = new LossConfig(LossConfig.Kind.NS_R1, 10, 0, 0, 0.01, 2, 0, 0, 10, 1, 0.001);
        ProgressiveSchedule official = new ProgressiveSchedule(8, 600, 600, 4,
                Map.of(4, 128, 8, 128, 16, 128, 32, 64, 64, 32, 128, 16, 256, 8, 512, 4), 0.001,
                Map.of(128, 0.0015, 256, 0.002, 512, 0.003, 1024, 0.003), 0.001, Map.of(128, 0.0015, 256, 0.002, 512, 0.003, 1024, 0.003),
                160, Map.of(4, 160.0, 8, 140.0, 16, 120.0, 32, 100.0, 64, 80.0, 128, 60.0, 256, 40.0, 512, 30.0, 1024, 20.0));
        ProgressiveSchedule schedule = official;
        StyleGeneratorConfig sg = StyleGeneratorConfig.paper(resolution, channels);
        ProgressiveDiscriminatorConfig d = ProgressiveDiscriminatorConfig.dBasic(resolution, channels);
        ProGanConfig pg = null;
        LossConfig loss = nsR1;
        double kimg = 25000, smoothing = 10;
        switch (config) {
            case 'a' -> {
                // The official progan config: G_paper/D_paper, WGAN-GP, growth from 4x4, lr 0.001 (0.0015 at 1024).
                pg = ProGanConfig.paper(resolution, channels);
                sg = null;
                d = ProgressiveDiscriminatorConfig.dPaper(resolution, channels);
                loss = nsR1.withKind(LossConfig.Kind.WGAN_GP);
                schedule = official.withPhases(4, 600, 600).withLrates(0.001, Map.of(1024, 0.0015), 0.001, Map.of(1024, 0.0015));
                kimg = 12000;
            }
            case 'b' -> sg = sg.withMappingLayers(0).withSwitches(false, false, false, true, false, 0);
            case 'c' -> sg = sg.withSwitches(true, false, false, false, true, 0);
            case 'd' -> sg = sg.withSwitches(true, true, false, false, true, 0);
            case 'e' -> sg = sg.withSwitches(true, true, true, false, true, 0);
            default -> { } // f: the defaults
        }
        if (cpu) {
            int z = 128;
            if (sg != null) sg = sg.withLatent(z, z, z).withFmaps(1024, 64);
            if (pg != null) pg = new ProGanConfig(z, channels, resolution, 1024, 64, true, true, pg.fusedScale());
            d = d.withFmaps(1024, 64);
            schedule = schedule.withPhases(Math.min(8, resolution), 6, 6).withMinibatch(32, Map.of())
                    .withTicks(1, Map.of());
            if (config == 'a') schedule = schedule.withLrates(0.001, Map.of(), 0.001, Map.of());
            kimg = 40;
            smoothing = 2;
        }
        return new ProgressiveOptions(name, data, sg, pg, d, loss, 0, 0.99, 1e-8, schedule, 4, true, smoothing, kimg, 5, 3, false, 0);
    }
}

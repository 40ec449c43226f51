package io.stylegan4j.cli;

import io.stylegan4j.io.ImageFiles;
import io.stylegan4j.io.Uint8Image;
import io.stylegan4j.model.ImageGenerator;
import io.stylegan4j.model.NoiseLayer;
import io.stylegan4j.model.Truncation;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.ops.StepScope;
import io.stylegan4j.ops.Tensors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * StyleGAN Figure 4: one w, several realizations of the per-pixel noise. The noise should change only stochastic
 * detail (hair, freckles, background texture); the standard deviation image shows where it acts.
 */
@Command(name = "noise", mixinStandardHelpOptions = true,
        description = {"Effect of the noise inputs (StyleGAN Figure 4): one seed's w under several noise realizations.",
                "Realization i uses torch seed i. Writes noise%%02d.png, grid.png and stddev.png: the per-pixel standard "
                        + "deviation over the realizations, averaged over channels, scaled so its maximum is white.",
                "Also figure5.png (StyleGAN Figure 5), one noise realization (torch seed 0) applied to: all layers, none, "
                        + "the fine layers only, the coarse layers only (coarse = the lower half of the resolutions, at most "
                        + "up to 32x32, as the paper's 4-32 / 64-1024 split at 1024 px)."})
final class NoiseCommand implements Callable<Integer> {

    @Option(names = "--seed", required = true, description = "the seed whose w is kept fixed (0..2^32-1)")
    String seed;

    @Option(names = "--samples", defaultValue = "8", description = "noise realizations, >= 2 (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--trunc", defaultValue = "1", description = "truncation psi (default: ${DEFAULT-VALUE})")
    double psi;

    @Mixin
    NetworkOptions net;

    @Override
    public Integer call() throws Exception {
        List<Long> s = Sampling.seeds("--seed", seed);
        if (s.size() != 1) throw new IllegalArgumentException("--seed takes one seed, got " + s.size());
        if (samples < 2) throw new IllegalArgumentException("--samples must be >= 2 for a standard deviation, got " + samples);
        Sampling.finite("--trunc", psi);
        Device dev = net.open();
        ImageGenerator g = net.load(dev);
        Tensor w = Sampling.ws(g, s.get(0), Truncation.of(psi), net.classIndex, dev);

        List<Uint8Image> images = new ArrayList<>();
        List<float[]> raw = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            // Not Sampling.render: the std needs the float output, before the uint8 rounding.
            try (StepScope scope = StepScope.inference()) {
                torch.manual_seed(i);
                Tensor img = g.synthesize(w, Noise.RANDOM);
                raw.add(Tensors.toFloats(img));
                Uint8Image u = Sampling.toImages(img).get(0);
                images.add(u);
                ImageFiles.writePng(net.outdir.resolve(String.format("noise%02d.png", i)), u);
            }
        }
        ImageFiles.writePng(net.outdir.resolve("grid.png"), Sampling.grid(images, Sampling.gridCols(samples)));
        Uint8Image first = images.get(0);
        double[] std = stddev(raw, first.channels(), first.height() * first.width());
        double max = 0;
        for (double v : std) max = Math.max(max, v);
        ImageFiles.writePng(net.outdir.resolve("stddev.png"), toGray(std, max, first.height(), first.width()));
        System.out.printf("noise: wrote %d realizations, grid.png and stddev.png to %s (largest std %.4f)%n", samples, net.outdir, max);
        figure5(g, w);
        if (max == 0) System.out.println("noise: the images do not vary: this model has no noise inputs (or zero noise strengths)");
        return 0;
    }

    /** StyleGAN Figure 5: the same w and noise realization, with the noise on all, no, fine-only and coarse-only layers. */
    private void figure5(ImageGenerator g, Tensor w) throws java.io.IOException {
        List<NoiseLayer> layers = g.noiseLayers();
        if (layers.isEmpty()) {
            System.out.println("noise: no figure5.png: this model has no noise inputs");
            return;
        }
        int coarseMax = coarseMaxResolution(layers);
        List<Uint8Image> row = new ArrayList<>();
        try (StepScope step = StepScope.inference()) {
            torch.manual_seed(0);
            List<Tensor> realization = new ArrayList<>();
            for (NoiseLayer l : layers) realization.add(torch.randn(new long[] {l.resolution(), l.resolution()}, Tensors.options(w.device())));
            for (String variant : List.of("all", "none", "fine", "coarse")) {
                List<Tensor> noise = new ArrayList<>();
                for (int i = 0; i < layers.size(); i++) {
                    boolean coarse = layers.get(i).resolution() <= coarseMax;
                    boolean on = variant.equals("all") || (variant.equals("fine") && !coarse) || (variant.equals("coarse") && coarse);
                    noise.add(on ? realization.get(i) : torch.zeros_like(realization.get(i)));
                }
                row.add(Sampling.toImages(g.synthesize(w, Noise.explicit(noise))).get(0));
            }
        }
        ImageFiles.writePng(net.outdir.resolve("figure5.png"), ImageFiles.grid(row, 1, row.size(), 0));
        System.out.printf("noise: wrote figure5.png (noise on all / none / fine (> %d px) / coarse (<= %d px) layers)%n", coarseMax, coarseMax);
    }

    /** The largest "coarse" resolution: the lower half of the model's noise resolutions, at most 32. */
    static int coarseMaxResolution(List<NoiseLayer> layers) {
        List<Integer> res = layers.stream().map(NoiseLayer::resolution).distinct().sorted().toList();
        return Math.min(32, res.get(Math.max(0, res.size() / 2 - 1)));
    }

    /** Per-pixel population std over the realizations, averaged over channels: [plane]. */
    static double[] stddev(List<float[]> raw, int channels, int plane) {
        int n = raw.size();
        double[] std = new double[plane];
        for (int c = 0; c < channels; c++) {
            for (int p = 0; p < plane; p++) {
                int k = c * plane + p;
                double sum = 0, sq = 0;
                for (float[] r : raw) {
                    sum += r[k];
                    sq += (double) r[k] * r[k];
                }
                double mean = sum / n;
                std[p] += Math.sqrt(Math.max(0, sq / n - mean * mean)) / channels;
            }
        }
        return std;
    }

    /** The std map as an 8-bit gray image scaled so {@code max} is 255 (all black when nothing varies). */
    static Uint8Image toGray(double[] std, double max, int h, int w) {
        byte[] px = new byte[h * w];
        for (int p = 0; p < px.length; p++) px[p] = (byte) (max > 0 ? Math.round(std[p] / max * 255) : 0);
        return new Uint8Image(1, h, w, px);
    }
}

package io.stylegan4j.metrics;

import io.stylegan4j.ops.Tensors;
import java.util.Arrays;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Perceptual path length (StyleGAN section 3.2): the LPIPS distance between images at t and t + epsilon along a
 * path, divided by epsilon^2. The path is a slerp in Z or a lerp in W (all ws); t is uniform in [0, 1] ('full')
 * or 0 ('end'). Images are optionally cropped to the face region, scaled to 0..255 without clamping and compared
 * by the VGG16 detector's LPIPS features; the 1% smallest and largest distances are dropped before the mean.
 */
public final class Ppl {
    private Ppl() {}

    /** One PPL configuration; the official metrics use epsilon 1e-4 and batch size 2. */
    public record Config(boolean wSpace, boolean full, boolean crop, double epsilon, int numSamples, int batchSize) {
        public Config {
            if (numSamples <= 0 || batchSize <= 0) throw new IllegalArgumentException("PPL needs positive sample and batch counts");
        }
    }

    /** The 1%/99% filtered mean and what it kept. */
    public record Summary(double ppl, float lo, float hi, boolean[] kept) {}

    /** {@code slerp(a, b, t)} of the official code: both ends and the result normalised, t [N, 1]. */
    public static Tensor slerp(Tensor a, Tensor b, Tensor t) {
        a = normalize(a);
        b = normalize(b);
        Tensor d = a.mul(b).sum(new long[] {-1}, true, new org.bytedeco.pytorch.ScalarTypeOptional());
        Tensor p = t.mul(d.acos());
        Tensor c = normalize(b.sub(d.mul(a)));
        return normalize(a.mul(p.cos()).add(c.mul(p.sin())));
    }

    private static Tensor normalize(Tensor x) {
        return x.div(x.norm(new org.bytedeco.pytorch.ScalarOptional(Tensors.scalar(2)), new long[] {-1}, true));
    }

    /**
     * Per-sample distances of one batch from its draws: t [B] (already multiplied by 0 for 'end'), z0, z1 [B, zDim],
     * c [B, cDim] or null; the noise buffers must already hold this batch's draw.
     */
    public static Tensor batchDistances(GeneratorCalls g, Detector vgg, Config cfg, Tensor t, Tensor z0, Tensor z1, Tensor c) {
        Tensor ws = interpolatedWs(g, cfg, t, z0, z1, c);
        Tensor img = g.synthesisConstNoise(ws);
        Tensor lp = vgg.lpips(detectorInput(img, cfg.crop(), g.resolution()));
        long b = z0.size(0);
        return lp.narrow(0, 0, b).sub(lp.narrow(0, b, b)).square().sum(new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional())
                .div(Tensors.scalar(cfg.epsilon() * cfg.epsilon()));
    }

    /** cat([wt0, wt1]) [2B, numWs, wDim]: the two ends of each epsilon step. */
    public static Tensor interpolatedWs(GeneratorCalls g, Config cfg, Tensor t, Tensor z0, Tensor z1, Tensor c) {
        Tensor t1 = t.unsqueeze(1), t2 = t1.add(Tensors.scalar(cfg.epsilon())); // t + eps in float32, as officially
        Tensor cc = c == null ? null : torch.cat(new TensorVector(c, c), 0);
        if (cfg.wSpace()) {
            Tensor w = g.mapping(torch.cat(new TensorVector(z0, z1), 0), cc);
            long b = z0.size(0);
            Tensor w0 = w.narrow(0, 0, b), w1 = w.narrow(0, b, b);
            return torch.cat(new TensorVector(w0.lerp(w1, t1.unsqueeze(2)), w0.lerp(w1, t2.unsqueeze(2))), 0);
        }
        return g.mapping(torch.cat(new TensorVector(slerp(z0, z1, t1), slerp(z0, z1, t2)), 0), cc);
    }

    /**
     * What the VGG receives: the face crop (rows 3/8..7/8, columns 2/8..6/8: not vertically centred, as officially),
     * a box downsample to 256 px for larger images, then (x + 1) * 255/2, neither clamped nor rounded; 1 channel
     * repeated to 3.
     */
    public static Tensor detectorInput(Tensor img, boolean crop, int resolution) {
        if (crop) {
            long c = img.size(2) / 8;
            img = img.narrow(2, 3 * c, 4 * c).narrow(3, 2 * c, 4 * c);
        }
        int factor = resolution / 256;
        if (factor > 1) {
            long h = img.size(2), w = img.size(3);
            img = img.reshape(-1, img.size(1), h / factor, factor, w / factor, factor).mean(new long[] {3, 5}, false,
                    new org.bytedeco.pytorch.ScalarTypeOptional());
        }
        img = img.add(Tensors.scalar(1)).mul(Tensors.scalar(255 / 2.0));
        return img.size(1) == 1 ? img.repeat(1, 3, 1, 1) : img;
    }

    /**
     * {@code lo = percentile(d, 1, 'lower')}, {@code hi = percentile(d, 99, 'higher')}, PPL = mean of the d in
     * [lo, hi] (bounds inclusive).
     */
    public static Summary summarize(float[] dist) {
        float[] s = dist.clone();
        Arrays.sort(s);
        int n = s.length;
        float lo = s[(int) Math.floor((n - 1) * 0.01)];
        float hi = s[(int) Math.ceil((n - 1) * 0.99)];
        boolean[] kept = new boolean[n];
        double sum = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            kept[i] = dist[i] >= lo && dist[i] <= hi;
            if (kept[i]) {
                sum += dist[i];
                count++;
            }
        }
        return new Summary(sum / count, lo, hi, kept);
    }
}

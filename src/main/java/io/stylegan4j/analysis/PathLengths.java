package io.stylegan4j.analysis;

import io.stylegan4j.ops.StepScope;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.projection.ImageDistance;
import io.stylegan4j.projection.Projectable;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Per-image perceptual path length (StyleGAN2 Figure 5's view: PPL is an average, and its distribution over
 * images separates smooth regions of W from the ones where a tiny step changes the image). For image i:
 * w0 = f(z0), w1 = f(z1), and dist_i = LPIPS(g(w0), g(lerp(w0, w1, epsilon))) / epsilon^2, i.e. the official
 * ppl2_wend configuration (W space, path end points, no crop), with the model's stored noise for both images.
 */
public final class PathLengths {
    public static final double EPSILON = 1e-4;

    private PathLengths() {}

    /** One distance per image, {@code samples} of them from torch seed {@code seed}, {@code batch} pairs per pass. */
    public static double[] perImage(Projectable g, ImageDistance lpips, int samples, long seed, int batch) {
        double[] out = new double[samples];
        torch.manual_seed(seed);
        for (int from = 0; from < samples; from += batch) {
            int n = Math.min(batch, samples - from);
            try (StepScope scope = StepScope.inference()) {
                Tensor z = torch.randn(new long[] {2 * n, g.zDim()}, Tensors.options(g.device()));
                Tensor w = g.mapping(z);
                Tensor w0 = w.narrow(0, 0, n), w1 = w.narrow(0, n, n);
                Tensor wt1 = w0.lerp(w1, Tensors.scalar((float) EPSILON)); // t + epsilon in float32, as officially
                Tensor ws = torch.cat(new TensorVector(w0, wt1), 0).unsqueeze(1).repeat(1, g.numWs(), 1);
                Tensor img = g.synthesis(ws, null).add(Tensors.scalar(1)).mul(Tensors.scalar(255 / 2.0));
                Tensor e = lpips.embed(img);
                float[] d = Tensors.toFloats(e.narrow(0, 0, n).sub(e.narrow(0, n, n)).square().sum(1).div(Tensors.scalar(EPSILON * EPSILON)));
                for (int i = 0; i < n; i++) out[from + i] = d[i];
            }
        }
        return out;
    }

    /** The official PPL from per-image distances: the mean of those within the 1st ('lower') and 99th ('higher') percentiles. */
    public static double ppl(double[] dist) {
        double[] s = dist.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        double lo = s[(int) Math.floor(0.01 * (n - 1))], hi = s[(int) Math.ceil(0.99 * (n - 1))];
        double sum = 0;
        int kept = 0;
        for (double d : dist) if (d >= lo && d <= hi) { sum += d; kept++; }
        return sum / kept;
    }
}

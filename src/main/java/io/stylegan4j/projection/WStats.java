package io.stylegan4j.projection;

import io.stylegan4j.ops.StepScope;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.random.NumpyRandom;
import org.bytedeco.pytorch.Tensor;

/**
 * Where projection starts and how far it explores: the mean of W (the start, the most typical image) and the
 * root mean squared distance of a w from it, over {@code samples} z drawn as the official projector draws them
 * ({@code RandomState(123).randn(samples, z_dim)}, mapped without truncation).
 *
 * @param wAvg [wDim]
 * @param wStd sqrt(sum over samples and dims of (w - w_avg)^2 / samples): a scalar, as officially
 */
public record WStats(float[] wAvg, double wStd) {
    private static final int CHUNK = 1000;

    public static WStats estimate(Projectable g, int samples) {
        int zDim = g.zDim(), wDim = g.wDim();
        NumpyRandom rng = new NumpyRandom(ProjectionConfig.W_AVG_SEED);
        double[] sum = new double[wDim];
        float[][] ws = new float[samples][];
        for (int from = 0; from < samples; from += CHUNK) {
            int n = Math.min(CHUNK, samples - from);
            double[] z64 = rng.randn(n * zDim);
            float[] z = new float[z64.length];
            for (int i = 0; i < z.length; i++) z[i] = (float) z64[i];
            float[] w;
            try (StepScope scope = StepScope.inference()) {
                w = Tensors.toFloats(g.mapping(Tensors.fromFloats(z, new long[] {n, zDim}, g.device())));
            }
            for (int i = 0; i < n; i++) {
                ws[from + i] = java.util.Arrays.copyOfRange(w, i * wDim, (i + 1) * wDim);
                for (int j = 0; j < wDim; j++) sum[j] += ws[from + i][j];
            }
        }
        float[] avg = new float[wDim];
        for (int j = 0; j < wDim; j++) avg[j] = (float) (sum[j] / samples);
        double sq = 0;
        for (float[] w : ws) for (int j = 0; j < wDim; j++) sq += (double) (w[j] - avg[j]) * (w[j] - avg[j]);
        return new WStats(avg, Math.sqrt(sq / samples));
    }
}

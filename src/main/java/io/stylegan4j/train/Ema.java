package io.stylegan4j.train;

import io.stylegan4j.nn.Module;
import io.stylegan4j.ops.Tensors;
import java.util.Map;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

/**
 * The exponential moving average of G's weights that one samples from (Karras et al. 2018; StyleGAN2 config).
 * Half-life {@code emaKimg} thousand images; with a ramp-up the half-life is capped at {@code rampup * imagesSeen}
 * so the average does not drag the random init along early in training.
 */
public final class Ema {
    private Ema() {}

    /** beta = 0.5 ^ (batch / emaNimg), emaNimg = min(emaKimg * 1000, imagesSeen * rampup) when rampup is set. */
    public static double beta(int batch, double emaKimg, Double rampup, long imagesSeen) {
        double emaNimg = emaKimg * 1000;
        if (rampup != null) emaNimg = Math.min(emaNimg, imagesSeen * rampup);
        return Math.pow(0.5, batch / Math.max(emaNimg, 1e-8));
    }

    /** p_ema = p + beta (p_ema - p) for parameters; buffers (w_avg, noise_const) are copied. */
    public static void update(Module ema, Module g, double beta) {
        Map<String, Tensor> src = g.parameters();
        Map<String, Tensor> srcBuf = g.buffers();
        try (NoGradGuard ng = new NoGradGuard()) {
            ema.parameters().forEach((k, p) -> p.copy_(src.get(k).lerp(p, Tensors.scalar(beta))));
            ema.buffers().forEach((k, b) -> b.copy_(srcBuf.get(k)));
        }
    }
}

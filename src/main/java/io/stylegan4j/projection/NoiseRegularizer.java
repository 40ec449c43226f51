package io.stylegan4j.projection;

import io.stylegan4j.ops.Tensors;
import java.util.List;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Keeps the optimized noise maps noise (StyleGAN2 Appendix D). Without it, the per-pixel noise inputs can encode
 * the target image itself and w would explain nothing. The penalty is the squared spatial autocorrelation at a
 * one-pixel shift (horizontal and vertical, wrapping around), summed over a pyramid of 2x2 average-pooled
 * versions of each map down to 8x8; after every step each map is renormalized to zero mean and unit variance.
 */
public final class NoiseRegularizer {
    private NoiseRegularizer() {}

    /**
     * sum over maps and pyramid levels of mean(n * roll(n, 1, x))^2 + mean(n * roll(n, 1, y))^2.
     *
     * @param noise per-layer maps [H, W] (square, powers of two)
     */
    public static Tensor loss(List<Tensor> noise) {
        Tensor total = null;
        for (Tensor map : noise) {
            Tensor n = map.reshape(1, 1, map.size(-2), map.size(-1)); // avg_pool2d wants [N, C, H, W]
            while (true) {
                Tensor term = autocorrelation(n, 3).add(autocorrelation(n, 2));
                total = total == null ? term : total.add(term);
                if (n.size(2) <= 8) break;
                n = torch.avg_pool2d(n, 2);
            }
        }
        return total == null ? torch.zeros(new long[] {}) : total;
    }

    private static Tensor autocorrelation(Tensor n, long dim) {
        return n.mul(torch.roll(n, new long[] {1}, dim)).mean().square();
    }

    /** In place, without autograd: each map minus its mean, divided by its root mean square. */
    public static void normalize(List<Tensor> noise) {
        try (NoGradGuard g = new NoGradGuard()) {
            for (Tensor n : noise) {
                n.sub_(n.mean());
                n.mul_(n.square().mean().rsqrt());
            }
        }
    }

    /** For messages and tests: the loss as a double. */
    public static double value(List<Tensor> noise) {
        try (NoGradGuard g = new NoGradGuard()) {
            return Tensors.item(loss(noise));
        }
    }
}

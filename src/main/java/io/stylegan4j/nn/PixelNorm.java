package io.stylegan4j.nn;

import io.stylegan4j.ops.Tensors;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;

/**
 * Pixelwise feature-vector normalization (ProGAN Section 4.2): each position's feature vector scaled to unit mean
 * square over channels, {@code x * rsqrt(mean(x^2, dim 1) + 1e-8)}. Also normalizes z before the mapping network.
 */
public final class PixelNorm {
    private PixelNorm() {}

    public static Tensor apply(Tensor x) {
        return x.mul(x.square().mean(new long[] {1}, true, new ScalarTypeOptional()).add(Tensors.scalar(1e-8)).rsqrt());
    }
}

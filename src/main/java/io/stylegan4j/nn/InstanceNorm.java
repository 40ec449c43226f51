package io.stylegan4j.nn;

import io.stylegan4j.ops.Tensors;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;

/**
 * Instance normalization as StyleGAN v1 applies it before each AdaIN: per sample and channel, subtract the spatial
 * mean, then multiply by {@code rsqrt(mean(x^2) + 1e-8)} (the official eps is 1e-8, not torch's 1e-5).
 */
public final class InstanceNorm {
    private InstanceNorm() {}

    public static Tensor apply(Tensor x) {
        Tensors.assertShape(x, "InstanceNorm input", -1, -1, -1, -1);
        long[] hw = {2, 3};
        x = x.sub(x.mean(hw, true, new ScalarTypeOptional()));
        return x.mul(x.square().mean(hw, true, new ScalarTypeOptional()).add(Tensors.scalar(1e-8)).rsqrt());
    }
}

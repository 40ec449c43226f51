package io.stylegan4j.ops;

import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;

/**
 * The plain resampling of StyleGAN v1 and ProGAN ({@code upscale2d}, {@code downscale2d} of the official TF code):
 * nearest-neighbour upscaling by tiling and box-average downscaling. Written with reshape, expand and mean only,
 * so autograd differentiates them to any order (R1 and WGAN-GP need the second).
 */
public final class Resize {
    private Resize() {}

    /** Each pixel repeated {@code factor} x {@code factor} times. */
    public static Tensor nearestUp(Tensor x, int factor) {
        if (factor == 1) return x;
        Tensors.assertShape(x, "nearest upscale input", -1, -1, -1, -1);
        long n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        return x.reshape(n, c, h, 1, w, 1).expand(n, c, h, factor, w, factor).reshape(n, c, h * factor, w * factor);
    }

    /** The mean of each {@code factor} x {@code factor} box. */
    public static Tensor averageDown(Tensor x, int factor) {
        if (factor == 1) return x;
        Tensors.assertShape(x, "average downscale input", -1, -1, -1, -1);
        long n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        if (h % factor != 0 || w % factor != 0)
            throw new IllegalArgumentException("average downscale: " + h + "x" + w + " is not divisible by " + factor);
        return x.reshape(n, c, h / factor, factor, w / factor, factor).mean(new long[] {3, 5}, false, new ScalarTypeOptional());
    }
}

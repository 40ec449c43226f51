package io.stylegan4j.projection;

import io.stylegan4j.ops.Tensors;
import org.bytedeco.pytorch.Tensor;

/**
 * The pixel-space fallback when no VGG16 detector is at hand ({@code --distance mse}): the mean squared error
 * on the [-1, 1] scale the generator outputs. It matches colours but not perception: expect blurrier projections
 * than with LPIPS, and distances on another scale (every output names which distance it holds).
 */
public final class PixelMse implements ImageDistance {
    @Override
    public String name() {
        return "mse";
    }

    /** (x / 127.5 - 1) / sqrt(C*H*W), flattened: its squared distance is the per-pixel mean squared error. */
    @Override
    public Tensor embed(Tensor images) {
        Tensors.assertShape(images, "mse input", -1, -1, -1, -1);
        long n = images.size(0), d = images.numel() / Math.max(1, n);
        return images.div(Tensors.scalar(127.5)).sub(Tensors.scalar(1)).div(Tensors.scalar(Math.sqrt(d))).reshape(n, d);
    }
}

package io.stylegan4j.nn;

import io.stylegan4j.ops.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/**
 * AdaIN's style half (StyleGAN Eq. 1, official scope {@code StyleMod}): a learned affine A maps w to a per-channel
 * scale and bias, {@code style = w @ W + b}, and the normalized activations become {@code x * (scale + 1) + bias}.
 * The "+ 1" makes the scale start around 1 although the affine starts at zero bias.
 */
public final class StyleMod extends TfScope {
    public final int channels;
    private final WScaleDense affine;

    public StyleMod(int wDim, int channels, Device d) {
        this.channels = channels;
        this.affine = child("", new WScaleDense(wDim, 2 * channels, 1, 1, true, d));
    }

    /** [N, wDim] -> [N, 2C]: scales (minus one) then biases. */
    public Tensor style(Tensor w) {
        return affine.forward(w);
    }

    public Tensor apply(Tensor x, Tensor style) {
        Tensors.assertShape(style, "StyleMod style", x.size(0), 2L * channels);
        Tensor s = style.reshape(-1, 2, channels, 1, 1);
        return x.mul(s.select(1, 0).add(Tensors.scalar(1))).add(s.select(1, 1));
    }
}

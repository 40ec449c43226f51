package io.stylegan4j.nn;

import io.stylegan4j.ops.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * The dense layer of StyleGAN v1 and ProGAN ({@code dense} + {@code apply_bias}, {@code use_wscale}): weight stored
 * as N(0, 1/lrmul), multiplied at run time by {@code gain / sqrt(fan_in) * lrmul}; bias multiplied by lrmul (the
 * mapping network's 0.01). Held as [out, in] (TF files: [in, out], converted at load). Inputs of more than two
 * dimensions are flattened in NCHW order, as the official D's {@code 4x4/Dense0} does.
 */
public final class WScaleDense extends Module {
    public final int in, out;
    private final double coef, biasCoef;
    private final Tensor weight, bias;

    public WScaleDense(int in, int out, double gain, double lrmul, boolean bias, Device d) {
        this.in = in;
        this.out = out;
        this.weight = param("weight", torch.randn(new long[] {out, in}, Tensors.options(d)).div(Tensors.scalar(lrmul)));
        this.bias = bias ? param("bias", torch.zeros(new long[] {out}, Tensors.options(d))) : null;
        this.coef = gain / Math.sqrt(in) * lrmul;
        this.biasCoef = lrmul;
    }

    /** x @ W (no bias). */
    public Tensor matmul(Tensor x) {
        if (x.dim() > 2) x = x.reshape(x.size(0), -1);
        Tensors.assertShape(x, "WScaleDense input", -1, in);
        return torch.linear(x, weight.mul(Tensors.scalar(coef)), new TensorOptional());
    }

    public Tensor addBias(Tensor x) {
        Tensor b = biasCoef == 1 ? bias : bias.mul(Tensors.scalar(biasCoef));
        return x.dim() == 2 ? x.add(b) : x.add(b.reshape(1, -1, 1, 1));
    }

    /** x @ W + b. */
    public Tensor forward(Tensor x) {
        return addBias(matmul(x));
    }
}

package io.stylegan4j.nn;

import io.stylegan4j.ops.Activation;
import io.stylegan4j.ops.BiasAct;
import io.stylegan4j.ops.ConvForm;
import io.stylegan4j.ops.ModulatedConv2d;
import io.stylegan4j.ops.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/** tRGB: a modulated 1x1 conv without demodulation, from features to image channels (StyleGAN2 Figure 7). */
public final class ToRGB extends Module {
    public final int in, out;
    private final double weightGain, convClamp;
    private final FullyConnectedLayer affine;
    private final Tensor weight, bias;

    public ToRGB(int in, int out, int wDim, double convClamp, Device d) {
        this.in = in;
        this.out = out;
        this.convClamp = convClamp;
        this.weight = param("weight", Init.randn(d, out, in, 1, 1));
        this.bias = param("bias", Init.full(d, 0, out));
        this.affine = child("affine", new FullyConnectedLayer(wDim, in, true, Activation.LINEAR, 1, 1, d));
        this.weightGain = 1 / Math.sqrt(in);
    }

    /**
     * @param form AUTO = grouped in eval (per-sample weights are only [N, 3, I]; the shared form scales the whole
     *             input by the styles first: 8 vs 180 ms at 64 px batch 8 f32), shared weight in training
     */
    public Tensor forward(Tensor x, Tensor w, ConvForm form) {
        Tensors.assertShape(x, "ToRGB input", -1, in, -1, -1);
        Tensor styles = affine.forward(w).mul(Tensors.scalar(weightGain));
        x = ModulatedConv2d.modulatedConv2d(x, weight, styles, null, null, ModulatedConv2d.Spec.toRgb(),
                form.grouped(!training));
        return BiasAct.biasAct(x, bias, Activation.LINEAR, 1, convClamp);
    }
}

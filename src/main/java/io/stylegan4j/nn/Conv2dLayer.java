package io.stylegan4j.nn;

import io.stylegan4j.ops.Activation;
import io.stylegan4j.ops.BiasAct;
import io.stylegan4j.ops.Conv2dResample;
import io.stylegan4j.ops.Fir;
import io.stylegan4j.ops.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/** Equalized-learning-rate convolution with optional FIR up/downsampling ({@code EqualConv2d} + resampling). */
public final class Conv2dLayer extends Module {
    public final int in, out, kernel, up, down;
    private final Activation act;
    private final double weightGain, convClamp;
    private final Fir fir;
    private final Tensor weight, bias;

    /** @param convClamp NaN = no clamp */
    public Conv2dLayer(int in, int out, int kernel, boolean bias, Activation act, int up, int down, Fir fir,
                       double convClamp, Device d) {
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.up = up;
        this.down = down;
        this.act = act;
        this.fir = fir;
        this.convClamp = convClamp;
        this.weight = param("weight", Init.randn(d, out, in, kernel, kernel));
        this.bias = bias ? param("bias", Init.full(d, 0, out)) : null;
        constant("resample_filter", fir.filter2d());
        this.weightGain = 1 / Math.sqrt((double) in * kernel * kernel);
    }

    public Tensor forward(Tensor x, double gain) {
        Tensors.assertShape(x, "Conv2dLayer input", -1, in, -1, -1);
        Tensor w = weight.mul(Tensors.scalar(weightGain));
        x = Conv2dResample.conv2dResample(x, w, fir, up, down, kernel / 2, 1, up == 1);
        return BiasAct.biasAct(x, bias, act, act.defaultGain * gain, convClamp * gain);
    }

    public Tensor forward(Tensor x) {
        return forward(x, 1);
    }
}

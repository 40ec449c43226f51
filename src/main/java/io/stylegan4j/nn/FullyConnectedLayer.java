package io.stylegan4j.nn;

import io.stylegan4j.ops.Activation;
import io.stylegan4j.ops.BiasAct;
import io.stylegan4j.ops.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * Equalized-learning-rate dense layer (ProGAN; {@code EqualLinear}): weights are stored as N(0, 1/lrMul) and scaled
 * by {@code lrMul / sqrt(in)} at run time, so Adam's per-parameter step sizes are balanced across layers and the
 * mapping network's lr multiplier (0.01) needs no separate optimizer group.
 */
public final class FullyConnectedLayer extends Module {
    public final int in, out;
    private final Activation act;
    private final double weightGain, biasGain;
    private final Tensor weight, bias;

    public FullyConnectedLayer(int in, int out, boolean bias, Activation act, double lrMul, double biasInit, Device d) {
        this.in = in;
        this.out = out;
        this.act = act;
        this.weight = param("weight", Init.randn(d, out, in).div(Tensors.scalar(lrMul)));
        this.bias = bias ? param("bias", Init.full(d, biasInit, out)) : null;
        this.weightGain = lrMul / Math.sqrt(in);
        this.biasGain = lrMul;
    }

    public FullyConnectedLayer(int in, int out, Activation act, Device d) {
        this(in, out, true, act, 1, 0, d);
    }

    public Tensor forward(Tensor x) {
        Tensors.assertShape(x, "FullyConnectedLayer input", -1, in);
        Tensor w = weight.mul(Tensors.scalar(weightGain));
        Tensor b = bias == null ? null : biasGain == 1 ? bias : bias.mul(Tensors.scalar(biasGain));
        if (act == Activation.LINEAR) return torch.linear(x, w, b == null ? new TensorOptional() : new TensorOptional(b));
        return BiasAct.biasAct(torch.linear(x, w), b, act);
    }
}

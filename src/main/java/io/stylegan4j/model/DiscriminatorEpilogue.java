package io.stylegan4j.model;

import io.stylegan4j.nn.Conv2dLayer;
import io.stylegan4j.nn.FullyConnectedLayer;
import io.stylegan4j.nn.Module;
import io.stylegan4j.ops.Activation;
import io.stylegan4j.ops.Fir;
import io.stylegan4j.ops.MinibatchStd;
import io.stylegan4j.ops.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;

/**
 * The 4x4 head of D: minibatch stddev, 3x3 conv, dense (on the flattened features, or with {@code Head.AVERAGE} on
 * their mean over the positions), and the output logit (or a projection onto cmap).
 */
public final class DiscriminatorEpilogue extends Module {
    private final int in, cmapDim, imgChannels, mbstdGroup, mbstdChannels;
    private final Architecture arch;
    private final boolean averageHead;
    private final Conv2dLayer fromrgb, conv;
    private final FullyConnectedLayer fc, out;

    public DiscriminatorEpilogue(int in, int cmapDim, DiscriminatorConfig cfg, Fir fir, Device d) {
        this.in = in;
        this.cmapDim = cmapDim;
        this.imgChannels = cfg.imgChannels();
        this.arch = cfg.architecture();
        this.mbstdGroup = cfg.mbstdGroupSize();
        this.mbstdChannels = cfg.mbstdNumChannels();
        this.fromrgb = arch == Architecture.SKIP
                ? child("fromrgb", new Conv2dLayer(imgChannels, in, 1, true, Activation.LRELU, 1, 1, fir, Double.NaN, d)) : null;
        this.conv = child("conv", new Conv2dLayer(in + mbstdChannels, in, 3, true, Activation.LRELU, 1, 1, fir, cfg.clamp(), d));
        this.averageHead = cfg.head() == DiscriminatorConfig.Head.AVERAGE;
        this.fc = child("fc", new FullyConnectedLayer(averageHead ? in : in * 16, in, Activation.LRELU, d));
        this.out = child("out", new FullyConnectedLayer(in, cmapDim == 0 ? 1 : cmapDim, Activation.LINEAR, d));
    }

    public Tensor forward(Tensor x, Tensor img, Tensor cmap) {
        Tensors.assertShape(x, "DiscriminatorEpilogue x", -1, in, 4, 4);
        if (fromrgb != null) x = x.add(fromrgb.forward(img));
        if (mbstdChannels > 0) x = MinibatchStd.minibatchStd(x, mbstdGroup, mbstdChannels);
        x = conv.forward(x);
        x = averageHead ? x.mean(new long[] {2, 3}, false, new ScalarTypeOptional()) : x.flatten(1, -1);
        x = out.forward(fc.forward(x));
        if (cmapDim > 0)
            x = x.mul(cmap).sum(new long[] {1}, true, new ScalarTypeOptional()).mul(Tensors.scalar(1 / Math.sqrt(cmapDim)));
        return x;
    }
}

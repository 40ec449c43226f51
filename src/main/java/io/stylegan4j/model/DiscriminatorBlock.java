package io.stylegan4j.model;

import io.stylegan4j.nn.Conv2dLayer;
import io.stylegan4j.nn.Module;
import io.stylegan4j.ops.Activation;
import io.stylegan4j.ops.Fir;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.ops.Upfirdn2d;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/** One D resolution: (fromRGB) conv0, downsampling conv1, plus a 1x1 residual shortcut (resnet) or image skip. */
public final class DiscriminatorBlock extends Module {
    public final int in, tmp, out, resolution, imgChannels;
    private final Architecture arch;
    private final Fir fir;
    private final Conv2dLayer fromrgb, conv0, conv1, skip;

    public record Output(Tensor x, Tensor img) {}

    public DiscriminatorBlock(int in, int tmp, int out, int resolution, DiscriminatorConfig cfg, Fir fir, Device d) {
        this.in = in;
        this.tmp = tmp;
        this.out = out;
        this.resolution = resolution;
        this.imgChannels = cfg.imgChannels();
        this.arch = cfg.architecture();
        this.fir = fir;
        double clamp = cfg.clamp();
        constant("resample_filter", fir.filter2d());
        this.fromrgb = in == 0 || arch == Architecture.SKIP
                ? child("fromrgb", new Conv2dLayer(imgChannels, tmp, 1, true, Activation.LRELU, 1, 1, fir, clamp, d)) : null;
        this.conv0 = child("conv0", new Conv2dLayer(tmp, tmp, 3, true, Activation.LRELU, 1, 1, fir, clamp, d));
        this.conv1 = child("conv1", new Conv2dLayer(tmp, out, 3, true, Activation.LRELU, 1, 2, fir, clamp, d));
        this.skip = arch == Architecture.RESNET
                ? child("skip", new Conv2dLayer(tmp, out, 1, false, Activation.LINEAR, 1, 2, fir, Double.NaN, d)) : null;
    }

    public Output forward(Tensor x, Tensor img) {
        if (x != null) Tensors.assertShape(x, "DiscriminatorBlock b" + resolution + " x", -1, in, resolution, resolution);
        if (fromrgb != null) {
            Tensors.assertShape(img, "DiscriminatorBlock b" + resolution + " img", -1, imgChannels, resolution, resolution);
            Tensor y = fromrgb.forward(img);
            x = x == null ? y : x.add(y);
            img = arch == Architecture.SKIP ? Upfirdn2d.downsample2d(img, fir) : null;
        }
        if (arch == Architecture.RESNET) {
            Tensor y = skip.forward(x, Math.sqrt(0.5));
            x = conv1.forward(conv0.forward(x), Math.sqrt(0.5));
            x = y.add(x);
        } else {
            x = conv1.forward(conv0.forward(x));
        }
        return new Output(x, img);
    }
}

package io.stylegan4j.model;

import io.stylegan4j.nn.ConstantInput;
import io.stylegan4j.nn.Conv2dLayer;
import io.stylegan4j.nn.Module;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.nn.SynthesisLayer;
import io.stylegan4j.nn.ToRGB;
import io.stylegan4j.ops.Activation;
import io.stylegan4j.ops.ConvForm;
import io.stylegan4j.ops.Fir;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.ops.Upfirdn2d;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/**
 * One resolution of the synthesis network: (learned 4x4 constant | upsampling conv0), conv1, and per architecture
 * a tRGB whose output is added to the upsampled image so far (skip) or a 1x1 residual shortcut (resnet).
 */
public final class SynthesisBlock extends Module {
    public final int in, out, resolution;
    public final int numConv, numToRgb;
    private final Architecture arch;
    private final boolean isLast;
    private final Fir fir;
    private final ConstantInput constInput;
    private final SynthesisLayer conv0, conv1;
    private final ToRGB torgb;
    private final Conv2dLayer skip;

    /** @param rgb this block's own tRGB output before it is added (null without a tRGB) */
    public record Output(Tensor x, Tensor img, Tensor rgb) {}

    public SynthesisBlock(int in, int out, int resolution, boolean isLast, GeneratorConfig cfg, Fir fir, Device d) {
        this.in = in;
        this.out = out;
        this.resolution = resolution;
        this.arch = cfg.architecture();
        this.isLast = isLast;
        this.fir = fir;
        this.constInput = in == 0 ? new ConstantInput(this, out, resolution, d) : null;
        constant("resample_filter", fir.filter2d());
        // Layer k reads ws[k]: the 4x4 block's conv1 is layer 0, block r's conv0 is layer 2 log2(r) - 5.
        int first = in == 0 ? 0 : 2 * Integer.numberOfTrailingZeros(resolution) - 5;
        this.conv0 = in != 0 ? child("conv0", new SynthesisLayer(in, out, cfg.wDim(), resolution, 2, first, cfg.useNoise(), fir, cfg.clamp(), d)) : null;
        this.conv1 = child("conv1", new SynthesisLayer(out, out, cfg.wDim(), resolution, 1, in == 0 ? 0 : first + 1, cfg.useNoise(), fir, cfg.clamp(), d));
        this.torgb = isLast || arch == Architecture.SKIP ? child("torgb", new ToRGB(out, cfg.imgChannels(), cfg.wDim(), cfg.clamp(), d)) : null;
        this.skip = in != 0 && arch == Architecture.RESNET
                ? child("skip", new Conv2dLayer(in, out, 1, false, Activation.LINEAR, 2, 1, fir, Double.NaN, d)) : null;
        this.numConv = in == 0 ? 1 : 2;
        this.numToRgb = torgb != null ? 1 : 0;
    }

    /** @param ws [N, numConv + numToRgb, wDim]: this block's slice of the per-layer styles */
    public Output forward(Tensor x, Tensor img, Tensor ws, Noise noise, ConvForm form) {
        return forward(x, img, ws, noise, form, false);
    }

    /** @param channelsLast true = the constant input is made NHWC (inference, see SynthesisNetwork#setChannelsLast) */
    public Output forward(Tensor x, Tensor img, Tensor ws, Noise noise, ConvForm form, boolean channelsLast) {
        Tensors.assertShape(ws, "SynthesisBlock b" + resolution + " ws", -1, numConv + numToRgb, -1);
        int wi = 0;
        if (in == 0) {
            x = constInput.forward(ws.size(0), channelsLast);
            x = conv1.forward(x, ws.select(1, wi++), noise, form, 1);
        } else if (arch == Architecture.RESNET) {
            Tensor y = skip.forward(x, Math.sqrt(0.5));
            x = conv0.forward(x, ws.select(1, wi++), noise, form, 1);
            x = conv1.forward(x, ws.select(1, wi++), noise, form, Math.sqrt(0.5));
            x = y.add(x);
        } else {
            x = conv0.forward(x, ws.select(1, wi++), noise, form, 1);
            x = conv1.forward(x, ws.select(1, wi++), noise, form, 1);
        }
        if (img != null) img = Upfirdn2d.upsample2d(img, fir);
        Tensor rgb = null;
        if (torgb != null) {
            rgb = torgb.forward(x, ws.select(1, wi), form);
            img = img == null ? rgb : img.add(rgb);
        }
        return new Output(x, img, rgb);
    }

    public ConstantInput constInput() { return constInput; }
    public SynthesisLayer conv0() { return conv0; }
    public SynthesisLayer conv1() { return conv1; }
    public ToRGB torgb() { return torgb; }
}

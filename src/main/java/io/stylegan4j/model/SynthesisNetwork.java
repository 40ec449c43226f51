package io.stylegan4j.model;

import io.stylegan4j.nn.Module;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.nn.SynthesisLayer;
import io.stylegan4j.ops.ConvForm;
import io.stylegan4j.ops.Fir;
import io.stylegan4j.ops.Tensors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.GradMode;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/** g: W^numWs -> image. Blocks b4, b8, ..., b{res}; block k reads ws[2k-1 .. 2k+1] (neighbours share the tRGB w). */
public final class SynthesisNetwork extends Module {
    private final GeneratorConfig cfg;
    private final List<SynthesisBlock> blocks = new ArrayList<>();
    private final List<NoiseLayer> noiseLayers = new ArrayList<>();
    private volatile Boolean channelsLast = null;

    public SynthesisNetwork(GeneratorConfig cfg, Device d) {
        this.cfg = cfg;
        Fir fir = own(Fir.binomial(d));
        for (int res = 4; res <= cfg.imgResolution(); res *= 2) {
            int in = res > 4 ? cfg.channels(res / 2) : 0;
            SynthesisBlock b = child("b" + res, new SynthesisBlock(in, cfg.channels(res), res, res == cfg.imgResolution(), cfg, fir, d));
            blocks.add(b);
            for (String name : new String[] {"conv0", "conv1"}) {
                SynthesisLayer l = name.equals("conv0") ? b.conv0() : b.conv1();
                if (l != null && l.noise() != null)
                    noiseLayers.add(new NoiseLayer(l.noise().layer, "synthesis.b" + res + "." + name + ".noise_const", res, l.noise().buffer()));
            }
        }
    }

    /** The noise inputs in layer order (the order of explicit {@link Noise} tensors); empty without noise. */
    public List<NoiseLayer> noiseLayers() {
        return Collections.unmodifiableList(noiseLayers);
    }

    /**
     * Memory format of the activations: null = auto = channels_last (NHWC) for inference (eval and no autograd) and
     * NCHW for anything with gradients; true/false forces it either way (training included). Only the 4x4 block's input is
     * converted, oneDNN's convolutions then keep NHWC throughout (the tRGB reads it with a batched matmul, see
     * ModulatedConv2d#grouped); the returned image is NCHW-contiguous either way. Measured (median ms per batch,
     * 1 thread, ChannelsLastAB in src/test, a 1-thread training run on the other core): 64 px batch 8 bf16
     * 1735 -> 1555 (-10%), f32 3378 -> 2939 and 3340 -> 2968 (-13%, -11%, two runs); 256 px batch 4 bf16
     * 3253 -> 2746 (-16%), f32 6305 -> 5560 (-12%).
     */
    public void setChannelsLast(Boolean on) {
        channelsLast = on;
    }

    /** Whether a forward now would run NHWC: as set, else (auto) in inference only (see {@link #setChannelsLast}). */
    public boolean channelsLastActive() {
        Boolean on = channelsLast;
        if (on != null) return on;
        return !(isTraining() || GradMode.is_enabled());
    }

    /** ws [N, numWs, wDim] -> image [N, C, res, res] (f32 whatever the network's dtype). Prefer {@code Generator#synthesize}. */
    public Tensor forward(Tensor ws, Noise noise, ConvForm form) {
        return forwardBlocks(ws, noise, form, null);
    }

    /** As {@link #forward}, and collects each block's own tRGB output (at its resolution) into {@code parts}. */
    public Tensor forwardBlocks(Tensor ws, Noise noise, ConvForm form, List<Tensor> parts) {
        Tensors.assertShape(ws, "SynthesisNetwork ws", -1, cfg.numWs(), cfg.wDim());
        if (noise.isExplicit() && noise.tensors().size() != noiseLayers.size())
            throw new IllegalArgumentException("explicit noise needs one tensor per noise layer: " + noiseLayers.size()
                    + " (see noiseLayers()), got " + noise.tensors().size());
        ScalarType dtype = dtype(); // bf16 after to(BFloat16): the mapping may stay f32, its ws are cast here
        if (ws.scalar_type().intern() != dtype) ws = ws.to(dtype);
        boolean nhwc = channelsLastActive();
        Tensor x = null, img = null;
        int wIdx = 0;
        for (SynthesisBlock b : blocks) {
            SynthesisBlock.Output o = b.forward(x, img, ws.narrow(1, wIdx, b.numConv + b.numToRgb), noise, form, nhwc);
            wIdx += b.numConv;
            x = o.x();
            img = o.img();
            if (parts != null && o.rgb() != null) parts.add(o.rgb());
        }
        if (nhwc) img = img.contiguous(); // callers read the image's memory as NCHW
        return img.scalar_type().intern() == ScalarType.Float ? img : img.to(ScalarType.Float);
    }

    public List<SynthesisBlock> blocks() {
        return Collections.unmodifiableList(blocks);
    }
}

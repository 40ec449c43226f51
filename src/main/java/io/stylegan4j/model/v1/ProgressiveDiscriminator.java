package io.stylegan4j.model.v1;

import io.stylegan4j.model.v1.ProgressiveDiscriminatorConfig.Flavor;
import io.stylegan4j.nn.Blur;
import io.stylegan4j.nn.TfScope;
import io.stylegan4j.nn.WScaleConv2d;
import io.stylegan4j.nn.WScaleDense;
import io.stylegan4j.ops.MinibatchStd;
import io.stylegan4j.ops.Resize;
import io.stylegan4j.ops.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The progressive discriminator of StyleGAN v1 (D_basic) and ProGAN (D_paper): a {@code FromRGB_lod<k>} per
 * resolution, blocks {@code <res>x<res>} of two 3x3 convs that halve the resolution, and the 4x4 epilogue
 * (minibatch stddev, {@code Conv}, {@code Dense0}, {@code Dense1}); logits [N, 1]. Official TF names.
 */
public final class ProgressiveDiscriminator extends TfScope {
    public final ProgressiveDiscriminatorConfig cfg;
    private final Tensor lod;
    private final List<WScaleConv2d> fromRgb = new ArrayList<>(); // index log2(res) - 2
    private final WScaleConv2d[] conv0, conv1;                   // index log2(res), res >= 8
    private final WScaleConv2d conv4;
    private final WScaleDense dense0, dense1;
    private final Blur blur;

    public ProgressiveDiscriminator(ProgressiveDiscriminatorConfig cfg, Device d) {
        this.cfg = cfg;
        int r = cfg.resolutionLog2();
        this.lod = buffer("lod", torch.zeros(new long[] {}, Tensors.options(d)));
        this.blur = cfg.flavor() == Flavor.D_BASIC ? own(new Blur(d)) : null;
        this.conv0 = new WScaleConv2d[r + 1];
        this.conv1 = new WScaleConv2d[r + 1];
        WScaleConv2d[] rgb = new WScaleConv2d[r - 1];
        double g = Math.sqrt(2);
        for (int lr = r; lr >= 3; lr--) {
            int res = 1 << lr;
            rgb[lr - 2] = child("FromRGB_lod" + (r - lr), new WScaleConv2d(cfg.numChannels(), cfg.channels(res), 1, g, true, d));
            Scope s = child(res + "x" + res, new Scope());
            conv0[lr] = s.add("Conv0", new WScaleConv2d(cfg.channels(res), cfg.channels(res), 3, g, true, d));
            String down = cfg.flavor() == Flavor.D_BASIC || cfg.fusedScale().fused(res) ? "Conv1_down" : "Conv1";
            conv1[lr] = s.add(down, new WScaleConv2d(cfg.channels(res), cfg.channels(res / 2), 3, g, true, d));
        }
        rgb[0] = child("FromRGB_lod" + (r - 2), new WScaleConv2d(cfg.numChannels(), cfg.channels(4), 1, g, true, d));
        fromRgb.addAll(List.of(rgb));
        Scope s = child("4x4", new Scope());
        int mbstd = cfg.mbstdGroupSize() > 1 ? cfg.mbstdNumFeatures() : 0;
        this.conv4 = s.add("Conv", new WScaleConv2d(cfg.channels(4) + mbstd, cfg.channels(4), 3, g, true, d));
        this.dense0 = s.add("Dense0", new WScaleDense(cfg.channels(4) * 16, cfg.channels(2), g, 1, true, d));
        this.dense1 = s.add("Dense1", new WScaleDense(cfg.channels(2), 1, 1, 1, true, d));
    }

    private static Tensor lrelu(Tensor x) {
        return torch.leaky_relu(x, Tensors.scalar(0.2));
    }

    private Tensor fromRgb(Tensor img, int lr) {
        WScaleConv2d c = fromRgb.get(lr - 2);
        return lrelu(c.addBias(c.conv(img)));
    }

    private Tensor block(Tensor x, int lr) {
        x = lrelu(conv0[lr].addBias(conv0[lr].conv(x)));
        WScaleConv2d c = conv1[lr];
        boolean fused = cfg.fusedScale().fused(1 << lr);
        if (blur != null) return lrelu(c.addBias(c.convDown(blur.apply(x), fused)));
        if (fused) return lrelu(c.addBias(c.convDown(x, true)));
        return Resize.averageDown(lrelu(c.addBias(c.conv(x))), 2);
    }

    /**
     * The official 'recursive' structure: with lod = level + t, the top active block (resolution res / 2^level)
     * reads {@code fromRGB(downscale(img, 2^level))}; its output is lerped with weight t toward
     * {@code fromRGB(downscale(img, 2^(level+1)))} of the next block down; the remaining blocks follow.
     */
    public Tensor forward(Tensor img, double lodValue) {
        Tensors.assertShape(img, "D input", -1, cfg.numChannels(), cfg.resolution(), cfg.resolution());
        int r = cfg.resolutionLog2();
        Lod l = Lod.of(lodValue, cfg.resolution(), r - 2);
        int top = r - l.level();
        Tensor x = fromRgb(Resize.averageDown(img, 1 << l.level()), top);
        if (top > 2) {
            x = block(x, top);
            if (l.t() > 0) {
                Tensor low = fromRgb(Resize.averageDown(img, 2 << l.level()), top - 1);
                x = x.add(low.sub(x).mul(Tensors.scalar(l.t())));
            }
            for (int lr = top - 1; lr >= 3; lr--) x = block(x, lr);
        }
        if (cfg.mbstdGroupSize() > 1) x = MinibatchStd.minibatchStd(x, cfg.mbstdGroupSize(), cfg.mbstdNumFeatures());
        x = lrelu(conv4.addBias(conv4.conv(x)));
        x = lrelu(dense0.forward(x));
        return dense1.forward(x);
    }

    public double lod() {
        return Tensors.item(lod);
    }

    public void setLod(double value) {
        Lod.check(value, cfg.resolution());
        try (NoGradGuard g = new NoGradGuard()) {
            lod.fill_(Tensors.scalar(value));
        }
    }
}

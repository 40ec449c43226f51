package io.stylegan4j.model.v1;

import io.stylegan4j.model.NoiseLayer;
import io.stylegan4j.model.Truncation;
import io.stylegan4j.nn.Module;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.nn.PixelNorm;
import io.stylegan4j.nn.TfScope;
import io.stylegan4j.nn.WScaleConv2d;
import io.stylegan4j.nn.WScaleDense;
import io.stylegan4j.ops.Resize;
import io.stylegan4j.ops.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * ProGAN's generator G_paper (Karras et al. 2018; StyleGAN's configuration A): z, pixel-normalized, through a dense
 * layer to 4x4, then per resolution nearest 2x upsampling and two 3x3 convs, each followed by bias, leaky ReLU and
 * pixel norm; no mapping network, styles, noise or blur. Progressive growing by {@code lod} as in
 * {@link StyleSynthesis}, with the official names ({@code 4x4/Dense}, {@code 8x8/Conv0}, {@code ToRGB_lod<k>}).
 */
public final class ProGanGenerator extends TfScope implements ProgressiveGenerator {
    public final ProGanConfig cfg;
    private final Tensor lod;
    private final DenseInput dense;
    private final List<WScaleConv2d> convs = new ArrayList<>();   // two per resolution, 4x4/Conv first
    private final List<WScaleConv2d> toRgb = new ArrayList<>();   // index log2(res) - 2

    public ProGanGenerator(ProGanConfig cfg, Device d) {
        this.cfg = cfg;
        this.lod = buffer("lod", torch.zeros(new long[] {}, Tensors.options(d)));
        DenseInput first = null;
        for (int res = 4; res <= cfg.resolution(); res *= 2) {
            Scope s = child(res + "x" + res, new Scope());
            int c = cfg.channels(res);
            if (res == 4) {
                first = s.add("Dense", new DenseInput(cfg.latentSize(), c, d));
                convs.add(null);
                convs.add(s.add("Conv", new WScaleConv2d(c, c, 3, Math.sqrt(2), true, d)));
            } else {
                String name = cfg.fusedScale().fused(res) ? "Conv0_up" : "Conv0";
                convs.add(s.add(name, new WScaleConv2d(cfg.channels(res / 2), c, 3, Math.sqrt(2), true, d)));
                convs.add(s.add("Conv1", new WScaleConv2d(c, c, 3, Math.sqrt(2), true, d)));
            }
            toRgb.add(child("ToRGB_lod" + (cfg.resolutionLog2() - Integer.numberOfTrailingZeros(res)), new WScaleConv2d(c, cfg.numChannels(), 1, 1, true, d)));
        }
        this.dense = first;
    }

    /** {@code 4x4/Dense}: z -> [N, C, 4, 4]; its bias is per channel, added after the reshape. */
    private static final class DenseInput extends TfScope {
        private final int channels;
        private final WScaleDense dense;
        private final Tensor bias;

        DenseInput(int in, int channels, Device d) {
            this.channels = channels;
            this.bias = param("bias", torch.zeros(new long[] {channels}, Tensors.options(d)));
            // gain sqrt(2)/4 "to match the original Theano implementation"
            this.dense = child("", new WScaleDense(in, channels * 16, Math.sqrt(2) / 4, 1, false, d));
        }

        Tensor forward(Tensor z) {
            return dense.matmul(z).reshape(-1, channels, 4, 4).add(bias.reshape(1, -1, 1, 1));
        }
    }

    private Tensor epilogue(Tensor x) {
        x = torch.leaky_relu(x, Tensors.scalar(0.2));
        return cfg.usePixelNorm() ? PixelNorm.apply(x) : x;
    }

    /** z [N, latentSize] -> image at the config's resolution, grown to {@code lod} (see {@link StyleSynthesis#forward}). */
    public Tensor forward(Tensor z, double lodValue) {
        Tensors.assertShape(z, "G_paper z", -1, cfg.latentSize());
        int r = cfg.resolutionLog2();
        Lod l = Lod.of(lodValue, cfg.resolution(), r - 2);
        int top = r - l.level();
        Tensor x = cfg.normalizeLatents() ? PixelNorm.apply(z) : z;
        x = epilogue(dense.forward(x));
        x = epilogue(convs.get(1).addBias(convs.get(1).conv(x)));
        Tensor prev = null;
        for (int res = 3; res <= top; res++) {
            prev = x;
            WScaleConv2d c0 = convs.get(2 * res - 4), c1 = convs.get(2 * res - 3);
            x = epilogue(c0.addBias(c0.upConv(x, cfg.fusedScale().fused(1 << res))));
            x = epilogue(c1.addBias(c1.conv(x)));
        }
        Tensor img = toRgb.get(top - 2).addBias(toRgb.get(top - 2).conv(x));
        if (l.t() > 0 && top > 2) {
            Tensor low = Resize.nearestUp(toRgb.get(top - 3).addBias(toRgb.get(top - 3).conv(prev)), 2);
            img = img.add(low.sub(img).mul(Tensors.scalar(l.t())));
        }
        return Resize.nearestUp(img, 1 << (r - top));
    }

    @Override
    public Tensor trainingForward(Tensor z, double lodValue) {
        return forward(z, lodValue);
    }

    @Override
    public Tensor sample(Tensor z, double lodValue) {
        return forward(z, lodValue);
    }

    @Override
    public String family() {
        return "progan";
    }

    @Override
    public Record config() {
        return cfg;
    }

    @Override
    public int resolution() {
        return cfg.resolution();
    }

    @Override
    public int numChannels() {
        return cfg.numChannels();
    }

    @Override
    public int zDim() {
        return cfg.latentSize();
    }

    /** One "ws": ProGAN has no W space, so its ws is z itself, [N, 1, zDim], and there is nothing to mix. */
    @Override
    public int numWs() {
        return 1;
    }

    @Override
    public Tensor ws(Tensor z, Tensor c, Truncation truncation) {
        if (c != null) throw new IllegalArgumentException("ProGAN models are unconditional: they take no label");
        return truncate(z.unsqueeze(1), truncation);
    }

    @Override
    public Tensor truncate(Tensor ws, Truncation truncation) {
        if (truncation.psi() != 1)
            throw new IllegalArgumentException("ProGAN (StyleGAN Table 1 configuration A) has no W space to truncate: use psi 1");
        return ws;
    }

    /** The image at the stored lod; ProGAN has no noise inputs, so {@code noise} does not matter. */
    @Override
    public Tensor synthesize(Tensor ws, Noise noise) {
        return forward(Tensors.assertShape(ws, "ProGAN ws (z)", -1, 1, cfg.latentSize()).select(1, 0), lod());
    }

    @Override
    public List<NoiseLayer> noiseLayers() {
        return List.of();
    }

    @Override
    public Module module() {
        return this;
    }

    @Override
    public double lod() {
        return Tensors.item(lod);
    }

    @Override
    public void setLod(double value) {
        Lod.check(value, cfg.resolution());
        try (NoGradGuard g = new NoGradGuard()) {
            lod.fill_(Tensors.scalar(value));
        }
    }
}

package io.stylegan4j.model.v1;

import io.stylegan4j.model.NoiseLayer;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.nn.NoiseMode;
import io.stylegan4j.nn.TfScope;
import io.stylegan4j.nn.WScaleConv2d;
import io.stylegan4j.ops.Resize;
import io.stylegan4j.ops.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * G_synthesis of StyleGAN v1: ws [N, numLayers, wDim] -> image, with progressive growing. Scopes {@code 4x4},
 * {@code 8x8}, ... hold two {@link StyleLayer}s each, and every resolution has its own {@code ToRGB_lod<k>}
 * (k = levels below the full resolution), so any lod can be rendered: see {@link #forward}.
 */
public final class StyleSynthesis extends TfScope {
    private final StyleGeneratorConfig cfg;
    private final Tensor lod;
    private final Tensor[] noiseConst;
    private final List<StyleLayer> layers = new ArrayList<>();
    private final List<WScaleConv2d> toRgb = new ArrayList<>(); // index log2(res) - 2

    public StyleSynthesis(StyleGeneratorConfig cfg, Device d) {
        this.cfg = cfg;
        int r = cfg.resolutionLog2();
        this.lod = buffer("lod", torch.zeros(new long[] {}, Tensors.options(d)));
        this.noiseConst = new Tensor[cfg.numLayers()];
        if (cfg.useNoise()) {
            for (int i = 0; i < noiseConst.length; i++) {
                long res = 4L << (i / 2);
                noiseConst[i] = buffer("noise" + i, torch.randn(new long[] {1, 1, res, res}, Tensors.options(d)));
            }
        }
        for (int res = 4; res <= cfg.resolution(); res *= 2) {
            Scope s = child(res + "x" + res, new Scope());
            int c = cfg.channels(res);
            if (res == 4) {
                layers.add(cfg.constInputLayer() ? s.add("Const", new StyleLayer(StyleLayer.Input.CONST, 0, c, 4, cfg, d))
                        : s.add("Dense", new StyleLayer(StyleLayer.Input.DENSE, cfg.dlatentSize(), c, 4, cfg, d)));
                layers.add(s.add("Conv", new StyleLayer(StyleLayer.Input.CONV, c, c, 4, cfg, d)));
            } else {
                layers.add(s.add("Conv0_up", new StyleLayer(StyleLayer.Input.CONV_UP, cfg.channels(res / 2), c, res, cfg, d)));
                layers.add(s.add("Conv1", new StyleLayer(StyleLayer.Input.CONV, c, c, res, cfg, d)));
            }
            int level = r - Integer.numberOfTrailingZeros(res);
            toRgb.add(child("ToRGB_lod" + level, new WScaleConv2d(c, cfg.numChannels(), 1, 1, true, d)));
        }
    }

    /** The lod stored with the weights (what training last set); the default for rendering. */
    public Tensor lodBuffer() {
        return lod;
    }

    /**
     * The official 'recursive' structure: with lod = level + t, the blocks up to resolution R' = res / 2^level run,
     * the image is {@code lerp(toRGB(R'), upscale(toRGB(R'/2)), t)} and is then upscaled (nearest) by 2^level.
     *
     * @param noise RANDOM draws fresh noise per sample, CONST uses the stored {@code noise<i>}, or explicit per-layer
     *              tensors ([res, res] or [N or 1, 1, res, res]; zeros switch a layer's noise off, StyleGAN Figure 5)
     * @param styles collects each active layer's AdaIN style [N, 2C] when not null
     */
    public Tensor forward(Tensor ws, double lodValue, Noise noise, List<Tensor> styles) {
        Tensors.assertShape(ws, "G_synthesis ws", -1, cfg.numLayers(), cfg.dlatentSize());
        int r = cfg.resolutionLog2();
        Lod l = Lod.of(lodValue, cfg.resolution(), r - 3);
        int top = r == 2 ? 2 : r - l.level(); // log2 of the top active block
        Tensor x = ws.select(1, 0), prev = null;
        for (int i = 0; i < 2 * top - 2; i++) {
            if (i % 2 == 0) prev = x;
            x = layers.get(i).forward(x, ws.select(1, i), noiseImage(i, ws.size(0), noise, ws), styles);
        }
        Tensor img = toRgb.get(top - 2).conv(x);
        img = toRgb.get(top - 2).addBias(img);
        if (l.t() > 0 && top > 2) {
            Tensor low = Resize.nearestUp(toRgb.get(top - 3).addBias(toRgb.get(top - 3).conv(prev)), 2);
            img = img.add(low.sub(img).mul(Tensors.scalar(l.t())));
        }
        return Resize.nearestUp(img, 1 << (r - top));
    }

    private Tensor noiseImage(int layer, long n, Noise noise, Tensor like) {
        if (!cfg.useNoise() || noise.mode() == NoiseMode.NONE) return null;
        long res = 4L << (layer / 2);
        if (noise.isExplicit()) {
            if (layer >= noise.tensors().size())
                throw new IllegalArgumentException("explicit noise has " + noise.tensors().size() + " tensors; noise layer " + layer + " needs one");
            Tensor t = noise.tensors().get(layer);
            String what = "noise tensor of layer " + layer;
            return t.dim() == 2 ? Tensors.assertShape(t, what, res, res).reshape(1, 1, res, res) : Tensors.assertShape(t, what, -1, 1, res, res);
        }
        if (noise.mode() == NoiseMode.CONST) return noiseConst[layer];
        return torch.randn(new long[] {n, 1, res, res}, Tensors.options(like.device()));
    }

    /** The noise inputs by layer (TF names {@code G_synthesis/noise<i>}), each stored realization as [res, res]. */
    public List<NoiseLayer> noiseLayers() {
        List<NoiseLayer> out = new ArrayList<>();
        if (!cfg.useNoise()) return out;
        for (int i = 0; i < noiseConst.length; i++) {
            int res = 4 << (i / 2);
            out.add(new NoiseLayer(i, "G_synthesis/noise" + i, res, noiseConst[i].reshape(res, res)));
        }
        return out;
    }
}

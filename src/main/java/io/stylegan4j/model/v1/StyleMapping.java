package io.stylegan4j.model.v1;

import io.stylegan4j.nn.PixelNorm;
import io.stylegan4j.nn.TfScope;
import io.stylegan4j.nn.WScaleDense;
import io.stylegan4j.ops.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * G_mapping (StyleGAN Figure 1b, f: Z -> W): pixel norm of z, then {@code mappingLayers} x (dense, bias, leaky
 * ReLU), all at learning rate x0.01. The last layer has the leaky ReLU too, as officially.
 */
public final class StyleMapping extends TfScope {
    private final StyleGeneratorConfig cfg;
    private final WScaleDense[] layers;

    public StyleMapping(StyleGeneratorConfig cfg, Device d) {
        this.cfg = cfg;
        this.layers = new WScaleDense[cfg.mappingLayers()];
        for (int i = 0; i < layers.length; i++) {
            int in = i == 0 ? cfg.latentSize() : cfg.mappingFmaps();
            int out = i == layers.length - 1 ? cfg.dlatentSize() : cfg.mappingFmaps();
            layers[i] = child("Dense" + i, new WScaleDense(in, out, Math.sqrt(2), cfg.mappingLrmul(), true, d));
        }
    }

    /** [N, latentSize] -> w [N, dlatentSize]. */
    public Tensor forward(Tensor z) {
        Tensors.assertShape(z, "G_mapping z", -1, cfg.latentSize());
        Tensor x = cfg.normalizeLatents() ? PixelNorm.apply(z) : z;
        for (WScaleDense l : layers) x = torch.leaky_relu(l.forward(x), Tensors.scalar(0.2));
        return x;
    }
}

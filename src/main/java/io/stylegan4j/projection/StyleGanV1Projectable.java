package io.stylegan4j.projection;

import io.stylegan4j.model.NoiseLayer;
import io.stylegan4j.model.v1.StyleGenerator;
import io.stylegan4j.nn.Noise;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/**
 * A StyleGAN (v1) {@link StyleGenerator} seen as {@link Projectable}, synthesizing at the model's stored lod. v1 models
 * are unconditional. Freezes the generator's parameters as {@link StyleGan2Projectable} does: gradients are wanted for
 * w and the noise only.
 */
public final class StyleGanV1Projectable implements Projectable {
    private final StyleGenerator g;
    private final Device device;

    public StyleGanV1Projectable(StyleGenerator g, Device device) {
        g.requiresGrad(false);
        this.g = g;
        this.device = device;
    }

    public StyleGenerator generator() {
        return g;
    }

    @Override public int zDim() { return g.cfg.latentSize(); }
    @Override public int wDim() { return g.cfg.dlatentSize(); }
    @Override public int numWs() { return g.cfg.numLayers(); }
    @Override public int resolution() { return g.resolution(); }
    @Override public int channels() { return g.numChannels(); }
    @Override public Device device() { return device; }

    @Override
    public Tensor mapping(Tensor z) {
        return g.mapping.forward(z);
    }

    @Override
    public List<Integer> noiseResolutions() {
        return g.noiseLayers().stream().map(NoiseLayer::resolution).toList();
    }

    @Override
    public Tensor synthesis(Tensor ws, List<Tensor> noise) {
        return g.synthesize(ws, noise == null ? Noise.CONST : Noise.explicit(noise));
    }
}

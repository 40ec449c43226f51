package io.stylegan4j.projection;

import io.stylegan4j.model.Generator;
import io.stylegan4j.model.NoiseLayer;
import io.stylegan4j.model.Truncation;
import io.stylegan4j.nn.Noise;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/**
 * A StyleGAN2 {@link Generator} seen as {@link Projectable}; {@code label} is the one-hot class of a conditional G.
 * Freezes the generator's parameters, as the official projector does ({@code requires_grad_(False)}): gradients
 * are wanted for w and the noise only, and weight gradients would cost as much again in every backward pass.
 */
public final class StyleGan2Projectable implements Projectable {
    private final Generator g;
    private final Tensor label;
    private final Device device;

    public StyleGan2Projectable(Generator g, Tensor label, Device device) {
        if (g.cfg.cDim() > 0 && label == null)
            throw new IllegalArgumentException("this generator is conditional on " + g.cfg.cDim() + " classes: pass --class");
        g.requiresGrad(false);
        this.g = g;
        this.label = label;
        this.device = device;
    }

    public Generator generator() {
        return g;
    }

    @Override public int zDim() { return g.cfg.zDim(); }
    @Override public int wDim() { return g.cfg.wDim(); }
    @Override public int numWs() { return g.cfg.numWs(); }
    @Override public int resolution() { return g.cfg.imgResolution(); }
    @Override public int channels() { return g.cfg.imgChannels(); }
    @Override public Device device() { return device; }

    @Override
    public Tensor mapping(Tensor z) {
        Tensor c = label == null ? null : label.expand(z.size(0), label.size(1));
        return g.mapping.forward(z, c, Truncation.NONE, false).select(1, 0);
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

package io.stylegan4j.nn;

import io.stylegan4j.ops.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.bytedeco.pytorch.global.torch;

/**
 * Noise injection B (StyleGAN Section 2, StyleGAN2 Figure 2c): single-channel per-pixel noise, broadcast to every
 * feature map and scaled by one learned strength (initialized to 0, so training decides how much noise a layer
 * uses). rosinality's {@code NoiseInjection}; also keeps the layer's fixed noise realization {@code noise_const}.
 *
 * <p>Not a module level of its own: the official layout stores {@code noise_strength} and {@code noise_const}
 * directly under the synthesis layer, so the injection registers them on the layer that owns it.
 */
public final class NoiseInjection {
    /** Which noise layer this is: the index of its tensor in explicit {@link Noise} (equal to its ws index). */
    public final int layer;
    public final int resolution;
    private final Tensor strength, constNoise;

    /** Registers {@code noise_strength} (a parameter, 0) and {@code noise_const} (a buffer, N(0, 1)) on {@code owner}. */
    NoiseInjection(Module owner, int layer, int resolution, Device d) {
        this.layer = layer;
        this.resolution = resolution;
        this.strength = owner.param("noise_strength", Init.full(d, 0));
        this.constNoise = owner.buffer("noise_const", Init.randn(d, resolution, resolution));
    }

    /** The noise to add to a [N, C, res, res] activation {@code x} (strength applied), or null for none. */
    Tensor noise(Noise spec, Tensor x) {
        if (spec.isExplicit()) {
            Tensor t = spec.tensor(layer, resolution);
            ScalarType dt = x.scalar_type().intern();
            return (t.scalar_type().intern() == dt ? t : t.to(dt)).mul(strength);
        }
        return switch (spec.mode()) {
            case RANDOM -> torch.randn(new long[] {x.size(0), 1, resolution, resolution}, Tensors.options(x.device(), x.scalar_type())).mul(strength);
            case CONST -> constNoise.mul(strength);
            case NONE -> null;
        };
    }

    public Tensor strength() {
        return strength;
    }

    /** The stored realization [res, res] that CONST noise uses. */
    public Tensor buffer() {
        return constNoise;
    }
}

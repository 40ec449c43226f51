package io.stylegan4j.nn;

import io.stylegan4j.ops.Tensors;
import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * The per-pixel noise inputs B of StyleGAN (Figure 1b): a {@link NoiseMode} (fresh noise, the stored per-layer
 * buffers, or none), or explicit per-layer tensors used in place of the stored buffers. Explicit tensors take part
 * in autograd like any input, so a projector can optimize them; list the layers they stand for with
 * {@code Generator#noiseLayers()}, one tensor per layer in that order, each {@code [res, res]} or
 * {@code [N or 1, 1, res, res]}.
 *
 * @param tensors explicit per-layer noise, or null to follow {@code mode}; when given, {@code mode} is CONST (fixed noise)
 */
public record Noise(NoiseMode mode, List<Tensor> tensors) {
    /** Fresh N(0, 1) noise on every call (the official default of {@code G.forward}; training uses it). */
    public static final Noise RANDOM = new Noise(NoiseMode.RANDOM, null);
    /** The stored {@code noise_const} buffers: the same image for the same ws on every call. */
    public static final Noise CONST = new Noise(NoiseMode.CONST, null);
    /** No noise at all (StyleGAN Figure 5's "no noise" column). */
    public static final Noise NONE = new Noise(NoiseMode.NONE, null);

    public Noise {
        if (mode == null) throw new IllegalArgumentException("noise mode must not be null");
        if (tensors != null) {
            if (mode != NoiseMode.CONST) throw new IllegalArgumentException("explicit noise tensors replace the CONST buffers, got mode " + mode);
            tensors = List.copyOf(tensors);
        }
    }

    public static Noise of(NoiseMode mode) {
        return switch (mode) {
            case RANDOM -> RANDOM;
            case CONST -> CONST;
            case NONE -> NONE;
        };
    }

    /** Explicit noise, one tensor per layer of {@code Generator#noiseLayers()} in that order. */
    public static Noise explicit(List<Tensor> perLayer) {
        return new Noise(NoiseMode.CONST, perLayer);
    }

    public boolean isExplicit() {
        return tensors != null;
    }

    /** Layer {@code layer}'s explicit tensor, checked against its resolution (one of the two accepted shapes). */
    Tensor tensor(int layer, int resolution) {
        if (layer >= tensors.size())
            throw new IllegalArgumentException("explicit noise has " + tensors.size() + " tensors; noise layer " + layer + " needs one");
        Tensor t = tensors.get(layer);
        String what = "noise tensor of layer " + layer;
        return t.dim() == 2 ? Tensors.assertShape(t, what, resolution, resolution) : Tensors.assertShape(t, what, -1, 1, resolution, resolution);
    }
}

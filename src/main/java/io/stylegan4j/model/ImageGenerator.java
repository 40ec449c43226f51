package io.stylegan4j.model;

import io.stylegan4j.nn.Module;
import io.stylegan4j.nn.Noise;
import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * What the image commands ({@code generate}, {@code mix}, {@code noise}, {@code truncation}, {@code interpolate})
 * need from a generator, whatever its paper: StyleGAN2's {@link Generator}, StyleGAN v1's G_style and ProGAN's
 * G_paper ({@code model.v1}). Latents go to per-layer ws, ws (possibly truncated or mixed) go to images.
 */
public interface ImageGenerator {
    int zDim();

    /** Label dimensionality; 0 = unconditional. */
    int cDim();

    /** How many per-layer ws the synthesis reads (1 for ProGAN, which has no W space: its "ws" is z). */
    int numWs();

    /** z [N, zDim] (+ labels) -> ws [N, numWs, wDim], truncated. */
    Tensor ws(Tensor z, Tensor c, Truncation truncation);

    /** Truncates given ws toward the tracked mean of W. */
    Tensor truncate(Tensor ws, Truncation truncation);

    /** ws -> image [N, C, res, res], f32. */
    Tensor synthesize(Tensor ws, Noise noise);

    /** The noise inputs by layer (empty for a generator without noise). */
    List<NoiseLayer> noiseLayers();

    /** The network (parameters under their official names). */
    Module module();
}

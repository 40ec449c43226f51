package io.stylegan4j.projection;

import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/**
 * What projection and the generator analyses need from a style-based generator, StyleGAN (v1) or StyleGAN2: a
 * mapping z -> w, and a synthesis ws -> image whose per-pixel noise inputs can be given as explicit, differentiable
 * tensors. Everything in {@code projection} and {@code analysis} except the tRGB breakdown (a StyleGAN2 part) goes
 * through this interface only.
 */
public interface Projectable {
    int zDim();

    int wDim();

    /** How many per-layer ws the synthesis reads. */
    int numWs();

    int resolution();

    int channels();

    Device device();

    /** z [N, zDim] -> w [N, wDim]: the mapping without truncation and without updating the tracked w_avg. */
    Tensor mapping(Tensor z);

    /** The side of each noise input, in the order {@link #synthesis} takes explicit noise. */
    List<Integer> noiseResolutions();

    /**
     * ws [N, numWs, wDim] -> image [N, C, H, W] on the [-1, 1] scale. {@code noise} null = the model's stored
     * constant noise (what {@code generate --noise-mode const} uses); otherwise one [res, res] tensor per noise input,
     * shared by the batch, through which gradients flow.
     */
    Tensor synthesis(Tensor ws, List<Tensor> noise);
}

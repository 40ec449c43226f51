package io.stylegan4j.projection;

import org.bytedeco.pytorch.Tensor;

/**
 * What the projector minimizes between the target and the synthesized image: an embedding whose squared
 * Euclidean distance is the image distance, so the target is embedded once and each step only embeds the
 * synthesized image ({@code dist = ||e(target) - e(synth)||^2}, as the official projector does with LPIPS).
 */
public interface ImageDistance extends AutoCloseable {
    /** How outputs name the distance: {@code lpips} or {@code mse}. */
    String name();

    /** images [N, C, H, W], float on the 0..255 scale (not clamped) -> embeddings [N, D], differentiable. */
    Tensor embed(Tensor images);

    @Override
    default void close() {}
}

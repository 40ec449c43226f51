package io.stylegan4j.model;

import org.bytedeco.pytorch.Tensor;

/**
 * One noise input of the synthesis network, for code that sets or optimizes noise per layer (a projector).
 *
 * @param index  position of this layer's tensor in explicit {@code Noise} (its ws index)
 * @param name   the stored buffer's state-dict key, e.g. {@code synthesis.b8.conv0.noise_const}
 * @param buffer the stored realization [resolution, resolution] that CONST noise uses (owned by the generator)
 */
public record NoiseLayer(int index, String name, int resolution, Tensor buffer) {}

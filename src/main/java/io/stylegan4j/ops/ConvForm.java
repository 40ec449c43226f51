package io.stylegan4j.ops;

/**
 * Which of the two equal formulations of the modulated convolution a layer runs (see {@link ModulatedConv2d}).
 * Both compute the same values up to float rounding; they differ in speed, which depends on batch, width, dtype
 * and whether gradients are needed (ENGINE.md).
 */
public enum ConvForm {
    /**
     * Each layer picks the one measured faster: the 3x3 style convs use the shared weight; tRGB uses grouped
     * weights in eval and the shared weight in training (the formulation the official gradients were tested with).
     */
    AUTO,
    /** Per-sample weights in one grouped convolution: the official {@code fused_modconv=True} (its eval default). */
    GROUPED,
    /** Scale the input by the styles, one convolution with the shared weight, scale the output: {@code fused_modconv=False}. */
    SHARED_WEIGHT;

    /** Whether a layer runs grouped, {@code auto} being that layer's own choice for {@link #AUTO}. */
    public boolean grouped(boolean auto) {
        return this == AUTO ? auto : this == GROUPED;
    }
}

package io.stylegan4j.nn;

/**
 * Whether v1/ProGAN resampling convs fuse the 2x resampling into the conv (a transposed conv with the 3x3 kernel
 * summed into 4x4 for upsampling, a strided conv with it averaged for downsampling). AUTO is the official
 * {@code fused_scale='auto'}: fused from 128 px on, where it saves memory; both compute the same function.
 */
public enum FusedScale {
    AUTO, ON, OFF;

    /** @param res the resolution of the upsampled output (G) or of the input being downsampled (D) */
    public boolean fused(int res) {
        return this == ON || (this == AUTO && res >= 128);
    }
}

package io.stylegan4j.nn;

/**
 * A module of the StyleGAN v1 / ProGAN networks, whose parameter names are the official TensorFlow variable names:
 * scopes joined with "/" ({@code G_synthesis/8x8/Conv0_up/Noise/weight}), so official TF weights load without a
 * renaming table.
 */
public abstract class TfScope extends Module {
    @Override
    protected final String separator() {
        return "/";
    }
}

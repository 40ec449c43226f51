package io.stylegan4j.model.v1;

import io.stylegan4j.model.ImageGenerator;
import org.bytedeco.pytorch.Tensor;

/**
 * What progressive training and the model files need from either v1-era generator (StyleGAN's G_style, ProGAN's
 * G_paper), besides what the image commands need ({@link ImageGenerator}): z in, an image at the full resolution
 * grown to {@code lod} out.
 */
public interface ProgressiveGenerator extends ImageGenerator {
    /** "stylegan1" or "progan": the model family a file records. */
    String family();

    /** The immutable config record (serialized into model files). */
    Record config();

    int resolution();

    int numChannels();

    /**
     * G as training runs it: fresh noise, and for G_style the tracked mean of W updated and style-mixing
     * regularization applied, its random numbers drawn from libtorch's generator (so a resumed run repeats them).
     */
    Tensor trainingForward(Tensor z, double lod);

    /** G for the snapshot grids: no truncation, the stored noise. */
    Tensor sample(Tensor z, double lod);

    /** The lod stored with the weights. */
    double lod();

    void setLod(double lod);

    /** Unconditional: neither paper's v1-era networks take labels here. */
    @Override
    default int cDim() {
        return 0;
    }
}

package io.stylegan4j.data;

/**
 * How a folder or zip of images of any sizes becomes square training images: the side R (0 = the most common size,
 * rounded down to a power of two) and the crop (null = center-crop). {@link #NATIVE} asks for nothing: a folder of
 * one square power-of-two size is used as it is, any other folder is fitted as {@code new ImageFit(0, null)}.
 */
public record ImageFit(int resolution, CropTransform transform) {
    public static final ImageFit NATIVE = new ImageFit(0, null);

    public ImageFit {
        if (resolution != 0 && (resolution < 4 || Integer.bitCount(resolution) != 1))
            throw new DataException("--resolution must be a power of two >= 4, got " + resolution);
    }

    /** The crop applied when images are fitted. */
    public CropTransform crop() {
        return transform == null ? CropTransform.CENTER_CROP : transform;
    }
}

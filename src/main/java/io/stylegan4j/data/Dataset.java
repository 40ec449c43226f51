package io.stylegan4j.data;

/**
 * Square training images of one power-of-two resolution, as uint8 CHW bytes. Implementations must be safe for
 * concurrent {@link #image} calls, since the batch loader decodes in parallel.
 */
public interface Dataset extends AutoCloseable {
    /** Number of images. */
    int size();

    /** Width and height in pixels (a power of two). */
    int resolution();

    /** 1 (gray) or 3 (RGB). */
    int channels();

    /**
     * Image {@code i} as uint8 pixels in CHW order, length {@code channels()*resolution()^2}.
     *
     * @throws DataException if the image cannot be read or does not match the dataset's shape
     */
    byte[] image(int i);

    /** Class label of image {@code i}, or -1 if the dataset has no labels. */
    int label(int i);

    boolean hasLabels();

    /** A content hash (hex) identifying exactly these images and labels; recorded in model files as provenance. */
    String identity();

    /** One human-readable line: source, count, shape, labels. */
    String description();

    /** How files of other sizes were cropped to the resolution (a {@link CropTransform} CLI name); null when used as they are. */
    default String fit() {
        return null;
    }

    /** Number of classes (max label + 1), 0 without labels. */
    default int classCount() {
        if (!hasLabels()) {
            return 0;
        }
        int max = -1;
        for (int i = 0; i < size(); i++) {
            max = Math.max(max, label(i));
        }
        return max + 1;
    }

    /** Bytes per image. */
    default int imageBytes() {
        return channels() * resolution() * resolution();
    }

    /** Releases open files (zip handles); the default has nothing to release. */
    @Override
    default void close() {}
}

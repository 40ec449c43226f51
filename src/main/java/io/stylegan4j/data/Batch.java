package io.stylegan4j.data;

/**
 * One training batch: {@code size} images as one contiguous uint8 array in NCHW order (ready to copy into a
 * tensor in one go), with their labels (-1 without labels) and the dataset indices actually used.
 *
 * @param index batch number k since the start of training (resume with it)
 */
public record Batch(long index, int size, int channels, int resolution, byte[] pixels, int[] labels, int[] datasetIndices) {
    public Batch {
        if (pixels.length != size * channels * resolution * resolution || labels.length != size || datasetIndices.length != size) {
            throw new IllegalArgumentException("batch arrays do not match " + size + "x" + channels + "x" + resolution + "x" + resolution);
        }
    }

    /** Bytes per image. */
    public int imageBytes() {
        return channels * resolution * resolution;
    }
}

package io.stylegan4j.data;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Settings of the {@code dataset} command.
 *
 * @param source folder (or zip) of images of any size; an optional dataset.json there supplies labels
 * @param dest the zip to write, in NVlabs' dataset_tool layout
 * @param resolution output side, a power of two >= 4
 * @param transform how non-square sources become square
 * @param maxImages the first this many source images only (the official --max-images); null = all
 * @param filter the resize filter (the official --resize-filter: lanczos, its default, or box)
 */
public record DatasetToolOptions(Path source, Path dest, int resolution, CropTransform transform, Integer maxImages,
                                 Resampler.Filter filter) {
    public DatasetToolOptions(Path source, Path dest, int resolution, CropTransform transform) {
        this(source, dest, resolution, transform, null, Resampler.Filter.LANCZOS);
    }

    public DatasetToolOptions {
        if (maxImages != null && maxImages < 1) throw new IllegalArgumentException("--max-images must be >= 1, got " + maxImages);
        if (filter == null) throw new IllegalArgumentException("dataset needs a resize filter");
        if (source == null || dest == null || transform == null) {
            throw new IllegalArgumentException("dataset needs --source, --dest and --transform");
        }
        if (resolution < 4 || Integer.bitCount(resolution) != 1) {
            throw new IllegalArgumentException("--resolution must be a power of two >= 4 (e.g. 32, 64, 256), got " + resolution);
        }
        if (!dest.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            throw new IllegalArgumentException("--dest must be a .zip file, got " + dest);
        }
    }
}

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
 */
public record DatasetToolOptions(Path source, Path dest, int resolution, CropTransform transform) {
    public DatasetToolOptions {
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

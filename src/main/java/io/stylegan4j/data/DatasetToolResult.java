package io.stylegan4j.data;

import java.nio.file.Path;

/**
 * What the {@code dataset} command produced.
 *
 * @param written images in the zip
 * @param skipped unreadable source files left out
 * @param labeled whether dataset.json carries labels (only if every written image had one)
 */
public record DatasetToolResult(Path dest, int written, int skipped, int channels, int resolution, boolean labeled) {}

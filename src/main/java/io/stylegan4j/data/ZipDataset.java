package io.stylegan4j.data;

import java.nio.file.Path;

/**
 * A dataset zip as written by NVlabs' dataset_tool (and {@link DatasetTool}): images at any depth, e.g.
 * {@code 00000/img00000000.png}, and an optional {@code dataset.json} at the root. Keeps the zip open; close it.
 */
public final class ZipDataset extends EncodedImageDataset {
    public ZipDataset(Path zip) {
        this(zip, ImageFit.NATIVE);
    }

    public ZipDataset(Path zip, ImageFit fit) {
        super(new ZipStore(zip), "zip", fit);
    }
}

package io.stylegan4j.data;

import java.nio.file.Path;

/**
 * Images anywhere below a folder, in sorted relative-path order, with optional labels from {@code dataset.json}
 * at the folder root (the layout written by NVlabs' dataset_tool and by shared/datasets/mnist.sh).
 */
public final class ImageFolderDataset extends EncodedImageDataset {
    public ImageFolderDataset(Path folder) {
        this(folder, ImageFit.NATIVE);
    }

    public ImageFolderDataset(Path folder, ImageFit fit) {
        super(new FolderStore(folder), "folder", fit);
    }
}

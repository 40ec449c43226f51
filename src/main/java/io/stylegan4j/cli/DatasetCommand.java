package io.stylegan4j.cli;

import io.stylegan4j.data.CropTransform;
import io.stylegan4j.data.DatasetTool;
import io.stylegan4j.data.DatasetToolOptions;
import io.stylegan4j.data.DatasetToolResult;
import io.stylegan4j.data.Resampler;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Build a training ZIP in the layout of the official dataset_tool (square power-of-two PNGs + dataset.json).")
final class DatasetCommand implements Callable<Integer> {
    @Option(names = "--source", required = true, description = "folder or zip of images (PNG/JPEG, any size; dataset.json labels carried over),"
            + " MNIST IDX (train-images-idx3-ubyte[.gz], labels beside it) or CIFAR-10 binary batches (data_batch_N.bin or their folder)")
    Path source;

    @Option(names = "--dest", required = true, description = "ZIP to write")
    Path dest;

    @Option(names = "--resolution", required = true, description = "output size, a power of two")
    int resolution;

    @Option(names = "--transform", defaultValue = "none", description = "none, center-crop, center-crop-wide or pad (default: ${DEFAULT-VALUE})")
    String transform;

    @Option(names = "--max-images", description = "convert only the first N source images (default: all)")
    Integer maxImages;

    @Option(names = "--resize-filter", defaultValue = "lanczos", description = "box or lanczos (default: ${DEFAULT-VALUE}), as the official tool")
    String resizeFilter;

    @Override
    public Integer call() throws java.io.IOException {
        DatasetToolResult r = DatasetTool.run(new DatasetToolOptions(source, dest, resolution, CropTransform.parse(transform),
                maxImages, Resampler.Filter.parse(resizeFilter)));
        System.out.printf("dataset: wrote %d images (%dx%dx%d%s) to %s; skipped %d unreadable%n", r.written(), r.channels(),
                r.resolution(), r.resolution(), r.labeled() ? ", labeled" : "", r.dest(), r.skipped());
        return 0;
    }
}

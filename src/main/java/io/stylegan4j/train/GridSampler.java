package io.stylegan4j.train;

import io.stylegan4j.data.Batch;
import io.stylegan4j.data.Dataset;
import io.stylegan4j.io.ImageFiles;
import io.stylegan4j.io.NumpyRandom;
import io.stylegan4j.io.Uint8Image;
import io.stylegan4j.model.Generator;
import io.stylegan4j.model.GeneratorConfig;
import io.stylegan4j.nn.NoiseMode;
import io.stylegan4j.ops.Tensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

/**
 * The fixed-latent image grids of a run (reals.png, fakes_init.png, fakes&lt;kimg&gt;.png). Latents are seeds 0..N-1
 * drawn like {@code generate --seeds}, from their own generator, so drawing them never disturbs training's RNG.
 */
final class GridSampler {
    private final int cols, rows;
    private final float[] z;
    private final GeneratorConfig cfg;
    private final Device dev;

    GridSampler(GeneratorConfig cfg, Device dev) {
        this.cfg = cfg;
        this.dev = dev;
        this.cols = cfg.imgResolution() <= 64 ? 8 : 4;
        this.rows = cols;
        int n = cols * rows;
        this.z = new float[n * cfg.zDim()];
        for (int i = 0; i < n; i++) System.arraycopy(NumpyRandom.latent(i, cfg.zDim()), 0, z, i * cfg.zDim(), cfg.zDim());
    }

    void writeFakes(Path path, Generator gEma) {
        int n = cols * rows, c = cfg.imgChannels(), r = cfg.imgResolution();
        List<Uint8Image> images = new ArrayList<>();
        try (PointerScope scope = new PointerScope(); NoGradGuard ng = new NoGradGuard()) {
            for (int start = 0; start < n; start += 16) {
                int m = Math.min(16, n - start);
                float[] part = java.util.Arrays.copyOfRange(z, start * cfg.zDim(), (start + m) * cfg.zDim());
                Tensor zt = Tensors.fromFloats(part, new long[] {m, cfg.zDim()}, dev);
                Tensor img = gEma.synthesis.forward(gEma.mapping.forward(zt, null, 1, null, false), NoiseMode.CONST, null);
                float[] px = Tensors.toFloats(img);
                int per = c * r * r;
                for (int i = 0; i < m; i++)
                    images.add(ImageFiles.toUint8(java.util.Arrays.copyOfRange(px, i * per, (i + 1) * per), c, r, r));
            }
        }
        write(path, images);
    }

    /** The first training batches, as many as fill the grid (or the whole dataset, if smaller). */
    void writeReals(Path path, java.util.function.LongFunction<Batch> batchAt, Dataset data) {
        int r = data.resolution(), c = data.channels(), per = c * r * r, n = Math.min(cols * rows, data.size());
        List<Uint8Image> images = new ArrayList<>();
        for (long k = 0; images.size() < n; k++) {
            Batch b = batchAt.apply(k);
            for (int i = 0; i < b.size() && images.size() < n; i++)
                images.add(new Uint8Image(c, r, r, java.util.Arrays.copyOfRange(b.pixels(), i * per, (i + 1) * per)));
        }
        write(path, images);
    }

    private void write(Path path, List<Uint8Image> images) {
        try {
            ImageFiles.writePng(path, ImageFiles.grid(images, rows, cols, 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }
}

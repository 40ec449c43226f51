package io.stylegan4j.train;

import io.stylegan4j.data.Batch;
import io.stylegan4j.data.Dataset;
import io.stylegan4j.io.ImageFiles;
import io.stylegan4j.io.Uint8Image;
import io.stylegan4j.model.Generator;
import io.stylegan4j.model.GeneratorConfig;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.ops.StepScope;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.random.NumpyRandom;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/**
 * The fixed-latent image grids of a run (reals.png, fakes_init.png, fakes&lt;kimg&gt;.png). Latents are seeds 0..N-1
 * drawn like {@code generate --seeds}, from their own generator, so drawing them never disturbs training's RNG.
 * For a conditional model each row is one class (as the official grid), for reals and fakes alike.
 */
public final class GridSampler {
    private final int cols, rows;
    private final float[] z;
    private final int resolution, channels, zDim, cDim;
    private final Device dev;

    GridSampler(GeneratorConfig cfg, Device dev) {
        this(cfg.imgResolution(), cfg.imgChannels(), cfg.zDim(), cfg.cDim(), dev);
    }

    /** For any generator of z: cells are seeds 0..N-1 in row-major order; one row per class when {@code cDim} > 0. */
    public GridSampler(int resolution, int channels, int zDim, int cDim, Device dev) {
        this.resolution = resolution;
        this.channels = channels;
        this.zDim = zDim;
        this.cDim = cDim;
        this.dev = dev;
        this.cols = resolution <= 64 ? 8 : 4;
        this.rows = cDim > 0 ? Math.min(cDim, 16) : cols;
        int n = cols * rows;
        this.z = new float[n * zDim];
        for (int i = 0; i < n; i++) System.arraycopy(NumpyRandom.latent(i, zDim), 0, z, i * zDim, zDim);
    }

    void writeFakes(Path path, Generator gEma) {
        writeFakes(path, (zt, labels) -> gEma.generate(zt, labels, Generator.Options.DEFAULT.withNoise(Noise.CONST)));
    }

    /** The grid of {@code generate(z, labels or null)} images for the fixed latents. */
    public void writeFakes(Path path, java.util.function.BinaryOperator<Tensor> generate) {
        int n = cols * rows, c = channels, r = resolution;
        List<Uint8Image> images = new ArrayList<>();
        try (StepScope scope = StepScope.inference()) {
            for (int start = 0; start < n; start += 16) {
                int m = Math.min(16, n - start);
                float[] part = java.util.Arrays.copyOfRange(z, start * zDim, (start + m) * zDim);
                Tensor zt = Tensors.fromFloats(part, new long[] {m, zDim}, dev);
                Tensor labels = cDim == 0 ? null : rowLabels(start, m);
                Tensor img = generate.apply(zt, labels);
                float[] px = Tensors.toFloats(img);
                int per = c * r * r;
                for (int i = 0; i < m; i++)
                    images.add(ImageFiles.toUint8(java.util.Arrays.copyOfRange(px, i * per, (i + 1) * per), c, r, r));
            }
        }
        write(path, images);
    }

    /** One-hot labels of grid cells start .. start+m-1: the cell's row is its class. */
    private Tensor rowLabels(int start, int m) {
        int[] rowOf = new int[m];
        for (int i = 0; i < m; i++) rowOf[i] = (start + i) / cols;
        return Tensors.oneHot(rowOf, cDim, dev);
    }

    /**
     * The first training batches, as many as fill the grid (or the whole dataset, if smaller); for a conditional
     * model, the first images of each class in training order, one class per row (blank where a class runs short).
     */
    public void writeReals(Path path, java.util.function.LongFunction<Batch> batchAt, Dataset data) {
        int r = data.resolution(), c = data.channels(), per = c * r * r;
        boolean byClass = cDim > 0;
        int n = byClass ? cols * rows : Math.min(cols * rows, data.size());
        Uint8Image[] cells = new Uint8Image[n];
        int[] filled = new int[rows];
        int placed = 0;
        // One epoch's worth of images at most: a class with fewer than `cols` images leaves its row short.
        for (long k = 0, scanned = 0; placed < n && scanned < data.size(); k++) {
            Batch b = batchAt.apply(k);
            scanned += b.size();
            for (int i = 0; i < b.size() && placed < n; i++) {
                int row = byClass ? b.labels()[i] : placed / cols;
                if (row < 0 || row >= rows || filled[row] >= cols) continue;
                cells[row * cols + filled[row]++] = new Uint8Image(c, r, r, java.util.Arrays.copyOfRange(b.pixels(), i * per, (i + 1) * per));
                placed++;
            }
        }
        List<Uint8Image> images = new ArrayList<>();
        for (Uint8Image u : cells) images.add(u != null ? u : new Uint8Image(c, r, r, new byte[per]));
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

package io.stylegan4j.cli;

import io.stylegan4j.io.ImageFiles;
import io.stylegan4j.io.Uint8Image;
import io.stylegan4j.model.ImageGenerator;
import io.stylegan4j.model.Truncation;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.nn.NoiseMode;
import io.stylegan4j.ops.StepScope;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.random.NumpyRandom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntToLongFunction;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * What the sampling commands share: seed -> z as the official tools draw it, z -> ws, and batched
 * ws -> uint8 images with native memory freed per batch.
 */
final class Sampling {
    private Sampling() {}

    /** Receives each rendered image in index order; writing it (or keeping it for a grid) is the caller's business. */
    interface Sink {
        void accept(int index, Uint8Image image) throws IOException;
    }


    /** [1, zDim] on the device. */
    static Tensor zTensor(long seed, int zDim, Device dev) {
        return Tensors.fromFloats(NumpyRandom.latent(seed, zDim), new long[] {1, zDim}, dev);
    }

    /**
     * ws [1, numWs, wDim] for one seed (and class, for a conditional G), truncated. One seed per call keeps
     * a seed's w independent of which other seeds share its batch (matmul results can depend on the batch size).
     */
    static Tensor ws(ImageGenerator g, long seed, Truncation truncation, Integer classIndex, Device dev) {
        try (NoGradGuard ng = new NoGradGuard()) {
            return g.ws(zTensor(seed, g.zDim(), dev), label(g, classIndex, dev), truncation);
        }
    }

    /** The one-hot [1, c_dim] label of a conditional G (checked by {@link NetworkOptions#load}), else null. */
    static Tensor label(ImageGenerator g, Integer classIndex, Device dev) {
        return g.cDim() == 0 ? null : Tensors.oneHot(new int[] {classIndex}, g.cDim(), dev);
    }

    /** [N, C, H, W] network output -> N uint8 images, converted as the official code does. */
    static List<Uint8Image> toImages(Tensor img) {
        return ImageFiles.toUint8Batch(Tensors.toFloats(img), Tensors.shape(img));
    }

    /**
     * Renders {@code n} images, {@code batch} at a time, each batch in its own PointerScope so native memory stays
     * flat however many images there are. {@code wsOf(i)} gives image i's ws [1, numWs, wDim] and is called inside
     * the scope. With RANDOM noise each image is synthesized alone right after {@code torch.manual_seed(noiseSeed(i))}:
     * its noise then depends on its own seed only, not on batch size or position, so a rerun gives the same bytes.
     * A rerun with the same --batch is byte-identical; another --batch can move a few pixels by one uint8 level,
     * because the per-sample grouped convolution sums in a batch-size-dependent order.
     */
    static void render(ImageGenerator g, int n, int batch, IntFunction<Tensor> wsOf, NoiseMode noise, IntToLongFunction noiseSeed,
                       Sink sink) throws IOException {
        if (batch < 1) throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        int step = noise == NoiseMode.RANDOM ? 1 : batch;
        for (int from = 0; from < n; from += step) {
            int count = Math.min(step, n - from);
            List<Uint8Image> images;
            try (StepScope scope = StepScope.inference()) {
                List<Tensor> parts = new ArrayList<>();
                for (int i = from; i < from + count; i++) parts.add(wsOf.apply(i));
                Tensor ws = Tensors.cat(parts, 0);
                if (noise == NoiseMode.RANDOM) torch.manual_seed(noiseSeed.applyAsLong(from));
                images = toImages(g.synthesize(ws, Noise.of(noise)));
            }
            for (int i = 0; i < count; i++) sink.accept(from + i, images.get(i));
        }
    }

    /** Creates the output folder and checks it can be written, so a bad --outdir fails before any work. */
    static Path outdir(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException("--outdir " + dir + ": cannot create it (" + Main.oneLine(e) + ")");
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir))
            throw new IllegalArgumentException("--outdir " + dir + ": not a writable folder; pick another");
        return dir;
    }

    /** Rejects NaN and infinities, which picocli's double conversion lets through. */
    static double finite(String flag, double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException(flag + " must be a finite number, got " + v);
        return v;
    }

    /** Parses a --seeds style list, naming the flag in the error. */
    static List<Long> seeds(String flag, String text) {
        try {
            return IntRanges.parseSeeds(text);
        } catch (IntRanges.ParseException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage());
        }
    }

    /** Columns of a near-square grid for n images (rows follow as ceil(n / cols)). */
    static int gridCols(int n) {
        return (int) Math.ceil(Math.sqrt(n));
    }

    static Uint8Image grid(List<Uint8Image> images, int cols) {
        return ImageFiles.grid(images, (images.size() + cols - 1) / cols, cols, 0);
    }

    /** An all-black image of the given shape (the empty top-left cell of a mixing grid). */
    static Uint8Image black(Uint8Image like) {
        return new Uint8Image(like.channels(), like.height(), like.width(), new byte[like.pixels().length]);
    }
}

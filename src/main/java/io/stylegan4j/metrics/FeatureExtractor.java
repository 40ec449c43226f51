package io.stylegan4j.metrics;

import io.stylegan4j.data.Dataset;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.ops.Autocast;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.random.NumpyRandom;
import io.stylegan4j.report.Progress;
import java.util.Map;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Feature extraction, the cost of every metric but PPL: images in batches through a detector into
 * {@link FeatureStats}. Real images are read in dataset order (the official loader's order); generated images are
 * uint8 as the official {@code run_generator} makes them. 1-channel images are repeated to 3, as officially.
 *
 * @param batch images per detector call (64 officially; larger batches change no feature: the detectors are per-image)
 * @param bf16  run the detector under bf16 autocast (measured: see the README's metrics section)
 */
public record FeatureExtractor(Detector detector, Map<String, Boolean> flags, int batch, boolean bf16) {
    public FeatureExtractor {
        if (batch <= 0) throw new IllegalArgumentException("feature batch must be positive, got " + batch);
        flags = Map.copyOf(flags);
    }

    /** Features of a uint8 (or float 0..255) [N, C, H, W] batch, float32 [N, D]. */
    public Tensor features(Tensor images) {
        if (images.size(1) == 1) images = images.repeat(1, 3, 1, 1);
        try (Autocast a = Autocast.bf16(detector.device(), bf16)) {
            return detector.call(images, flags).to(ScalarType.Float);
        }
    }

    /** The first {@code maxItems} images of {@code data} (all when larger than the dataset). */
    public FeatureStats forDataset(Dataset data, long maxItems, boolean all, boolean meanCov, Progress bar) {
        int n = (int) Math.min(maxItems, data.size());
        FeatureStats stats = new FeatureStats(all, meanCov, n);
        for (int start = 0; start < n; start += batch) {
            int count = Math.min(batch, n - start);
            try (PointerScope scope = new PointerScope()) {
                stats.append(features(readBatch(data, start, count).to(detector.device(), ScalarType.Byte)));
            }
            if (bar != null) bar.step(count);
        }
        return stats;
    }

    /**
     * {@code num} generated images with fresh z (torch's global generator) and, for a conditional G, labels of random
     * dataset images ({@code labels} draws the indices, as the official {@code np.random.randint}).
     */
    public FeatureStats forGenerator(GeneratorCalls g, Dataset data, NumpyRandom labels, long num, boolean all, boolean meanCov,
                                     int genBatch, Progress bar) {
        FeatureStats stats = new FeatureStats(all, meanCov, num);
        while (!stats.isFull()) {
            try (PointerScope scope = new PointerScope(); NoGradGuard ng = new NoGradGuard()) {
                int count = (int) Math.min(batch, num - stats.numItems());
                Tensor[] parts = new Tensor[(count + genBatch - 1) / genBatch];
                for (int i = 0; i < parts.length; i++) {
                    int b = Math.min(genBatch, count - i * genBatch);
                    Tensor z = torch.randn(new long[] {b, g.zDim()}, Tensors.options(detector.device()));
                    parts[i] = g.uint8Images(z, labelBatch(g, data, labels, b, detector.device()), Noise.RANDOM);
                }
                stats.append(features(torch.cat(new org.bytedeco.pytorch.TensorVector(parts), 0)));
                if (bar != null) bar.step(count);
            }
        }
        return stats;
    }

    /** One-hot labels of {@code b} random dataset images for a conditional G, else null (the draws are made anyway). */
    static Tensor labelBatch(GeneratorCalls g, Dataset data, NumpyRandom rng, int b, org.bytedeco.pytorch.Device device) {
        int[] cls = new int[b];
        for (int i = 0; i < b; i++) cls[i] = data.label((int) rng.randint(data.size()));
        if (g.cDim() == 0) return null;
        if (!data.hasLabels())
            throw new MetricException("the generator is conditional on " + g.cDim() + " classes but the dataset has no labels");
        return Tensors.oneHot(cls, g.cDim(), device);
    }

    /** Images [start, start + count) as a uint8 [count, C, R, R] CPU tensor, decoded in parallel. */
    static Tensor readBatch(Dataset data, int start, int count) {
        int bytes = data.imageBytes();
        byte[] buf = new byte[count * bytes];
        IntStream.range(0, count).parallel().forEach(i -> System.arraycopy(data.image(start + i), 0, buf, i * bytes, bytes));
        try (BytePointer p = new BytePointer(buf)) {
            return torch.from_blob(p, new long[] {count, data.channels(), data.resolution(), data.resolution()},
                    new TensorOptions(ScalarType.Byte)).clone();
        }
    }
}

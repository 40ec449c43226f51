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
        return forDataset(data, maxItems, all, meanCov, bar, null);
    }

    /** As above, this rank computing its {@link Shard} of the batches (null: all of them). */
    public FeatureStats forDataset(Dataset data, long maxItems, boolean all, boolean meanCov, Progress bar, Shard shard) {
        int n = (int) Math.min(maxItems, data.size());
        return collect(n, all, meanCov, shard, (k, start, count) -> {
            Tensor x = features(readBatch(data, (int) start, count).to(detector.device(), ScalarType.Byte));
            if (bar != null) bar.step(count);
            return x;
        });
    }

    /**
     * {@code num} generated images with fresh z (torch's global generator) and, for a conditional G, labels of random
     * dataset images ({@code labels} draws the indices, as the official {@code np.random.randint}).
     */
    public FeatureStats forGenerator(GeneratorCalls g, Dataset data, NumpyRandom labels, long num, boolean all, boolean meanCov,
                                     int genBatch, Progress bar) {
        return forGenerator(g, data, labels, num, all, meanCov, genBatch, bar, null);
    }

    /**
     * As above, sharded ({@code shard} not null): batch k's latents and noise come from seed {@code base + k}, base drawn
     * once from the global generator, so every world size draws the same images; labels still come from
     * {@code labels} in order on every rank, which leaves numpy's stream where one process leaves it.
     */
    public FeatureStats forGenerator(GeneratorCalls g, Dataset data, NumpyRandom labels, long num, boolean all, boolean meanCov,
                                     int genBatch, Progress bar, Shard shard) {
        long base = 0, after = 0;
        if (shard != null) {
            Tensor seeds = torch.randint(1L << 62, new long[] {2}, new TensorOptions(ScalarType.Long));
            base = seeds.select(0, 0).item_long();
            after = seeds.select(0, 1).item_long();
        }
        long seed0 = base;
        FeatureStats out = collect(num, all, meanCov, shard, (k, start, count) -> {
            Tensor[] parts = new Tensor[(count + genBatch - 1) / genBatch];
            if (shard != null) torch.manual_seed(seed0 + k);
            try (NoGradGuard ng = new NoGradGuard()) {
                for (int i = 0; i < parts.length; i++) {
                    int b = Math.min(genBatch, count - i * genBatch);
                    Tensor z = torch.randn(new long[] {b, g.zDim()}, Tensors.options(detector.device()));
                    parts[i] = g.uint8Images(z, labelBatch(g, data, labels, b, detector.device()), Noise.RANDOM);
                }
                Tensor x = features(torch.cat(new org.bytedeco.pytorch.TensorVector(parts), 0));
                if (bar != null) bar.step(count);
                return x;
            }
        }, (k, count) -> {
            // a batch another rank computes: its label draws still advance numpy's stream here
            for (int i = 0; i < (count + genBatch - 1) / genBatch; i++)
                labelBatch(g, data, labels, Math.min(genBatch, count - i * genBatch), detector.device());
        });
        if (shard != null) torch.manual_seed(after); // the ranks ran different batches: leave them in one state
        return out;
    }

    /** The features of batch {@code k}: images [start, start + count). */
    private interface BatchFeatures {
        Tensor of(long k, long start, int count);
    }

    /** What a rank does for a batch another rank computes. */
    private interface Skipped {
        void batch(long k, int count);
    }

    private FeatureStats collect(long n, boolean all, boolean meanCov, Shard shard, BatchFeatures f) {
        return collect(n, all, meanCov, shard, f, (k, count) -> { });
    }

    /**
     * Batches of {@link #batch} images, appended in order. Sharded (and with at least one batch per rank), each rank
     * computes its batches into an [n, D] table, zero elsewhere; the all-reduce sums the tables, so every rank holds every
     * row exactly, and appends them in the same batches as one process.
     */
    private FeatureStats collect(long n, boolean all, boolean meanCov, Shard shard, BatchFeatures f, Skipped skipped) {
        FeatureStats stats = new FeatureStats(all, meanCov, n);
        long batches = (n + batch - 1) / batch;
        boolean split = shard != null && shard.world() > 1 && batches >= shard.world();
        Tensor table = null;
        try {
            for (long k = 0; k < batches; k++) {
                long start = k * batch;
                int count = (int) Math.min(batch, n - start);
                if (split && !shard.owns(k)) {
                    skipped.batch(k, count);
                    continue;
                }
                try (PointerScope scope = new PointerScope()) {
                    Tensor x = f.of(k, start, count);
                    if (!split) {
                        stats.append(x);
                        continue;
                    }
                    if (table == null) {
                        table = torch.zeros(new long[] {n, x.size(1)}, new TensorOptions(ScalarType.Float));
                        table.retainReference(); // outlives this batch's scope
                    }
                    table.narrow(0, start, count).copy_(x);
                }
            }
            if (split) {
                shard.comm().allReduceSum(java.util.List.of(table));
                for (long start = 0; start < n; start += batch)
                    try (PointerScope scope = new PointerScope()) {
                        stats.append(table.narrow(0, start, Math.min(batch, n - start)));
                    }
            }
        } finally {
            if (table != null) table.releaseReference();
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

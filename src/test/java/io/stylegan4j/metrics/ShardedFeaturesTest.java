package io.stylegan4j.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stylegan4j.TestSupport;
import io.stylegan4j.data.Dataset;
import io.stylegan4j.data.Datasets;
import io.stylegan4j.distributed.GlooGroup;
import io.stylegan4j.distributed.World;
import io.stylegan4j.ops.Tensors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official metrics split feature extraction by rank; here two ranks (two threads of this JVM, each with its own
 * Gloo group on loopback, meeting in a store file) each compute every other batch of the real images, and both end
 * with exactly the features, and the float64 mean and covariance sums, of one process computing them all.
 */
class ShardedFeaturesTest {
    private static final Path FX = TestSupport.fixture("metrics");

    @Test
    void twoRanksGetExactlyTheFeaturesOfOneProcess(@TempDir Path tmp) throws Exception {
        FeatureStats whole = features(null);
        assertEquals(100, whole.numItems());
        Path store = tmp.resolve("store");
        CompletableFuture<FeatureStats>[] ranks = new CompletableFuture[2];
        for (int r = 0; r < 2; r++) {
            World w = new World(r, 2, "127.0.0.1", 0, store, Duration.ofSeconds(60));
            ranks[r] = CompletableFuture.supplyAsync(() -> {
                try (GlooGroup g = GlooGroup.connect(w, "ShardedFeaturesTest")) {
                    return features(new Shard(g, w.rank(), w.size()));
                }
            });
        }
        for (CompletableFuture<FeatureStats> rank : ranks) {
            FeatureStats s = rank.get();
            assertArrayEquals(Tensors.toFloats(whole.all()), Tensors.toFloats(s.all()), 0f);
            assertArrayEquals(Tensors.toDoubles(whole.meanCov()[1]), Tensors.toDoubles(s.meanCov()[1]), 0.0);
        }
    }

    /** 100 images in batches of 16: 7 batches, rank 0 computes 4 of them (the last one partial), rank 1 three. */
    private static FeatureStats features(Shard shard) {
        try (Dataset data = Datasets.open(FX.resolve("dataset.zip").toString());
             Detector det = Detector.load(FX.resolve("inception-standin.pt"), TestSupport.cpu())) {
            return new FeatureExtractor(det, MetricFunctions.FEATURES, 16, false).forDataset(data, 100, true, true, null, shard);
        }
    }
}

package io.stylegan4j.data;

/**
 * Batch loader settings.
 *
 * @param batchSize images per batch
 * @param seed fixes the shuffle and the mirroring, so a run is reproducible and resumable
 * @param mirror flip each image horizontally with probability 1/2 (the official --mirror augmentation)
 * @param prefetch batches assembled ahead of the consumer
 * @param workers threads decoding images within a batch
 */
public record LoaderConfig(int batchSize, long seed, boolean mirror, int prefetch, int workers) {
    public LoaderConfig {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        if (prefetch <= 0) {
            throw new IllegalArgumentException("prefetch must be positive, got " + prefetch);
        }
        if (workers <= 0) {
            throw new IllegalArgumentException("loader workers must be positive, got " + workers);
        }
    }

    /** Defaults: 4 batches ahead, up to 4 decoding threads. */
    public static LoaderConfig of(int batchSize, long seed, boolean mirror) {
        return new LoaderConfig(batchSize, seed, mirror, 4, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }
}

package io.stylegan4j.train;

import io.stylegan4j.distributed.Collective;

/**
 * How one iteration's global batch is divided: among {@code worldSize} processes (ranks), each taking
 * {@code batch / worldSize} images, and within a rank into rounds of {@code batchGpu} images whose gradients
 * accumulate before the optimizer step (the official --batch-gpu).
 *
 * <p>Under a split, every random draw of a round (latents, labels, noise, mixing, augmentation) comes from a seed that
 * depends only on the round's index in the global batch, so one process with rounds of 4 and two processes of 4 draw
 * the same numbers for the same images. Each round's loss is scaled by {@code batchGpu / (batch / worldSize)}, so a
 * rank's accumulated gradient is the mean over its images, and the all-reduce (sum, then divided by the world size,
 * as the official loop) makes it the mean over the global batch whatever the split. The official code instead sums
 * the rounds' means, so its gradient grows with the number of rounds; Adam is nearly scale-free, but only the mean
 * makes the 1 x 8 and 2 x 4 runs equal.
 */
public record BatchSplit(int rank, int worldSize, int batchGpu, Collective comm) {
    public BatchSplit {
        if (worldSize < 1 || rank < 0 || rank >= worldSize)
            throw new IllegalArgumentException("rank " + rank + " is outside the world of " + worldSize + " processes");
        if (batchGpu < 1) throw new IllegalArgumentException("--batch-gpu must be positive, got " + batchGpu);
    }

    /** Images this rank trains on per iteration. */
    public int perRank(int batch) {
        return batch / worldSize;
    }

    /** Checks the split against the run's batch and minibatch-stddev group; messages name the flags to change. */
    public void validate(int batch, int mbstdGroup, int pack) {
        if (batch % worldSize != 0)
            throw new IllegalArgumentException("--batch " + batch + " is not divisible by the world size " + worldSize
                    + "; pick a batch that is a multiple of the number of processes");
        int per = batch / worldSize;
        if (per % batchGpu != 0)
            throw new IllegalArgumentException("--batch-gpu " + batchGpu + " does not divide the " + per + " images each of the "
                    + worldSize + " processes trains on; pick a divisor of " + per);
        if (batchGpu % pack != 0)
            throw new IllegalArgumentException("--batch-gpu " + batchGpu + " must be a multiple of --pack " + pack);
        int dInputs = batchGpu / pack;
        if (mbstdGroup > 0 && dInputs % Math.min(mbstdGroup, dInputs) != 0)
            throw new IllegalArgumentException("--batch-gpu " + batchGpu + (pack > 1 ? " / --pack " + pack : "")
                    + " must be a multiple of the minibatch-stddev group size " + mbstdGroup);
    }

    public boolean isWriter() {
        return rank == 0;
    }
}

package io.stylegan4j.metrics;

import io.stylegan4j.distributed.Collective;

/**
 * This process's share of a metric's feature extraction in a distributed run, as the official metrics split it by
 * rank: detector batch k is computed by rank k mod world, and the ranks' features are summed into every rank's copy
 * (each row is non-zero on one rank only). Features of real or folder images come out exactly as in one process.
 * Generated images are drawn batch by batch from a seed set by the batch's index (in one process that is a different
 * stream from the unsharded one, so {@code train --batch-gpu} in one process evaluates what N processes do).
 */
public record Shard(Collective comm, int rank, int world) {
    public Shard {
        if (world < 1 || rank < 0 || rank >= world) throw new IllegalArgumentException("rank " + rank + " of " + world);
    }

    public boolean owns(long batchIndex) {
        return batchIndex % world == rank;
    }

    public boolean isRank0() {
        return rank == 0;
    }
}

package io.stylegan4j.data;

/**
 * Which image and which flip go at each position of the endless sample stream. Position p belongs to epoch
 * p / N and takes entry p % N of that epoch's permutation, seeded by (seed, epoch); so any batch k can be
 * rebuilt from k alone, which is what makes resuming exact. (The official sampler shuffles within a sliding
 * window instead; a full per-epoch shuffle has the same marginal statistics and is simpler to restore.)
 */
final class SampleOrder {
    private final int n;
    private final long seed;
    // Batches may straddle an epoch boundary; keeping two permutations avoids rebuilding them back and forth.
    private long epochA = -1;
    private int[] permA;
    private long epochB = -1;
    private int[] permB;

    SampleOrder(int n, long seed) {
        if (n <= 0) {
            throw new IllegalArgumentException("dataset is empty");
        }
        this.n = n;
        this.seed = seed;
    }

    /** Dataset index at stream position {@code p}. */
    synchronized int indexAt(long p) {
        long epoch = p / n;
        return permutation(epoch)[(int) (p % n)];
    }

    /** Whether the image at position {@code p} is mirrored (when mirroring is on). */
    boolean flipAt(long p) {
        return (mix(seed ^ 0x5DEECE66DL, p) & 1) != 0;
    }

    private int[] permutation(long epoch) {
        if (epoch == epochA) {
            return permA;
        }
        if (epoch == epochB) {
            return permB;
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(mix(seed, epoch));
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        epochB = epochA;
        permB = permA;
        epochA = epoch;
        permA = perm;
        return perm;
    }

    /** SplitMix64 finaliser over a combination of two values: cheap and well distributed. */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

package io.stylegan4j.random;

/**
 * Exact port of numpy's legacy {@code numpy.random.RandomState(seed)} for integer seeds, so that a seed gives
 * the same latent z (hence the same image) as the official StyleGAN2 tools, which draw
 * {@code RandomState(seed).randn(1, z_dim)}.
 *
 * <p>For an int seed numpy's legacy seeding is MT19937 {@code init_genrand} (checked against numpy's
 * get_state(): key equal, pos 624, no cached gauss), not {@code init_by_array}. Doubles take 53 bits from two
 * outputs; normals use the polar Box-Muller method, which yields two values and caches the second.
 *
 * <p>Bitwise equal to numpy except where glibc's log (error bound 0.519 ulp) rounds the other way from Java's
 * Math.log: then one Gaussian pair differs by 1 ulp (2 of 512 values for seeds 42 and 123456789; the true
 * log, checked in 60-digit decimal, favours Java). Matching that would mean porting glibc's table-driven log;
 * after the cast to float32 that z gets, the difference almost never survives. Not thread-safe.
 */
public final class NumpyRandom {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER = 0x80000000;
    private static final int LOWER = 0x7fffffff;
    public static final long MAX_SEED = 0xffffffffL;

    private final int[] mt = new int[N];
    private int pos;
    private boolean hasGauss;
    private double gauss;

    public NumpyRandom(long seed) {
        if (seed < 0 || seed > MAX_SEED) {
            throw new IllegalArgumentException("seed " + seed + " is outside 0.." + MAX_SEED
                    + ", the range numpy's RandomState accepts; pick a seed in range");
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            int prev = mt[i - 1];
            // int arithmetic wraps mod 2^32 exactly as the C uint32 code does
            mt[i] = 1812433253 * (prev ^ (prev >>> 30)) + i;
        }
        pos = N; // numpy twists lazily on the first draw
    }

    /** Next raw 32-bit output, as an unsigned value in 0..2^32-1. */
    public long nextUint32() {
        return Integer.toUnsignedLong(next32());
    }

    private int next32() {
        if (pos >= N) {
            twist();
        }
        int y = mt[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & UPPER) | (mt[(i + 1) % N] & LOWER);
            mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        pos = 0;
    }

    /** Uniform in [0, 1) with 53 random bits, as numpy's random_sample. */
    public double nextDouble() {
        int a = next32() >>> 5;
        int b = next32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** Standard normal, as numpy's legacy gauss (which standard_normal / randn use). */
    public double nextGaussian() {
        if (hasGauss) {
            hasGauss = false;
            double g = gauss;
            gauss = 0.0;
            return g;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * nextDouble() - 1.0;
            x2 = 2.0 * nextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /**
     * The latent the official tools use for a seed: {@code RandomState(seed).randn(1, dim)} cast to float32, so the
     * same weights and seed give the same image here and there.
     */
    public static float[] latent(long seed, int dim) {
        double[] d = new NumpyRandom(seed).randn(dim);
        float[] f = new float[dim];
        for (int i = 0; i < dim; i++) f[i] = (float) d[i];
        return f;
    }

    /** n standard normals, equal to {@code RandomState(seed).randn(n)} (or randn(1, n) flattened). */
    public double[] randn(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("randn count " + n + " is negative; pass n >= 0");
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = nextGaussian();
        }
        return out;
    }

    /**
     * Uniform integer in [0, max], as numpy's {@code random_interval}: the smallest all-ones mask covering max,
     * redrawing 32-bit outputs until the masked value fits (max below 2^32 only, which is all the metrics need).
     */
    public long randomInterval(long max) {
        if (max < 0 || max > MAX_SEED) throw new IllegalArgumentException("random interval bound " + max + " is outside 0.." + MAX_SEED);
        if (max == 0) return 0;
        long mask = max;
        for (int s = 1; s <= 16; s <<= 1) mask |= mask >>> s;
        long v;
        do {
            v = nextUint32() & mask;
        } while (v > max);
        return v;
    }

    /** {@code randint(high)} of the legacy RandomState: one masked 32-bit draw per value (as random_interval). */
    public long randint(long high) {
        if (high <= 0) throw new IllegalArgumentException("randint bound " + high + " must be positive");
        return randomInterval(high - 1);
    }

    /** {@code permutation(n)}: arange(n) shuffled by the legacy Fisher-Yates from the top, swapping x[i] with x[j <= i]. */
    public int[] permutation(int n) {
        int[] x = new int[n];
        for (int i = 0; i < n; i++) x[i] = i;
        for (int i = n - 1; i >= 1; i--) {
            int j = (int) randomInterval(i);
            int t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
        return x;
    }

    /** {@code choice(n, m, replace=False)}, which the legacy RandomState defines as {@code permutation(n)[:m]}. */
    public int[] choiceWithoutReplacement(int n, int m) {
        if (m > n) throw new IllegalArgumentException("cannot choose " + m + " of " + n + " without replacement");
        return java.util.Arrays.copyOf(permutation(n), m);
    }
}

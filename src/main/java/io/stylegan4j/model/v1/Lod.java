package io.stylegan4j.model.v1;

/**
 * The level of detail of progressive growing, split as the official 'recursive' graphs use it: {@code lod = level + t}.
 * {@code level} counts halvings below the full resolution, so the top active block works at
 * {@code resolution / 2^level}; {@code t} in [0, 1] blends toward the next lower resolution (0 = the top block alone).
 * G caps level at R-3 (its 4x4 stage is reached as t = 1 of the 8x8 blend), D at R-2, with R = log2(resolution).
 */
public record Lod(double value, int level, double t) {

    /** @param maxLevel R-3 for G, R-2 for D (0 for a 4x4 network) */
    static Lod of(double lod, int resolution, int maxLevel) {
        check(lod, resolution);
        int level = Math.min((int) Math.floor(lod), Math.max(maxLevel, 0));
        return new Lod(lod, level, lod - level);
    }

    /** lod ranges over [0, log2(resolution) - 2]: 0 = full resolution, the maximum = 4x4 only. */
    public static void check(double lod, int resolution) {
        int max = maxLod(resolution);
        if (!(lod >= 0 && lod <= max))
            throw new IllegalArgumentException("lod " + lod + " is out of range for a " + resolution + " px network: use 0 (full resolution) to "
                    + max + " (4x4)");
    }

    public static int maxLod(int resolution) {
        return Integer.numberOfTrailingZeros(resolution) - 2;
    }

    /** The resolution of the top active block. */
    public int topResolution(int resolution) {
        return resolution >> level;
    }
}

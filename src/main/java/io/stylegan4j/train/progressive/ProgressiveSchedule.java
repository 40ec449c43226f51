package io.stylegan4j.train.progressive;

import java.util.Map;
import java.util.TreeMap;

/**
 * The progressive-growing schedule of the official {@code training_schedule} (StyleGAN v1 / ProGAN training_loop.py):
 * training starts at {@code initialResolution}; each phase shows {@code lodTrainingKimg} thousand images at a fixed
 * resolution, then fades the next one in over {@code lodTransitionKimg}. Minibatch size, learning rates and the tick
 * length may depend on the current resolution (the dicts; keys are resolutions).
 */
public record ProgressiveSchedule(
        int initialResolution,              // 8 in the official StyleGAN config, 4 in ProGAN's
        double lodTrainingKimg,             // 600 officially
        double lodTransitionKimg,           // 600 officially
        int minibatchBase,
        Map<Integer, Integer> minibatchDict,
        double gLrateBase,                  // 0.001
        Map<Integer, Double> gLrateDict,    // {128: 0.0015, 256: 0.002, 512: 0.003, 1024: 0.003}
        double dLrateBase,
        Map<Integer, Double> dLrateDict,
        double tickKimgBase,
        Map<Integer, Double> tickKimgDict) {

    public ProgressiveSchedule {
        if (initialResolution < 4 || Integer.bitCount(initialResolution) != 1)
            throw new IllegalArgumentException("initial resolution must be a power of two >= 4, got " + initialResolution);
        if (lodTrainingKimg < 0 || lodTransitionKimg < 0) throw new IllegalArgumentException("phase lengths must be >= 0");
        if (minibatchBase < 1) throw new IllegalArgumentException("minibatch must be >= 1");
        minibatchDict = new TreeMap<>(minibatchDict);
        gLrateDict = new TreeMap<>(gLrateDict);
        dLrateDict = new TreeMap<>(dLrateDict);
        tickKimgDict = new TreeMap<>(tickKimgDict);
    }

    /** The training parameters at {@code curNimg} images for a network of {@code resolution}. */
    public record At(double kimg, double lod, int resolution, int minibatch, double gLrate, double dLrate, double tickKimg) {}

    public At at(long curNimg, int resolution) {
        double kimg = curNimg / 1000.0;
        int log2 = Integer.numberOfTrailingZeros(resolution);
        double phaseDur = lodTrainingKimg + lodTransitionKimg;
        long phaseIdx = phaseDur > 0 ? (long) Math.floor(kimg / phaseDur) : 0;
        double phaseKimg = kimg - phaseIdx * phaseDur;
        double lod = log2 - Math.floor(Math.log(initialResolution) / Math.log(2) + 1e-9) - phaseIdx;
        if (lodTransitionKimg > 0) lod -= Math.max(phaseKimg - lodTrainingKimg, 0) / lodTransitionKimg;
        lod = Math.max(lod, 0);
        int res = 1 << (log2 - (int) Math.floor(lod));
        return new At(kimg, lod, res, minibatchDict.getOrDefault(res, minibatchBase), gLrateDict.getOrDefault(res, gLrateBase),
                dLrateDict.getOrDefault(res, dLrateBase), tickKimgDict.getOrDefault(res, tickKimgBase));
    }

    /** The greatest common divisor of every minibatch size the schedule can use: the data loader's unit. */
    public int minibatchUnit() {
        int g = minibatchBase;
        for (int m : minibatchDict.values()) g = gcd(g, m);
        return g;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    public ProgressiveSchedule withPhases(int initialResolution, double trainingKimg, double transitionKimg) {
        return new ProgressiveSchedule(initialResolution, trainingKimg, transitionKimg, minibatchBase, minibatchDict, gLrateBase, gLrateDict,
                dLrateBase, dLrateDict, tickKimgBase, tickKimgDict);
    }

    public ProgressiveSchedule withMinibatch(int base, Map<Integer, Integer> dict) {
        return new ProgressiveSchedule(initialResolution, lodTrainingKimg, lodTransitionKimg, base, dict, gLrateBase, gLrateDict,
                dLrateBase, dLrateDict, tickKimgBase, tickKimgDict);
    }

    public ProgressiveSchedule withLrates(double g, Map<Integer, Double> gDict, double d, Map<Integer, Double> dDict) {
        return new ProgressiveSchedule(initialResolution, lodTrainingKimg, lodTransitionKimg, minibatchBase, minibatchDict, g, gDict, d, dDict,
                tickKimgBase, tickKimgDict);
    }

    public ProgressiveSchedule withTicks(double base, Map<Integer, Double> dict) {
        return new ProgressiveSchedule(initialResolution, lodTrainingKimg, lodTransitionKimg, minibatchBase, minibatchDict, gLrateBase,
                gLrateDict, dLrateBase, dLrateDict, base, dict);
    }
}

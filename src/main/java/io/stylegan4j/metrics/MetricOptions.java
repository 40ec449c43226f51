package io.stylegan4j.metrics;

import java.nio.file.Path;
import org.bytedeco.pytorch.Device;

/**
 * How metrics run (the counterpart of the official {@code MetricOptions}, less the multi-GPU fields).
 *
 * @param detectors  where the detector files are
 * @param device     where G and the detectors run
 * @param seed       seeds torch's and numpy's generators before each metric (the official training loop seeds both)
 * @param num        replaces each metric's nominal count (the 50k of fid50k_full), null = the official counts
 * @param batch      images per detector call
 * @param bf16       detectors under bf16 autocast
 * @param cacheDir   where real-data statistics are cached (null = no cache)
 * @param progress   show progress bars (on stderr, so stdout keeps only the JSON lines)
 * @param classifiers the folder of auxiliary attribute classifiers linear separability ({@code ls}) uses, or null
 */
public record MetricOptions(DetectorFiles detectors, Device device, long seed, Long num, int batch, boolean bf16, Path cacheDir,
                            boolean progress, Path classifiers) {
    public static final int DEFAULT_BATCH = 256;

    /** Without classifiers (every metric but {@code ls}). */
    public MetricOptions(DetectorFiles detectors, Device device, long seed, Long num, int batch, boolean bf16, Path cacheDir,
                         boolean progress) {
        this(detectors, device, seed, num, batch, bf16, cacheDir, progress, null);
    }

    public static MetricOptions defaults(Device device) {
        return new MetricOptions(DetectorFiles.defaults(), device, 0, null, DEFAULT_BATCH, false,
                DetectorFiles.defaultDir().resolve("gan-metrics"), true);
    }

    public MetricOptions withDetectors(DetectorFiles files) {
        return new MetricOptions(files, device, seed, num, batch, bf16, cacheDir, progress, classifiers);
    }

    public MetricOptions withNum(Long n) {
        return new MetricOptions(detectors, device, seed, n, batch, bf16, cacheDir, progress, classifiers);
    }

    public MetricOptions withProgress(boolean on) {
        return new MetricOptions(detectors, device, seed, num, batch, bf16, cacheDir, on, classifiers);
    }

    public MetricOptions withCacheDir(Path dir) {
        return new MetricOptions(detectors, device, seed, num, batch, bf16, dir, progress, classifiers);
    }

    public MetricOptions withClassifiers(Path dir) {
        return new MetricOptions(detectors, device, seed, num, batch, bf16, cacheDir, progress, dir);
    }
}

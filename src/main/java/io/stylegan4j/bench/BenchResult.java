package io.stylegan4j.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One measured line: what was run ({@code generate}, later {@code train}), at which size and dtype, the median
 * throughput, and, where the official code was measured the same way (ENGINE.md), its figure and our ratio to it.
 *
 * @param msPerBatch median wall time of one timed batch
 * @param minMsPerBatch fastest timed batch: closer to the machine's speed when other processes share the cores
 * @param official   the official code's img/s for this case, or null when it was not measured there
 * @param psnrDb     for reduced-precision lines: PSNR of the images against the f32 images, else null
 * @param officialSource where {@code official} came from (a peers file line, or the built-in figure and its machine), or
 *                   why there is none; null when nothing was looked up
 * @param convShare  the share of the time spent in convolutions, where measured (the StyleGAN v1 lines), else null
 */
public record BenchResult(String what, int res, int batch, String dtype, double imgPerS, double msPerBatch, double minMsPerBatch, int reps,
                          Double official, Double psnrDb, String officialSource, Double convShare) {

    /** A line with a built-in official figure, or none. */
    public BenchResult(String what, int res, int batch, String dtype, double imgPerS, double msPerBatch, double minMsPerBatch, int reps,
                       Double official, Double psnrDb) {
        this(what, res, batch, dtype, imgPerS, msPerBatch, minMsPerBatch, reps, official, psnrDb, official == null ? null : OfficialFigures.SOURCE,
                null);
    }

    /** A line with no official figure to compare with, and the share of its time in convolutions. */
    public static BenchResult withConvShare(String what, int res, int batch, String dtype, double imgPerS, double msPerBatch,
                                            double minMsPerBatch, int reps, double convShare) {
        return new BenchResult(what, res, batch, dtype, imgPerS, msPerBatch, minMsPerBatch, reps, null, null, null, convShare);
    }

    /** The same measurement against another official figure (null: none), saying where it came from. */
    public BenchResult withOfficial(Double figure, String source) {
        return new BenchResult(what, res, batch, dtype, imgPerS, msPerBatch, minMsPerBatch, reps, figure, psnrDb, source, convShare);
    }

    public Double ratio() {
        return official == null ? null : imgPerS / official;
    }

    /** The JSON object of one {@code --json} line, keys in a fixed order, absent values left out. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", what);
        m.put("res", res);
        m.put("batch", batch);
        m.put("dtype", dtype);
        m.put("img_per_s", round(imgPerS, 3));
        m.put("ms_per_batch", round(msPerBatch, 1));
        m.put("min_ms_per_batch", round(minMsPerBatch, 1));
        m.put("reps", reps);
        if (what.startsWith("train")) {
            // A training line reads in seconds per iteration (averaged over the lazy schedule), as ENGINE.md reports it.
            m.put("s_per_iter", round(msPerBatch / 1000, 3));
            if (official != null) m.put("official_s_per_iter", round(batch / official, 2));
        } else if (official != null) {
            m.put("official_img_per_s", official);
        }
        if (official != null) m.put("ratio", round(ratio(), 3));
        if (officialSource != null) m.put("official_source", officialSource);
        if (psnrDb != null) m.put("psnr_db", round(psnrDb, 2));
        if (convShare != null) m.put("conv_share", round(convShare, 3));
        return m;
    }

    public String toText() {
        String s = String.format(Locale.ROOT, "%-9s %4dpx batch %-3d %-5s %8.3f img/s  (%.1f ms/batch, median of %d; fastest %.1f)",
                what, res, batch, dtype, imgPerS, msPerBatch, reps, minMsPerBatch);
        if (official != null) s += String.format(Locale.ROOT, "  official %.2f img/s, ratio %.2fx [%s]", official, ratio(), officialSource);
        else if (officialSource != null) s += "  [" + officialSource + "]";
        if (psnrDb != null) s += String.format(Locale.ROOT, "  PSNR vs f32 %.1f dB", psnrDb);
        if (convShare != null) s += String.format(Locale.ROOT, "  %.0f%% of the time in convolutions", 100 * convShare);
        return s;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}

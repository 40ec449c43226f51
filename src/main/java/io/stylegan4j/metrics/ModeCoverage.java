package io.stylegan4j.metrics;

import io.stylegan4j.metrics.DetectorFiles.Kind;
import io.stylegan4j.ops.Tensors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.bytedeco.pytorch.Tensor;

/**
 * Mode coverage measured with the FID detector itself, for small datasets whose own classifier stands in for the
 * Inception (as {@code ../shared/detectors/mnist-cnn.pt} does for digits): the histogram of the classes it predicts
 * for the fakes (precision/recall in its features is {@code MetricRegistry}'s {@code pr10k3_incep}). Neither is an official
 * metric; they answer "are all the digits there, in proportion?", which FID alone does not.
 */
final class ModeCoverage {
    private ModeCoverage() {}

    /** The detector's plain call: class probabilities (the Inception's logits call gives 1008 of them). */
    static final Map<String, Boolean> PROBABILITIES = Map.of();

    /**
     * The share of each predicted class among {@code numGen} fakes, relative to uniform ({@code name_c3} = 1.0 when
     * a tenth of the fakes are 3s for a 10-class detector), with the smallest and largest ratios ({@code name_min},
     * {@code name_max}): 0 for a missing class, 2 for a class drawn twice as often as uniform.
     */
    static Map<String, Double> classes(String name, MetricRun r, long numGen) {
        Tensor probs = r.genStats(Kind.INCEPTION, PROBABILITIES, numGen).all();
        if (probs.dim() != 2) throw new MetricException(name + ": the detector's plain call gave " + probs.dim() + "-d output, not [N, classes]");
        return histogram(name, argmaxCounts(Tensors.toFloats(probs), (int) probs.size(1)));
    }

    static long[] argmaxCounts(float[] rows, int classes) {
        long[] counts = new long[classes];
        for (int i = 0; i < rows.length; i += classes) {
            int best = 0;
            for (int k = 1; k < classes; k++) if (rows[i + k] > rows[i + best]) best = k;
            counts[best]++;
        }
        return counts;
    }

    static Map<String, Double> histogram(String name, long[] counts) {
        return histogram(name, counts, IntStream.range(0, counts.length).mapToObj(k -> "c" + k).toList());
    }

    /** As {@link #histogram(String, long[])}, the classes named {@code name_<label>}. */
    static Map<String, Double> histogram(String name, long[] counts, List<String> labels) {
        long total = 0;
        for (long c : counts) total += c;
        Map<String, Double> out = new LinkedHashMap<>();
        double min = Double.POSITIVE_INFINITY, max = 0;
        for (int k = 0; k < counts.length; k++) {
            double ratio = total == 0 ? 0 : counts[k] * (double) counts.length / total;
            out.put(name + "_" + labels.get(k), ratio);
            min = Math.min(min, ratio);
            max = Math.max(max, ratio);
        }
        out.put(name + "_min", min);
        out.put(name + "_max", max);
        return out;
    }
}

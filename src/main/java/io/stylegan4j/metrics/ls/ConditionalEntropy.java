package io.stylegan4j.metrics.ls;

/**
 * H(Y|X) in bits from a joint table p[x][y] (counts or probabilities), computed as the official metric does:
 * H(Y) - I(X;Y), clamped at 0 because the difference can slip just below it in floating point. For linear
 * separability X is the SVM's prediction and Y the classifier's label: how many bits about the label the
 * hyperplane leaves unexplained.
 */
public final class ConditionalEntropy {
    private ConditionalEntropy() {}

    /** H(Y|X) of the joint table {@code joint[x][y]} (non-negative; normalized here). */
    public static double of(double[][] joint) {
        double[][] p = normalize(joint);
        double[] py = new double[p[0].length];
        for (double[] row : p)
            for (int y = 0; y < row.length; y++) py[y] += row[y];
        return Math.max(0, entropy(py) - mutualInformation(p));
    }

    /** H(Y|X) of predicted vs true binary labels: the 2x2 table of (prediction, target) frequencies. */
    public static double ofPredictions(int[] predicted, int[] target) {
        if (predicted.length != target.length || predicted.length == 0)
            throw new IllegalArgumentException("need equally many predictions and targets, got " + predicted.length + " and " + target.length);
        double[][] counts = new double[2][2];
        for (int i = 0; i < predicted.length; i++) counts[binary(predicted[i])][binary(target[i])]++;
        return of(counts);
    }

    /** Entropy in bits of a distribution (normalized here); 0 log 0 = 0. */
    public static double entropy(double[] p) {
        double total = sum(p), h = 0;
        for (double v : p)
            if (v > 0) h -= v / total * log2(v / total);
        return h;
    }

    /** I(X;Y) in bits of a normalized joint table. */
    static double mutualInformation(double[][] p) {
        double[] px = new double[p.length], py = new double[p[0].length];
        for (int x = 0; x < p.length; x++)
            for (int y = 0; y < py.length; y++) {
                px[x] += p[x][y];
                py[y] += p[x][y];
            }
        double mi = 0;
        for (int x = 0; x < p.length; x++)
            for (int y = 0; y < py.length; y++)
                if (p[x][y] > 0) mi += p[x][y] * log2(p[x][y] / (px[x] * py[y]));
        return mi;
    }

    private static double[][] normalize(double[][] joint) {
        if (joint.length == 0 || joint[0].length == 0) throw new IllegalArgumentException("empty joint table");
        double total = 0;
        for (double[] row : joint) {
            if (row.length != joint[0].length) throw new IllegalArgumentException("joint table rows differ in length");
            for (double v : row) {
                if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException("joint table entries must be finite and >= 0, got " + v);
                total += v;
            }
        }
        if (total <= 0) throw new IllegalArgumentException("joint table sums to 0");
        double[][] p = new double[joint.length][];
        for (int x = 0; x < joint.length; x++) {
            p[x] = new double[joint[x].length];
            for (int y = 0; y < p[x].length; y++) p[x][y] = joint[x][y] / total;
        }
        return p;
    }

    private static int binary(int label) {
        if (label != 0 && label != 1) throw new IllegalArgumentException("labels must be 0 or 1, got " + label);
        return label;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s;
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }
}

package io.stylegan4j.metrics.ls;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.Random;

/**
 * The official metric's {@code sklearn.svm.LinearSVC()} with its defaults, through liblinear-java (the same
 * LIBLINEAR solver scikit-learn wraps): L2-regularized squared hinge loss solved in the dual, C = 1, tolerance
 * 1e-4, at most 1000 iterations, an intercept learned as a regularized constant feature of value 1.
 */
public final class LinearSvm {
    static final double C = 1;
    static final double TOLERANCE = 1e-4;
    static final int MAX_ITERATIONS = 1000;

    static {
        Linear.disableDebugOutput(); // it prints per-solve chatter to stdout, which would break the progress bar
    }

    private LinearSvm() {}

    /**
     * Fits on {@code x} [n][d] with binary {@code y} and returns the predictions on the same points, as the official
     * metric does (the SVM is scored on what it was fitted to). With one class only LinearSVC refuses to fit and
     * the official code takes the targets as the predictions; so does this.
     */
    public static int[] fitPredict(float[][] x, int[] y, long seed) {
        if (x.length != y.length || x.length == 0)
            throw new IllegalArgumentException("need as many labels as points (and at least one), got " + x.length + " and " + y.length);
        boolean oneClass = true;
        for (int v : y) oneClass &= v == y[0];
        if (oneClass) return y.clone();
        int d = x[0].length;
        Feature[][] features = new Feature[x.length][];
        double[] labels = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            features[i] = features(x[i], d);
            labels[i] = y[i];
        }
        Problem p = new Problem();
        p.l = x.length;
        p.n = d + 1; // the bias feature counts
        p.x = features;
        p.y = labels;
        p.bias = 1;
        Parameter param = new Parameter(SolverType.L2R_L2LOSS_SVC_DUAL, C, TOLERANCE);
        param.setMaxIters(MAX_ITERATIONS);
        param.setRandom(new Random(seed)); // the dual solver visits the points in a random order
        Model m = Linear.train(p, param);
        int[] out = new int[x.length];
        for (int i = 0; i < x.length; i++) out[i] = (int) Linear.predict(m, features[i]);
        return out;
    }

    /** Dense row -> liblinear's 1-based sparse nodes, plus the constant 1 at index d + 1 that carries the intercept. */
    private static Feature[] features(float[] row, int d) {
        if (row.length != d) throw new IllegalArgumentException("rows differ in length: " + row.length + " vs " + d);
        Feature[] f = new Feature[d + 1];
        for (int j = 0; j < d; j++) f[j] = new FeatureNode(j + 1, row[j]);
        f[d] = new FeatureNode(d + 1, 1);
        return f;
    }
}

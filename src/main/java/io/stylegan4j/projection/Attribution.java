package io.stylegan4j.projection;

import java.util.Arrays;

/**
 * StyleGAN2 Section 5: an image the generator made projects back almost exactly, a real image does not, so the
 * projection distance attributes images to a generator. These are the numbers of its Figure 10 view.
 */
public final class Attribution {
    private Attribution() {}

    /**
     * How well "distance below a threshold" tells generated from real.
     *
     * @param auc       ROC AUC: the probability that a random generated image has a smaller distance than a random
     *                  real one (ties count half); 0.5 is chance, 1 perfect
     * @param threshold the distance below which an image is called generated that maximizes balanced accuracy
     * @param balancedAccuracy mean of the two classes' hit rates at that threshold
     */
    public record Separation(double auc, double threshold, double balancedAccuracy) {}

    public static Separation separate(double[] generated, double[] real) {
        if (generated.length == 0 || real.length == 0)
            throw new IllegalArgumentException("separation needs at least one generated and one real image");
        return best(auc(generated, real), generated, real);
    }

    /** Mann-Whitney U / (n_gen n_real) with smaller = generated. */
    public static double auc(double[] generated, double[] real) {
        double wins = 0;
        for (double g : generated)
            for (double r : real) wins += g < r ? 1 : g == r ? 0.5 : 0;
        return wins / ((double) generated.length * real.length);
    }

    private static Separation best(double auc, double[] generated, double[] real) {
        double[] all = new double[generated.length + real.length];
        System.arraycopy(generated, 0, all, 0, generated.length);
        System.arraycopy(real, 0, all, generated.length, real.length);
        Arrays.sort(all);
        double bestAcc = -1, bestT = all[0];
        for (int i = 0; i <= all.length; i++) {
            // thresholds between consecutive distinct values (and beyond both ends); "generated" means d < t
            double t = i == 0 ? all[0] : i == all.length ? Math.nextUp(all[all.length - 1]) : (all[i - 1] + all[i]) / 2;
            double acc = 0.5 * (fraction(generated, t, true) + fraction(real, t, false));
            if (acc > bestAcc) { bestAcc = acc; bestT = t; }
        }
        return new Separation(auc, bestT, bestAcc);
    }

    private static double fraction(double[] v, double t, boolean below) {
        int n = 0;
        for (double d : v) if ((d < t) == below) n++;
        return (double) n / v.length;
    }
}

package io.stylegan4j.metrics.ls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinearSvmTest {
    @Test
    void separatesASeparableSetPerfectly() {
        // 400 points in 16-d, labelled by the side of a fixed hyperplane, none closer to it than 0.5
        SplittableRandom rnd = new SplittableRandom(1);
        int n = 400, d = 16;
        float[] normal = new float[d];
        for (int j = 0; j < d; j++) normal[j] = (float) rnd.nextGaussian();
        float[][] x = new float[n][d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double margin;
            do {
                for (int j = 0; j < d; j++) x[i][j] = (float) rnd.nextGaussian();
                margin = dot(x[i], normal) / Math.sqrt(dot(normal, normal)) - 0.3;
            } while (Math.abs(margin) < 0.5);
            y[i] = margin > 0 ? 1 : 0;
        }
        int[] predicted = LinearSvm.fitPredict(x, y, 0);
        assertArrayEquals(y, predicted);
        assertEquals(0, ConditionalEntropy.ofPredictions(predicted, y), 0);
    }

    @Test
    void overlappingSetGivesTheEntropyOfItsLabelNoise() {
        // 1-d, mirror-symmetric: at each x in {1..10}, four points labelled 1 and one labelled 0; at -x the opposite.
        // The symmetric problem puts the hyperplane at 0, so the SVM predicts sign(x) and is wrong on 1 point in 5:
        // the table is [[0.4, 0.1], [0.1, 0.4]] and H(Y|X) = Hb(0.2) = 0.7219280949 bits.
        List<float[]> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (int v = 1; v <= 10; v++)
            for (int k = 0; k < 5; k++) {
                xs.add(new float[] {v});
                ys.add(k < 4 ? 1 : 0);
                xs.add(new float[] {-v});
                ys.add(k < 4 ? 0 : 1);
            }
        float[][] x = xs.toArray(new float[0][]);
        int[] y = ys.stream().mapToInt(Integer::intValue).toArray();
        int[] predicted = LinearSvm.fitPredict(x, y, 0);
        for (int i = 0; i < x.length; i++) assertEquals(x[i][0] > 0 ? 1 : 0, predicted[i], "point " + x[i][0]);
        assertEquals(0.7219280948873623, ConditionalEntropy.ofPredictions(predicted, y), 1e-12);
    }

    @Test
    void predictsWhatScikitLearnsLinearSvcPredicts() throws Exception {
        // 400 noisy points in 8-d with sklearn 1.6.1 LinearSVC(dual=True)'s predictions (a converged fit), made with
        // the official metric's SVM call; liblinear's dual solver should land on the same hyperplane.
        List<float[]> xs = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(
                LinearSvmTest.class.getResourceAsStream("/metrics/ls/svm-parity.csv"), java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("#")) continue;
                String[] f = line.split(",");
                float[] x = new float[8];
                for (int j = 0; j < 8; j++) x[j] = Float.parseFloat(f[j]);
                xs.add(x);
                labels.add(new int[] {Integer.parseInt(f[8]), Integer.parseInt(f[9])});
            }
        }
        assertEquals(400, xs.size());
        int[] y = labels.stream().mapToInt(l -> l[0]).toArray(), sklearn = labels.stream().mapToInt(l -> l[1]).toArray();
        int[] ours = LinearSvm.fitPredict(xs.toArray(new float[0][]), y, 0);
        assertArrayEquals(sklearn, ours);
        // the official conditional_entropy of sklearn's predictions (float32 there)
        assertEquals(0.4920322299003601, ConditionalEntropy.ofPredictions(ours, y), 1e-6);
    }

    @Test
    void oneClassIsPredictedAsItself() {
        int[] y = {1, 1, 1};
        assertArrayEquals(y, LinearSvm.fitPredict(new float[][] {{0}, {1}, {2}}, y, 0));
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}

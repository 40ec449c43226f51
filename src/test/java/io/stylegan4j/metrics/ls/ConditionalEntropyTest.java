package io.stylegan4j.metrics.ls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ConditionalEntropyTest {
    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    /** Binary entropy in bits. */
    private static double hb(double p) {
        return -p * log2(p) - (1 - p) * log2(1 - p);
    }

    @Test
    void handComputedTable() {
        // counts[x][y] = [[3, 1], [2, 4]] (x = SVM prediction, y = label), 10 samples. H(Y|X) = sum_x p(x) H(Y|X=x):
        // x=0 has p 0.4 and Y|x = (3/4, 1/4); x=1 has p 0.6 and Y|x = (1/3, 2/3). So 0.4 Hb(1/4) + 0.6 Hb(1/3)
        // = 0.4 * 0.8112781245 + 0.6 * 0.9182958341 = 0.8754887502. (The official conditional_entropy gives
        // 0.8754888 in float32.)
        assertEquals(0.4 * hb(0.25) + 0.6 * hb(1.0 / 3), 0.8754887502163469, 1e-15);
        assertEquals(0.8754887502163469, ConditionalEntropy.of(new double[][] {{3, 1}, {2, 4}}), 1e-12);
        // the same table as probabilities
        assertEquals(0.8754887502163469, ConditionalEntropy.of(new double[][] {{0.3, 0.1}, {0.2, 0.4}}), 1e-12);
    }

    @Test
    void perfectPredictionLeavesNothingAndIndependenceLeavesAll() {
        assertEquals(0, ConditionalEntropy.of(new double[][] {{5, 0}, {0, 5}}), 0);
        assertEquals(0, ConditionalEntropy.of(new double[][] {{0, 7}, {2, 0}}), 0); // flipped labels are still fully explained
        // X independent of Y: H(Y|X) = H(Y); here Y = (1/4, 3/4) in both rows
        assertEquals(hb(0.25), ConditionalEntropy.of(new double[][] {{1, 3}, {2, 6}}), 1e-12);
    }

    @Test
    void fromPredictions() {
        int[] predicted = {0, 0, 0, 0, 1, 1, 1, 1, 1, 1};
        int[] target = {0, 0, 0, 1, 0, 0, 1, 1, 1, 1};
        // table [[3, 1], [2, 4]] as above
        assertEquals(0.8754887502163469, ConditionalEntropy.ofPredictions(predicted, target), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> ConditionalEntropy.ofPredictions(new int[] {0, 2}, new int[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> ConditionalEntropy.ofPredictions(new int[] {0}, new int[] {0, 1}));
    }

    @Test
    void entropyOfDistribution() {
        assertEquals(1, ConditionalEntropy.entropy(new double[] {1, 1}), 1e-15);
        assertEquals(2, ConditionalEntropy.entropy(new double[] {0.25, 0.25, 0.25, 0.25}), 1e-15);
        assertEquals(0, ConditionalEntropy.entropy(new double[] {0, 3}), 0);
    }
}

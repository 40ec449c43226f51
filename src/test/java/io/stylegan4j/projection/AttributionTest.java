package io.stylegan4j.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AttributionTest {
    @Test
    void aucCountsPairsWhereTheGeneratedImageIsCloser() {
        double[] gen = {0.1, 0.2, 0.5}, real = {0.3, 0.5, 0.9};
        // pairs (g < r): 0.1 beats 3, 0.2 beats 3, 0.5 beats 0.9 and ties 0.5: (3 + 3 + 1 + 0.5) / 9
        assertEquals(7.5 / 9, Attribution.auc(gen, real), 1e-12);
        Attribution.Separation s = Attribution.separate(gen, real);
        assertEquals(s.auc(), Attribution.auc(gen, real), 0);
        // t between 0.2 and 0.3 calls 2 of 3 generated and 3 of 3 real right: (2/3 + 1) / 2
        assertEquals(5.0 / 6, s.balancedAccuracy(), 1e-12);
        assertEquals(0.25, s.threshold(), 1e-12);
        assertEquals(1.0, Attribution.auc(new double[] {0.01}, new double[] {0.2, 0.3}), 0);
    }
}

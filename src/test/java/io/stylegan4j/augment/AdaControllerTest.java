package io.stylegan4j.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The ADA heuristic on synthetic sign signals: direction, step size, interval, the floor at 0. */
class AdaControllerTest {
    /** Batch 32, every 4 batches, 500 kimg per unit: each adjustment moves p by 32 * 4 / 500000. */
    private static final float STEP = (float) (32 * 4 / 500_000.0);

    /** Feeds one minibatch of 32 real logits, {@code positive} of which are > 0 and the rest < 0. */
    private static float batch(AdaController c, long done, float p, int positive) {
        c.report(positive - (32 - positive), 32);
        return c.update(done, p);
    }

    @Test
    void overfittingDRaisesPAndAHealthyOneLowersIt() {
        AdaController c = new AdaController(0.6, 4, 500, 32);
        float p = 0.5f;
        // 30 of 32 positive: E[sign] = 0.875 > 0.6, D is overconfident on reals, so p rises, once per 4 batches.
        for (long k = 1; k <= 3; k++) assertEquals(0.5f, p = batch(c, k, p, 30), "no change between intervals");
        p = batch(c, 4, p, 30);
        assertEquals(0.5f + STEP, p);
        for (long k = 5; k <= 8; k++) p = batch(c, k, p, 30);
        assertEquals(0.5f + STEP + STEP, p);
        // 20 of 32 positive: E[sign] = 0.25 < 0.6, p falls.
        for (long k = 9; k <= 12; k++) p = batch(c, k, p, 20);
        assertEquals(0.5f + STEP + STEP - STEP, p);
    }

    @Test
    void theAverageSpansTheWholeInterval() {
        AdaController c = new AdaController(0.6, 4, 500, 32);
        // Three batches at 0.875 and one at -1: mean 0.40625 < 0.6, so p must fall although most batches were above.
        float p = 0.25f;
        for (long k = 1; k <= 3; k++) p = batch(c, k, p, 30);
        p = batch(c, 4, p, 0);
        assertEquals(0.25f - STEP, p);
    }

    @Test
    void pNeverGoesBelowZeroAndStaysAtTarget() {
        AdaController c = new AdaController(0.6, 4, 500, 32);
        float p = 0;
        for (long k = 1; k <= 8; k++) p = batch(c, k, p, 0);
        assertEquals(0f, p);
        // Exactly on target: 32 positive and 8 negative of 40 logits average to 24 / 40 = 0.6.
        AdaController d = new AdaController(0.6, 1, 500, 40);
        d.report(32 - 8, 40);
        assertEquals(0.3f, d.update(1, 0.3f), "sign(0) = 0: no move when r_t equals the target");
    }
}

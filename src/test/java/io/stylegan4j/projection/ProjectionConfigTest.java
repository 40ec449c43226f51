package io.stylegan4j.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The official schedule, with the expected values worked out by hand from projector.py's formulas (1000 steps). */
class ProjectionConfigTest {
    private final ProjectionConfig cfg = ProjectionConfig.official();

    @Test
    void learningRateRampsUpLinearlyAndDownByAHalfCosine() {
        assertEquals(0.0, cfg.learningRate(0), 1e-15);            // t = 0: ramp-up factor 0
        assertEquals(0.05, cfg.learningRate(25), 1e-12);          // t = 0.025: half way up the 0.05 ramp-up
        assertEquals(0.1, cfg.learningRate(500), 1e-12);          // plateau
        assertEquals(0.05, cfg.learningRate(875), 1e-12);         // (1 - 0.875) / 0.25 = 0.5: 0.5 - 0.5 cos(pi/2) = 0.5
        assertEquals(0.1 * (0.5 - 0.5 * 0.8090169943749475), cfg.learningRate(950), 1e-12); // 0.2: cos(0.2 pi)
    }

    @Test
    void wNoiseDecaysQuadraticallyToZeroAtThreeQuarters() {
        assertEquals(0.05 * 2, cfg.wNoiseScale(0, 2), 1e-15);
        assertEquals(0.25 * 0.05 * 2, cfg.wNoiseScale(375, 2), 1e-15); // 1 - 0.375 / 0.75 = 0.5, squared
        assertEquals(0.0, cfg.wNoiseScale(750, 2), 0);
        assertEquals(0.0, cfg.wNoiseScale(999, 2), 0);
    }

    @Test
    void refusesZeroSteps() {
        assertThrows(IllegalArgumentException.class, () -> cfg.withNumSteps(0));
    }
}

package io.stylegan4j.train.progressive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The official training_schedule arithmetic, on the official FFHQ 1024 px settings. */
class ProgressiveScheduleTest {
    private static final ProgressiveSchedule FFHQ = V1Presets.resolve("sg1-f", "x", 1024, 3, false).schedule();

    @Test
    void lodFollowsThePhases() {
        // Growth from 8x8: lod 7 for the first 600 kimg, then a 600 kimg fade-in to lod 6, and so on.
        assertEquals(7.0, FFHQ.at(0, 1024).lod(), 1e-12);
        assertEquals(7.0, FFHQ.at(599_000, 1024).lod(), 1e-12);
        assertEquals(6.5, FFHQ.at(900_000, 1024).lod(), 1e-12);
        assertEquals(6.0, FFHQ.at(1_200_000, 1024).lod(), 1e-12);
        assertEquals(0.0, FFHQ.at(9_000_000, 1024).lod(), 1e-12);
        assertEquals(0.0, FFHQ.at(20_000_000, 1024).lod(), 1e-12);
    }

    @Test
    void minibatchAndLearningRatePerResolution() {
        ProgressiveSchedule.At a = FFHQ.at(900_000, 1024); // fading 16x16 in: the resolution is already 16
        assertEquals(16, a.resolution());
        assertEquals(128, a.minibatch());
        assertEquals(0.001, a.gLrate(), 0);
        ProgressiveSchedule.At b = FFHQ.at(20_000_000, 1024);
        assertEquals(1024, b.resolution());
        assertEquals(4, b.minibatch());
        assertEquals(0.003, b.dLrate(), 0);
        assertEquals(20.0, b.tickKimg(), 0);
        assertEquals(4, FFHQ.minibatchUnit());
        assertEquals(8, new ProgressiveSchedule(4, 1, 1, 16, Map.of(4, 24, 8, 8), 1, Map.of(), 1, Map.of(), 1, Map.of()).minibatchUnit());
    }
}

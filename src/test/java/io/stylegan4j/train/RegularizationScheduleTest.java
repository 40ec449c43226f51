package io.stylegan4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.ops.Tensors;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/**
 * The official phase schedule: a regularization interval of 0 is Gboth / Dboth (loss and regularizer together, every
 * minibatch); any other interval gives the optimizer the lazy correction, even when the penalty's weight is 0.
 */
class RegularizationScheduleTest {
    private static final StyleGan2Loss.Labels NO_LABELS = new StyleGan2Loss.Labels(null, null);
    private final Device dev = TestSupport.cpu();

    private static TrainingOptions options(int dInterval, int gInterval) {
        TrainingOptions o = TinyRun.options(0.1, 0.1);
        return o.withLoss(o.loss().withRegIntervals(dInterval, gInterval));
    }

    @Test
    void gBothIsGmainPlusPathLengthOnTheSameZWithGainOne() {
        torch.manual_seed(1);
        try (TrainingStep t = new TrainingStep(options(16, 0), dev)) {
            Tensor z = torch.randn(new long[] {8, 16}, Tensors.options(dev));
            Tensor plMean0 = t.loss.plMean().clone();
            t.g.requiresGrad(true);

            Map<String, Double> both = new HashMap<>();
            torch.manual_seed(5);
            t.loss.accumulate(Phase.GBOTH, null, z, NO_LABELS, 1, both);
            Map<String, float[]> a = grads(t);
            t.optG.zeroGrad();
            try (NoGradGuard ng = new NoGradGuard()) {
                t.loss.plMean().copy_(plMean0);
            }

            Map<String, Double> split = new HashMap<>();
            torch.manual_seed(5);
            t.loss.accumulate(Phase.GMAIN, null, z, NO_LABELS, 1, split);
            Map<String, float[]> mainOnly = grads(t);
            t.loss.accumulate(Phase.GREG, null, z, NO_LABELS, 1, split);
            Map<String, float[]> b = grads(t);

            assertEquals(split, both, "the same losses, penalties and pl_mean");
            assertTrue(both.containsKey("Loss/pl_penalty") && both.containsKey("Loss/G/loss"), both.toString());
            for (String k : a.keySet()) assertArrayEquals(b.get(k), a.get(k), k);
            String w = "synthesis.b16.conv1.weight";
            double diff = 0;
            for (int i = 0; i < a.get(w).length; i++) diff = Math.max(diff, Math.abs(a.get(w)[i] - mainOnly.get(w)[i]));
            assertTrue(diff > 1e-6, "path length added to the gradient: " + diff);
        }
    }

    @Test
    void zeroIntervalsRegularizeEveryStepWithoutTheLazyCorrection() {
        TrainingOptions o = options(0, 0);
        torch.manual_seed(1);
        try (TrainingStep t = new TrainingStep(o, dev)) {
            assertEquals(o.gOpt(), t.optG.settings(), "no lr x k/(k+1) without lazy regularization");
            assertEquals(o.dOpt(), t.optD.settings());
            assertEquals(1, t.scheduleLength());
            for (long k = 0; k < 2; k++) {
                Map<String, Double> stats = new LinkedHashMap<>();
                t.run(torch.rand(new long[] {8, 3, 16, 16}, Tensors.options(dev)).mul(Tensors.scalar(2)).sub(Tensors.scalar(1)), k, k * 8, stats);
                assertTrue(stats.containsKey("Loss/pl_penalty") && stats.containsKey("Loss/r1_penalty"), "step " + k + ": " + stats);
            }
            assertEquals(2, t.optG.stepCount(), "one G step per minibatch");
            assertEquals(2, t.optD.stepCount());
        }
    }

    @Test
    void theLazyCorrectionStaysWhenThePenaltyWeightIsZero() {
        TrainingOptions o = options(16, 4);
        o = o.withLoss(o.loss().withPathLength(0, 4).withGamma(0)); // the cpu32 preset has pl_weight 0 with interval 4
        torch.manual_seed(1);
        try (TrainingStep t = new TrainingStep(o, dev)) {
            // training_loop.py: mb_ratio = 4/5, lr * mb_ratio, betas ** mb_ratio
            assertEquals(0.0025 * 4 / 5, t.optG.settings().lr(), 1e-15);
            assertEquals(Math.pow(0.99, 0.8), t.optG.settings().beta2(), 1e-15);
            assertEquals(0.0, t.optG.settings().beta1());
            assertEquals(0.0025 * 16 / 17, t.optD.settings().lr(), 1e-15, "D too, with r1_gamma 0");
            assertEquals(Math.pow(0.99, 16.0 / 17), t.optD.settings().beta2(), 1e-15);
            for (long k = 0; k < 4; k++) {
                Map<String, Double> stats = new LinkedHashMap<>();
                t.run(torch.rand(new long[] {8, 3, 16, 16}, Tensors.options(dev)), k, k * 8, stats);
                assertTrue(!stats.containsKey("Loss/pl_penalty") && !stats.containsKey("Loss/r1_penalty"), stats.toString());
            }
            assertEquals(4, t.optG.stepCount(), "a Greg phase of weight 0 would step Adam with zero gradients; it is left out");
            assertEquals(4, t.optD.stepCount());
        }
    }

    @Test
    void thePresetsForCpuGetTheCorrection() {
        TrainingOptions o = Presets.resolve("cpu32", "builtin", 32, 3);
        assertEquals(0.0, o.loss().plWeight());
        torch.manual_seed(1);
        try (TrainingStep t = new TrainingStep(o, dev)) {
            assertEquals(0.0025 * 4 / 5, t.optG.settings().lr(), 1e-15);
        }
    }

    private static Map<String, float[]> grads(TrainingStep t) {
        Map<String, float[]> out = new LinkedHashMap<>();
        t.g.parameters().forEach((k, p) -> out.put(k, p.grad().defined() ? Tensors.toFloats(p.grad()) : new float[0]));
        return out;
    }
}

package io.stylegan4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.io.SafeTensors;
import io.stylegan4j.ops.Tensors;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossTest {
    /** The non-saturating losses on the fixture's logits: softplus(-real), softplus(fake), softplus(-fake) for G. */
    @Test
    void softplusLossesOnFixtureLogits() {
        TestSupport.cpu();
        SafeTensors io = SafeTensors.read(TestSupport.fixture("sg2-skip-resnet-32").resolve("io.safetensors"));
        float[] real = io.get("d_logits_x").toFloatArray(), fake = io.get("d_logits_img_const").toFloatArray();
        var r = Tensors.fromFloats(real, real.length);
        var f = Tensors.fromFloats(fake, fake.length);
        double dWant = 0, gWant = 0;
        for (int i = 0; i < real.length; i++) {
            dWant += Math.log1p(Math.exp(-real[i])) + Math.log1p(Math.exp(fake[i]));
            gWant += Math.log1p(Math.exp(-fake[i]));
        }
        assertEquals(dWant / real.length, Tensors.item(torch.softplus(r.neg()).mean().add(torch.softplus(f).mean())), 1e-6);
        assertEquals(gWant / real.length, Tensors.item(torch.softplus(f.neg()).mean()), 1e-6);
    }

    /** StyleGAN 1's CelebA-HQ loss: Wasserstein with gradient penalty on interpolates and epsilon drift, no lazy R1. */
    @Test
    void wganGpRunsItsPenaltyEveryStepAndNoR1(@TempDir Path tmp) {
        var dev = TestSupport.cpu();
        TrainingOptions o = TinyRun.options(0.032, 0.032);
        o = o.withLoss(o.loss().withKind(LossConfig.Kind.WGAN_GP));
        java.util.Map<Long, java.util.Map<String, Double>> steps = new java.util.TreeMap<>();
        new TrainingLoop(o, tmp, TinyRun.data(), dev, new PrintStream(OutputStream.nullOutputStream())).listener(steps::put).run(null);
        assertEquals(4, steps.size());
        for (var s : steps.values()) {
            assertTrue(s.containsKey("Loss/wgan_gp") && s.get("Loss/wgan_gp") >= 0, s.toString());
            assertTrue(!s.containsKey("Loss/r1_penalty"), "no R1 with WGAN-GP");
            assertTrue(Double.isFinite(s.get("Loss/G/loss")) && Double.isFinite(s.get("Loss/D/loss")));
            // D's loss is E[D(fake)] - E[D(real)] (the drift and gradient penalties are reported apart).
            assertEquals(s.get("Loss/scores/fake") - s.get("Loss/scores/real"), s.get("Loss/D/loss"), 1e-5, "WGAN D loss");
        }
    }

    @Test
    void aDivergingRunStopsWithTheStepAndTheSnapshot(@TempDir Path tmp) {
        var dev = TestSupport.cpu();
        TrainingOptions o = TinyRun.options(0.4, 0.016);
        Adam.Settings crazy = new Adam.Settings(1e12, 0, 0.99, 1e-8);
        TrainingOptions bad = o.withOptimizers(crazy, crazy);
        var e = assertThrows(TrainingLoop.DivergedException.class,
                () -> new TrainingLoop(bad, tmp, TinyRun.data(), dev, new PrintStream(OutputStream.nullOutputStream())).run(null));
        assertTrue(e.getMessage().matches("(?s).*(NaN|Infinity) at step \\d+.*snapshot.*"), e.getMessage());
    }
}

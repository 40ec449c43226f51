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

    @Test
    void aDivergingRunStopsWithTheStepAndTheSnapshot(@TempDir Path tmp) {
        var dev = TestSupport.cpu();
        TrainingOptions o = TinyRun.options(0.4, 0.016);
        Adam.Settings crazy = new Adam.Settings(1e12, 0, 0.99, 1e-8);
        TrainingOptions bad = new TrainingOptions(o.cfg(), o.data(), o.g(), o.d(), o.loss(), crazy, crazy, o.batch(), o.kimg(),
                o.kimgPerTick(), o.snapTicks(), o.keepSnapshots(), o.emaKimg(), o.emaRampup(), o.mirror(), o.seed());
        var e = assertThrows(TrainingLoop.DivergedException.class,
                () -> new TrainingLoop(bad, tmp, TinyRun.data(), dev, new PrintStream(OutputStream.nullOutputStream())).run(null));
        assertTrue(e.getMessage().matches("(?s).*(NaN|Infinity) at step \\d+.*snapshot.*"), e.getMessage());
    }
}

package io.stylegan4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.augment.AugmentPipe;
import io.stylegan4j.augment.AugmentSpec;
import io.stylegan4j.augment.Augmentation;
import io.stylegan4j.model.Discriminator;
import io.stylegan4j.model.Generator;
import io.stylegan4j.nn.Module;
import io.stylegan4j.ops.Tensors;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** The loss with D behind the augmentation: G's gradient passes through it, and R1 differentiates through it twice. */
class AugmentedLossTest {
    private static final Device CPU = TestSupport.cpu();

    /** Runs one phase on a fresh tiny G and D (seeded alike) with the pipe at {@code p}; returns stats and grad norms. */
    private static Map<String, Double> phase(Phase phase, float p) {
        return phase(phase, Augmentation.fixed(new AugmentPipe(AugmentSpec.named("bgc"), p, CPU)));
    }

    private static Map<String, Double> phase(Phase phase, Augmentation aug) {
        TrainingOptions o = TinyRun.options(0.008, 0.008);
        torch.manual_seed(11);
        Map<String, Double> out = new HashMap<>();
        try (PointerScope scope = new PointerScope();
             Generator g = new Generator(o.g(), CPU);
             Discriminator d = new Discriminator(o.d(), CPU);
             StyleGan2Loss loss = new StyleGan2Loss(g, d, o.loss().withStyleMixing(0), aug)) {
            Tensor reals = torch.rand(new long[] {8, 3, 16, 16}, Tensors.options(CPU)).mul(Tensors.scalar(2)).sub(Tensors.scalar(1));
            Tensor z = torch.randn(new long[] {8, o.g().zDim()}, Tensors.options(CPU));
            Module trained = phase == Phase.GMAIN ? g : d;
            g.requiresGrad(false);
            d.requiresGrad(false);
            trained.requiresGrad(true);
            loss.accumulate(phase, reals, z, new StyleGan2Loss.Labels(null, null), 1, out);
            double sq = 0;
            for (Tensor t : trained.parameters().values()) if (t.grad().defined()) sq += Tensors.item(t.grad().square().sum());
            out.put("grad_norm", Math.sqrt(sq));
        }
        return out;
    }

    @Test
    void generatorGradientPassesThroughTheAugmentation() {
        Map<String, Double> plain = phase(Phase.GMAIN, 0), augmented = phase(Phase.GMAIN, 1);
        double a = augmented.get("grad_norm"), b = plain.get("grad_norm");
        assertTrue(Double.isFinite(a) && a > 1e-4, "G receives a gradient through the augmented D: " + a);
        // At p = 1 every image is rotated, scaled, recoloured: D judges other images, so G's gradient differs.
        assertTrue(Math.abs(a - b) > 1e-3 * b, "augmented " + a + " vs plain " + b);
    }

    /**
     * At p = 0 the pipe only resamples through its orthogonal wavelet (pad, upsample, identity grid, downsample),
     * which reconstructs the image: D's scores equal the plain ones to float rounding.
     */
    @Test
    void atPZeroTheScoresAreThePlainOnes() {
        Map<String, Double> a = phase(Phase.DMAIN, 0);
        assertTrue(a.get("grad_norm") > 0);
        Map<String, Double> plain = phase(Phase.DMAIN, Augmentation.none());
        assertEquals(plain.get("Loss/scores/real"), a.get("Loss/scores/real"), 1e-5);
        assertEquals(plain.get("Loss/scores/fake"), a.get("Loss/scores/fake"), 1e-5);
    }

    @Test
    void r1BackpropagatesThroughTheAugmentation() {
        Map<String, Double> s = phase(Phase.DREG, 1);
        assertTrue(Double.isFinite(s.get("Loss/r1_penalty")) && s.get("Loss/r1_penalty") > 0, "R1 " + s);
        assertTrue(Double.isFinite(s.get("grad_norm")) && s.get("grad_norm") > 0, "D receives R1's second-order gradient");
    }
}

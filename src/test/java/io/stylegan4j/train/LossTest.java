package io.stylegan4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.checkpoint.OfficialKwargs;
import io.stylegan4j.checkpoint.StateDicts;
import io.stylegan4j.model.Discriminator;
import io.stylegan4j.model.Generator;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.parity.FixtureFolder;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossTest {
    /**
     * StyleGan2Loss's phases on the fixture's G and D (eval mode, CONST noise, no style mixing): G then draws
     * img_const, so what Gmain and Dmain report are the non-saturating losses of the fixture's logits
     * (d_logits_img_const for fakes, d_logits_x for reals), and Dreg reports the fixture's R1.
     */
    @Test
    void phasesOnFixtureWeightsReportTheFixtureLogitsLosses() {
        FixtureFolder fx = new FixtureFolder(TestSupport.fixture("sg2-skip-resnet-32"), TestSupport.cpu());
        Generator g = new Generator(OfficialKwargs.generator(fx.config().path("G_kwargs")), fx.device());
        g.load(StateDicts.read(fx.g(), "", fx.device()), "G.safetensors");
        Discriminator d = new Discriminator(OfficialKwargs.discriminator(fx.config().path("D_kwargs")), fx.device());
        d.load(StateDicts.read(fx.d(), "", fx.device()), "D.safetensors");
        g.train(false);
        d.train(false);
        double gamma = 2;
        LossConfig cfg = LossConfig.stylegan2(gamma).withStyleMixing(0);
        Map<String, Double> stats = new HashMap<>();
        try (StyleGan2Loss loss = new StyleGan2Loss(g, d, cfg, Generator.Options.DEFAULT.withNoise(Noise.CONST))) {
            Tensor z = FixtureFolder.tensor(fx.io(), "z", fx.device()), x = FixtureFolder.tensor(fx.io(), "x", fx.device());
            StyleGan2Loss.Labels none = new StyleGan2Loss.Labels(null, null);
            for (Phase p : new Phase[] {Phase.GMAIN, Phase.DMAIN, Phase.DREG}) loss.accumulate(p, x, z, none, 1, stats);
        }
        float[] real = FixtureFolder.floats(fx.io(), "d_logits_x"), fake = FixtureFolder.floats(fx.io(), "d_logits_img_const");
        float[] r1 = FixtureFolder.floats(fx.io(), "r1");
        double gLoss = 0, dFake = 0, dReal = 0, scoreReal = 0, scoreFake = 0, r1Mean = 0;
        for (int i = 0; i < real.length; i++) {
            gLoss += softplus(-fake[i]) / real.length;
            dFake += softplus(fake[i]) / real.length;
            dReal += softplus(-real[i]) / real.length;
            scoreReal += real[i] / (double) real.length;
            scoreFake += fake[i] / (double) real.length;
            r1Mean += r1[i] / (double) real.length;
        }
        // Logits of magnitude 1 computed from an image that matches to 1e-5: 1e-5 absolute.
        assertEquals(gLoss, stats.get("Loss/G/loss"), 1e-5);
        assertEquals(dFake + dReal, stats.get("Loss/D/loss"), 1e-5);
        assertEquals(scoreReal, stats.get("Loss/scores/real"), 1e-5);
        assertEquals(scoreFake, stats.get("Loss/scores/fake"), 1e-5);
        assertEquals(r1Mean, stats.get("Loss/r1_penalty"), 1e-4 * r1Mean);
        assertEquals(gamma / 2 * r1Mean, stats.get("Loss/D/reg"), 1e-4 * r1Mean);
    }

    private static double softplus(double v) {
        return Math.log1p(Math.exp(v));
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

package io.stylegan4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.model.Discriminator;
import io.stylegan4j.model.DiscriminatorConfig;
import io.stylegan4j.model.Generator;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.ops.Tensors;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PacGAN packing (--pack): D judges consecutive pairs of images stacked along the channels. */
class PackingTest {
    /**
     * What the loss reports with pack 2 equals D run by hand on reals packed by hand (image 2i's channels, then image
     * 2i+1's): the real scores, and R1 as the squared gradient norm over each whole packed input.
     */
    @Test
    void theLossJudgesPairsStackedAlongTheChannels() {
        var dev = TestSupport.cpu();
        torch.manual_seed(3);
        TrainingOptions o = TinyRun.options(1, 1).withPack(2);
        assertEquals(6, o.d().imgChannels());
        Generator g = new Generator(o.g(), dev);
        Discriminator d = new Discriminator(o.d(), dev);
        g.train(false);
        d.train(false);
        Tensor x = torch.randn(new long[] {4, 3, 16, 16}), z = torch.randn(new long[] {4, 16});
        Map<String, Double> stats = new HashMap<>();
        try (StyleGan2Loss loss = new StyleGan2Loss(g, d, o.loss().withStyleMixing(0), Generator.Options.DEFAULT.withNoise(Noise.CONST))) {
            StyleGan2Loss.Labels none = new StyleGan2Loss.Labels(null, null);
            loss.accumulate(Phase.DMAIN, x, z, none, 1, stats);
            loss.accumulate(Phase.DREG, x, z, none, 1, stats);
        }
        Tensor pairs = torch.cat(new org.bytedeco.pytorch.TensorVector(
                torch.cat(new org.bytedeco.pytorch.TensorVector(x.narrow(0, 0, 1), x.narrow(0, 1, 1)), 1),
                torch.cat(new org.bytedeco.pytorch.TensorVector(x.narrow(0, 2, 1), x.narrow(0, 3, 1)), 1)), 0);
        Regularizers.R1 byHand = Regularizers.r1Penalty(d, pairs);
        assertEquals(2, byHand.logits().size(0), "one logit per pair");
        assertEquals(Tensors.item(byHand.penalty().mean()), stats.get("Loss/r1_penalty"), 1e-5 * Tensors.item(byHand.penalty().mean()));
        assertEquals(Tensors.item(byHand.logits().mean()), stats.get("Loss/scores/real"), 1e-6);
    }

    @Test
    void aPackedRunTrainsAndRefusesWhatCannotBePacked(@TempDir Path tmp) {
        Map<Long, Map<String, Double>> steps = new TreeMap<>();
        new TrainingLoop(TinyRun.options(0.032, 0.032).withPack(2), tmp, TinyRun.data(), TestSupport.cpu(),
                new PrintStream(OutputStream.nullOutputStream())).listener(steps::put).run(null);
        assertEquals(4, steps.size());
        assertTrue(steps.values().stream().allMatch(s -> Double.isFinite(s.get("Loss/D/loss")) && Double.isFinite(s.get("Loss/G/loss"))));
        assertTrue(steps.values().stream().anyMatch(s -> s.containsKey("Loss/r1_penalty")), "lazy R1 ran on packed reals");

        TrainingOptions o = TinyRun.options(1, 1);
        var odd = assertThrows(IllegalArgumentException.class, () -> o.withPack(3));
        assertTrue(odd.getMessage().contains("--batch 8 must be a multiple of --pack 3"), odd.getMessage());
        var wgan = assertThrows(IllegalArgumentException.class, () -> o.loss().withKind(LossConfig.Kind.WGAN_GP).withPack(2));
        assertTrue(wgan.getMessage().contains("not WGAN-GP"), wgan.getMessage());
        DiscriminatorConfig unpacked = o.d();
        var mismatch = assertThrows(IllegalArgumentException.class, () -> o.withLoss(o.loss().withPack(2)));
        assertTrue(mismatch.getMessage().contains("D takes 2 images at once"), mismatch.getMessage());
        assertEquals(3, unpacked.imgChannels());
    }
}

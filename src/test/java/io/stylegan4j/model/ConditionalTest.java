package io.stylegan4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.model.Generator;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.ops.Tensors;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/**
 * Class-conditional G and D (c_dim > 0). No official fixture covers them, so this checks the official parameter
 * layout (G: label embedding concatenated with z; D: an 8-layer label mapping whose output cmap the epilogue
 * projects onto), the projection arithmetic, and that labels steer both networks and receive gradients.
 */
class ConditionalTest {
    private static final Device CPU = TestSupport.cpu();
    private static final int CLASSES = 5;
    private static final Generator.Options CONST = Generator.Options.DEFAULT.withNoise(Noise.CONST);

    private static Tensor oneHot(int... classes) {
        return Tensors.oneHot(classes, CLASSES, CPU);
    }

    @Test
    void generatorEmbedsTheLabelBesideZ() {
        GeneratorConfig cfg = GeneratorConfig.of(8, 1).withLatent(16, 24).withMappingLayers(2).withChannels(64, 8).withCDim(CLASSES);
        Generator g = new Generator(cfg, CPU);
        Map<String, Tensor> sd = g.fullStateDict();
        assertArrayEquals(new long[] {24, CLASSES}, Tensors.shape(sd.get("mapping.embed.weight")));
        assertArrayEquals(new long[] {24, 16 + 24}, Tensors.shape(sd.get("mapping.fc0.weight")), "fc0 reads [z, embed(c)]");
        torch.manual_seed(3);
        Tensor z = torch.randn(new long[] {1, 16}).repeat(2, 1);
        Tensor img = g.generate(z, oneHot(0, 3), CONST);
        assertTrue(Tensors.item(img.narrow(0, 0, 1).sub(img.narrow(0, 1, 1)).abs().max()) > 1e-4, "same z, another class, another image");
        assertThrows(IllegalArgumentException.class, () -> g.generate(z, null, CONST));
    }

    @Test
    void discriminatorProjectsFeaturesOntoTheMappedLabel() {
        DiscriminatorConfig cfg = DiscriminatorConfig.of(8, 1).withChannels(64, 8).withCDim(CLASSES);
        Discriminator d = new Discriminator(cfg, CPU);
        Map<String, Tensor> sd = d.fullStateDict();
        int cmap = cfg.channels(4);
        assertArrayEquals(new long[] {cmap, CLASSES}, Tensors.shape(sd.get("mapping.embed.weight")));
        for (int i = 0; i < DiscriminatorMapping.LAYERS; i++) assertTrue(sd.containsKey("mapping.fc" + i + ".weight"), "fc" + i);
        assertFalse(sd.containsKey("mapping.fc" + DiscriminatorMapping.LAYERS + ".weight"));
        assertFalse(sd.containsKey("mapping.w_avg"), "D's mapping is never truncated");
        assertArrayEquals(new long[] {cmap, cfg.channels(4)}, Tensors.shape(sd.get("b4.out.weight")), "out gives a cmap-wide feature");

        torch.manual_seed(4);
        Tensor img = torch.randn(new long[] {4, 1, 8, 8});
        Tensor c = oneHot(0, 1, 2, 4);
        Tensor logits = d.forward(img, c);
        assertArrayEquals(new long[] {4, 1}, Tensors.shape(logits));
        // The projection is linear in the out layer's bias: adding u to it moves each logit by u . cmap / sqrt(cmap_dim).
        Tensor cmaps = d.labelMapping().forward(c);
        Tensor u = torch.randn(new long[] {cmap});
        Tensor bias = sd.get("b4.out.bias");
        try (var ng = new org.bytedeco.pytorch.NoGradGuard()) {
            bias.add_(u);
        }
        Tensor moved = d.forward(img, c).sub(logits);
        Tensor want = cmaps.mul(u).sum(new long[] {1}, true, new org.bytedeco.pytorch.ScalarTypeOptional()).div(Tensors.scalar(Math.sqrt(cmap)));
        assertTrue(Tensors.item(moved.sub(want).abs().max()) < 1e-5, "logit shift " + Tensors.describe(moved) + " vs " + Tensors.describe(want));

        Tensor other = d.forward(img, oneHot(3, 3, 3, 3));
        assertTrue(Tensors.item(other.sub(d.forward(img, c)).abs().max()) > 1e-6, "the label changes the logit");
        d.forward(img, c).sum().backward();
        for (String k : new String[] {"mapping.embed.weight", "mapping.fc0.weight", "mapping.fc7.weight", "b4.out.weight"})
            assertTrue(Tensors.item(d.parameters().get(k).grad().abs().sum()) > 0, "gradient reaches " + k);
        assertThrows(IllegalArgumentException.class, () -> d.forward(img), "a conditional D needs labels");
        Discriminator plain = new Discriminator(DiscriminatorConfig.of(8, 1).withChannels(64, 8), CPU);
        assertThrows(IllegalArgumentException.class, () -> plain.forward(img, c), "an unconditional D takes none");
        assertEquals(0, plain.fullStateDict().keySet().stream().filter(k -> k.startsWith("mapping.")).count());
    }
}

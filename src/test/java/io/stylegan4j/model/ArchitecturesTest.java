package io.stylegan4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.model.Truncation;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.ops.ConvForm;
import io.stylegan4j.ops.Tensors;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fixture checks skip G and resnet D against the official code; the other architectures are checked here
 * for the official parameter layout, for output shapes, for fused = unfused, and for gradients reaching every
 * parameter.
 */
class ArchitecturesTest {
    private static final Device CPU = TestSupport.cpu();

    @ParameterizedTest
    @CsvSource({"ORIG,1", "SKIP,3", "RESNET,3", "ORIG,3", "RESNET,1"})
    void generator(Architecture arch, int channels) {
        GeneratorConfig cfg = GeneratorConfig.of(16, channels).withLatent(8, 8).withMappingLayers(2).withChannels(64, 8)
                .withArchitecture(arch);
        Generator g = new Generator(cfg, CPU);
        Map<String, Tensor> sd = g.fullStateDict();
        // tRGB per block only for skip; the last block always has one. Residual shortcuts only for resnet.
        assertEquals(arch == Architecture.SKIP, sd.containsKey("synthesis.b8.torgb.weight"));
        assertTrue(sd.containsKey("synthesis.b16.torgb.weight"));
        assertEquals(arch == Architecture.RESNET, sd.containsKey("synthesis.b8.skip.weight"));
        assertEquals(6, cfg.numWs());
        Tensor z = torch.randn(new long[] {2, 8});
        Tensor ws = g.ws(z, null, Truncation.NONE);
        Tensor fused = g.synthesize(ws, Noise.CONST, ConvForm.GROUPED);
        Tensor unfused = g.synthesize(ws, Noise.CONST, ConvForm.SHARED_WEIGHT);
        assertArrayEquals(new long[] {2, channels, 16, 16}, Tensors.shape(fused));
        assertTrue(Tensors.item(fused.sub(unfused).abs().max()) < 1e-4, "grouped and shared-weight formulations agree");
        g.synthesize(ws, Noise.RANDOM, ConvForm.SHARED_WEIGHT).square().sum().backward();
        for (Map.Entry<String, Tensor> e : g.synthesis.parameters().entrySet())
            assertTrue(e.getValue().grad().defined() && Tensors.item(e.getValue().grad().abs().sum()) > 0, "gradient reaches " + e.getKey());
    }

    @ParameterizedTest
    @CsvSource({"ORIG,3,4", "SKIP,1,2", "RESNET,3,0"})
    void discriminator(Architecture arch, int channels, int mbstdGroup) {
        DiscriminatorConfig cfg = DiscriminatorConfig.of(16, channels).withChannels(64, 8).withArchitecture(arch).withMbstd(mbstdGroup, 1);
        Discriminator d = new Discriminator(cfg, CPU);
        Map<String, Tensor> sd = d.fullStateDict();
        assertEquals(arch == Architecture.SKIP, sd.containsKey("b8.fromrgb.weight"));
        assertEquals(arch == Architecture.SKIP, sd.containsKey("b4.fromrgb.weight"));
        assertTrue(sd.containsKey("b16.fromrgb.weight"));
        assertEquals(arch == Architecture.RESNET, sd.containsKey("b16.skip.weight"));
        Tensor logits = d.forward(torch.randn(new long[] {4, channels, 16, 16}));
        assertArrayEquals(new long[] {4, 1}, Tensors.shape(logits));
        logits.sum().backward();
        for (Map.Entry<String, Tensor> e : d.parameters().entrySet()) {
            if (e.getKey().equals("b4.out.bias")) continue; // d(sum of logits)/d(bias) is constant but defined
            assertTrue(e.getValue().grad().defined(), "gradient reaches " + e.getKey());
        }
        assertFalse(Double.isNaN(Tensors.item(logits.sum())));
    }
}

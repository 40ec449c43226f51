package io.stylegan4j.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.io.SafeTensors;
import io.stylegan4j.model.Discriminator;
import io.stylegan4j.model.DiscriminatorConfig;
import io.stylegan4j.model.Generator;
import io.stylegan4j.model.GeneratorConfig;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.ops.Tensors;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Class-conditional models through {@code convert}'s import path (no official fixture has c_dim > 0). */
class ConditionalImportTest {
    private static final Device CPU = TestSupport.cpu();
    private static final int CLASSES = 5;
    private static final Generator.Options CONST = Generator.Options.DEFAULT.withNoise(Noise.CONST);

    private static Tensor oneHot(int... classes) {
        return Tensors.oneHot(classes, CLASSES, CPU);
    }

    /** Weights under the official names plus official kwargs with c_dim > 0 import, and compute what they did. */
    @Test
    void officialConditionalKwargsImport(@TempDir Path tmp) throws Exception {
        torch.manual_seed(6);
        GeneratorConfig gc = GeneratorConfig.of(8, 1).withLatent(16, 16).withMappingLayers(2).withChannels(64, 8).withCDim(CLASSES);
        DiscriminatorConfig dc = DiscriminatorConfig.of(8, 1).withChannels(64, 8).withCDim(CLASSES);
        Generator g = new Generator(gc, CPU);
        Discriminator d = new Discriminator(dc, CPU);
        StateDicts.put(SafeTensors.writer(), "", g.fullStateDict()).write(tmp.resolve("G.safetensors"));
        StateDicts.put(SafeTensors.writer(), "", d.fullStateDict()).write(tmp.resolve("D.safetensors"));
        String kwargs = """
                {"G_kwargs": {"z_dim": 16, "w_dim": 16, "c_dim": %d, "img_resolution": 8, "img_channels": 1,
                              "mapping_kwargs": {"num_layers": 2}, "synthesis_kwargs": {"channel_base": 64, "channel_max": 8}},
                 "D_kwargs": {"c_dim": %d, "img_resolution": 8, "img_channels": 1, "channel_base": 64, "channel_max": 8,
                              "cmap_dim": null, "mapping_kwargs": {}}}""".formatted(CLASSES, CLASSES);
        Files.writeString(tmp.resolve("config.json"), kwargs);
        OfficialImport.Result r = OfficialImport.load(tmp, CPU);
        assertEquals(CLASSES, r.g().cfg.cDim());
        Tensor img = torch.randn(new long[] {2, 1, 8, 8});
        Tensor c = oneHot(1, 4);
        assertEquals(0.0, Tensors.item(r.d().forward(img, c).sub(d.forward(img, c)).abs().max()), 0.0);
        Tensor z = torch.randn(new long[] {2, 16});
        assertEquals(0.0, Tensors.item(r.g().generate(z, c, CONST).sub(g.generate(z, c, CONST)).abs().max()), 0.0);

        Files.writeString(tmp.resolve("config.json"), kwargs.replace("\"mapping_kwargs\": {}}", "\"mapping_kwargs\": {\"num_layers\": 4}}"));
        var e = assertThrows(IllegalArgumentException.class, () -> OfficialImport.load(tmp, CPU));
        assertTrue(e.getMessage().contains("D_kwargs.mapping_kwargs.num_layers"), e.getMessage());
    }
}

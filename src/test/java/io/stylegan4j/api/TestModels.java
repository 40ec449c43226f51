package io.stylegan4j.api;

import io.stylegan4j.TestSupport;
import io.stylegan4j.checkpoint.ModelFile;
import io.stylegan4j.model.Generator;
import io.stylegan4j.model.GeneratorConfig;
import io.stylegan4j.ops.Tensors;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.pytorch.global.torch;

/** Small randomly initialized model files (16 px), written once per test class into its temp folder. */
public final class TestModels {
    private TestModels() {}

    /**
     * A 16 px generator with {@code classes} classes (0 = unconditional), its w_avg moved off zero so truncation
     * visibly changes the ws, and noise strengths of 0.5.
     */
    public static Path tiny(Path dir, int classes) {
        torch.manual_seed(classes + 11);
        GeneratorConfig cfg = GeneratorConfig.of(16, 3).withLatent(16, 16).withMappingLayers(2).withChannels(128, 16);
        if (classes > 0) cfg = cfg.withCDim(classes);
        Generator g = new Generator(cfg, TestSupport.cpu());
        g.mapping.wAvg().copy_(Tensors.fromFloats(new float[] {.5f, -.5f, .3f, .2f, -.1f, .8f, -.6f, .4f, .1f, -.2f, .3f, -.7f, .6f, .2f, -.3f, .05f}, 16));
        // fresh noise strengths are 0 (as the official init); give the noise inputs a visible effect
        g.parameters().forEach((name, t) -> {
            if (name.endsWith("noise_strength")) t.detach().fill_(new org.bytedeco.pytorch.Scalar(0.5));
        });
        Path file = dir.resolve("tiny-" + classes + ".safetensors");
        ModelFile.write(file, g, null, null, ModelFile.Provenance.now("test", "none", 0, Map.of()));
        return file;
    }
}

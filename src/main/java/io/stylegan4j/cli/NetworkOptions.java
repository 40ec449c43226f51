package io.stylegan4j.cli;

import io.stylegan4j.checkpoint.ModelFile;
import io.stylegan4j.checkpoint.V1ModelFile;
import io.stylegan4j.interop.ForeignCheckpoint.Which;
import io.stylegan4j.model.ImageGenerator;
import io.stylegan4j.model.v1.ProgressiveGenerator;
import java.nio.file.Path;
import org.bytedeco.pytorch.Device;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** --network and --outdir (plus --device/--threads) of every command that renders images from a model file. */
final class NetworkOptions {
    @Option(names = "--network", required = true, description = "model file: native (.safetensors), an NVlabs or TF1 network pickle,"
            + " or a rosinality .pt checkpoint")
    Path network;

    @Option(names = "--which", defaultValue = "G_ema", description = "which generator: G_ema (default) or the training copy G")
    Which which;

    @Option(names = "--outdir", required = true, description = "where to write the images")
    Path outdir;

    @Option(names = "--class", description = "class to generate, for a class-conditional model (0 .. classes-1)")
    Integer classIndex;

    @Option(names = "--lod", description = "StyleGAN v1 / ProGAN: level of detail to render at, 0 (full resolution) to log2(res)-2"
            + " (default: the lod stored in the model, where its training stopped)")
    Double lod;

    @Mixin
    EngineOptions engine;

    /** Checks --outdir first, so a typo fails before the model loads, then opens the engine. */
    Device open() {
        Sampling.outdir(outdir);
        return engine.open();
    }

    /**
     * Loads G of any family (StyleGAN2, StyleGAN v1, ProGAN) and checks --class and --lod against it: --class required
     * and in range for a conditional model, refused otherwise; --lod for the progressive families only, in range.
     */
    ImageGenerator load(Device dev) {
        ImageGenerator g;
        if (V1ModelFile.isV1(network)) {
            ProgressiveGenerator p = V1ModelFile.loadGenerator(network, dev);
            if (lod != null) p.setLod(Sampling.finite("--lod", lod));
            g = p;
        } else {
            if (lod != null)
                throw new IllegalArgumentException("--lod is for StyleGAN v1 / ProGAN models (progressive growing); " + network
                        + " is a StyleGAN2 model: drop --lod");
            g = ModelFile.loadGenerator(network, dev, which);
        }
        int classes = g.cDim();
        if (classes > 0 && (classIndex == null || classIndex < 0 || classIndex >= classes))
            throw new IllegalArgumentException(network + " is conditional on " + classes + " classes: pass --class 0.." + (classes - 1)
                    + (classIndex == null ? "" : " (got " + classIndex + ")"));
        if (classes == 0 && classIndex != null)
            throw new IllegalArgumentException(network + " is unconditional: drop --class");
        return g;
    }
}

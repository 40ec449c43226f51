package io.stylegan4j.cli;

import io.stylegan4j.interop.ForeignCheckpoint.Which;
import io.stylegan4j.io.ModelFile;
import io.stylegan4j.model.Generator;
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

    @Mixin
    EngineOptions engine;

    /** Checks --outdir first, so a typo fails before the model loads, then opens the engine. */
    Device open() {
        Sampling.outdir(outdir);
        return engine.open();
    }

    /** Loads G and checks --class against it: required and in range for a conditional model, refused otherwise. */
    Generator load(Device dev) {
        Generator g = ModelFile.loadGenerator(network, dev, which);
        int classes = g.cfg.cDim();
        if (classes > 0 && (classIndex == null || classIndex < 0 || classIndex >= classes))
            throw new IllegalArgumentException(network + " is conditional on " + classes + " classes: pass --class 0.." + (classes - 1)
                    + (classIndex == null ? "" : " (got " + classIndex + ")"));
        if (classes == 0 && classIndex != null)
            throw new IllegalArgumentException(network + " is unconditional: drop --class");
        return g;
    }
}

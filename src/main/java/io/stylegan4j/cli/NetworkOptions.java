package io.stylegan4j.cli;

import io.stylegan4j.io.ModelFile;
import io.stylegan4j.model.Generator;
import java.nio.file.Path;
import org.bytedeco.pytorch.Device;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** --network and --outdir (plus --device/--threads) of every command that renders images from a model file. */
final class NetworkOptions {
    @Option(names = "--network", required = true, description = "native model file (a snapshot or a converted model)")
    Path network;

    @Option(names = "--outdir", required = true, description = "where to write the images")
    Path outdir;

    @Mixin
    EngineOptions engine;

    /** Checks --outdir first, so a typo fails before the model loads, then opens the engine. */
    Device open() {
        Sampling.outdir(outdir);
        return engine.open();
    }

    Generator load(Device dev) {
        return ModelFile.loadGenerator(network, dev);
    }
}

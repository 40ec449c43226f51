package io.stylegan4j.cli;

import io.stylegan4j.nn.NoiseMode;
import picocli.CommandLine.Option;

/** --noise-mode and --batch, shared by the commands that synthesize many images. */
final class RenderOptions {
    @Option(names = "--noise-mode", defaultValue = "const", converter = NoiseModes.class,
            description = "const, random or none (default: ${DEFAULT-VALUE})")
    NoiseMode noise;

    @Option(names = "--batch", defaultValue = "8", description = "images per forward pass (default: ${DEFAULT-VALUE})")
    int batch;
}

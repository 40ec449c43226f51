package io.stylegan4j.cli;

import io.stylegan4j.ops.Engine;
import org.bytedeco.pytorch.Device;
import picocli.CommandLine.Option;

/** --device and --threads, shared by every command that computes. */
public final class EngineOptions {
    @Option(names = "--device", defaultValue = "cpu", description = "cpu, cuda or cuda:N (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--threads", defaultValue = "0", description = "intra-op threads; 0 = one per core (default)")
    int threads;

    public Device open() {
        Engine.init();
        Engine.threads(threads);
        return Engine.device(device);
    }
}

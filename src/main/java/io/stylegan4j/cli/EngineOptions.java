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

    /**
     * For the long-running commands: the launcher script tunes glibc's malloc (keep freed blocks instead of unmapping
     * them, so the kernel does not zero fresh pages every step) and OpenBLAS (no spinning threads beside libtorch's).
     * Both are read from the environment when the process starts, so a JVM started otherwise can only be told.
     */
    static void warnIfUntuned(String command, Device dev) {
        if (!dev.is_cpu() || !System.getProperty("os.name", "").startsWith("Linux")) return;
        if (System.getenv("MALLOC_MMAP_MAX_") == null || System.getenv("OPENBLAS_THREAD_TIMEOUT") == null)
            System.err.println(command + ": warning: native tuning not set, so training steps run about 1.5x slower (64 px);"
                    + " start through ./stylegan4j, or set MALLOC_ARENA_MAX=1 MALLOC_MMAP_MAX_=0"
                    + " MALLOC_TRIM_THRESHOLD_=100000000000 OPENBLAS_THREAD_TIMEOUT=4");
    }
}

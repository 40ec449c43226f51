package io.stylegan4j.ops;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.Context;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch;

/**
 * Loads libtorch once per JVM. Must run before any other class touches a torch type: with an empty
 * JavaCPP cache the first {@code Loader.load(torch.class)} dies with SIGSEGV unless the natives are
 * extracted first (ENGINE.md, "cold-cache crash"), so every entry point calls {@link #init()}.
 */
public final class Engine {
    private static volatile boolean loaded;

    private Engine() {}

    public static synchronized void init() {
        if (loaded) return;
        try {
            // The GPU natives live under linux-x86_64-gpu, chosen with -Dorg.bytedeco.javacpp.platform.extension=-gpu.
            String platform = Loader.getPlatform() + System.getProperty("org.bytedeco.javacpp.platform.extension", "");
            Loader.cacheResources("/org/bytedeco/pytorch/" + platform + "/");
            Loader.cacheResources("/org/bytedeco/openblas/" + Loader.getPlatform() + "/");
        } catch (Exception e) {
            throw new IllegalStateException("cannot extract the libtorch natives to the JavaCPP cache ("
                    + e.getMessage() + "); set -Dorg.bytedeco.javacpp.cachedir to a writable folder", e);
        }
        Loader.load(torch.class);
        loaded = true;
    }

    /**
     * Sets libtorch's intra-op threads and OpenBLAS's pool (libtorch's small GEMMs: mapping, affine layers); 0 keeps
     * the defaults (one per core). torch.set_num_threads alone leaves OpenBLAS at one thread per core, and its workers
     * then wait for a core after every small GEMM on a busy machine: a 32 px projection step took 0.41 s with
     * --threads 1 that way and 0.10 s with OpenBLAS capped too (load average 21 on 2 cores).
     */
    public static void threads(int n) {
        init();
        if (n < 0) throw new IllegalArgumentException("--threads must be >= 0, got " + n);
        if (n > 0) {
            torch.set_num_threads(n);
            org.bytedeco.openblas.global.openblas_full.openblas_set_num_threads(n);
        }
    }

    /** Parses "cpu", "cuda", "cuda:1"; CUDA must actually be there so a typo does not silently run on CPU. */
    public static Device device(String spec) {
        init();
        String s = spec.trim().toLowerCase();
        if (s.equals("cpu")) return new Device("cpu");
        if (s.equals("cuda") || s.matches("cuda:\\d+")) {
            if (!torch.cuda_is_available())
                throw new IllegalArgumentException("--device " + spec + ": no CUDA device is visible to libtorch; use --device cpu"
                        + " or the linux-x86_64-gpu natives");
            // TF32 off, as the official training and metric code sets it (allow_tf32=False): on Ampere and later,
            // cuDNN convolutions default to TF32 (10-bit mantissa), which moved R1/path-length gradients by up to 8%
            // against the fixtures on an H200 and swamped PPL's 1e-4 finite differences.
            Context ctx = torch.globalContext();
            ctx.setAllowTF32CuDNN(false);
            ctx.setAllowTF32CuBLAS(false);
            return new Device(s);
        }
        throw new IllegalArgumentException("--device must be cpu, cuda or cuda:N, got '" + spec + "'");
    }
}

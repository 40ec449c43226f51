package io.stylegan4j.api;

import io.stylegan4j.io.ImageFiles;
import io.stylegan4j.io.Uint8Image;
import io.stylegan4j.model.Generator;
import io.stylegan4j.nn.NoiseMode;
import io.stylegan4j.ops.Engine;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.random.NumpyRandom;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

/**
 * A StyleGAN2 generator to embed in a Java program: load a model file, render images from seeds, z or w, with
 * truncation, class, noise and style mixing.
 *
 * <pre>{@code
 * try (StyleGan gan = StyleGan.load(Path.of("model.safetensors"))) {
 *     BufferedImage img = gan.image(Latent.seed(42), Render.DEFAULT.withPsi(0.7));
 * }
 * }</pre>
 *
 * <p><b>Thread safety.</b> One instance may be shared by any number of threads: the weights are only read, every
 * call keeps its tensors in its own scope, and RANDOM noise is drawn by the call itself from its own {@code noiseSeed}
 * (never from libtorch's process-wide generator), so an image depends on its arguments only, never on which thread
 * renders it or what runs beside it. {@link #close} waits for running calls; calls after it fail with
 * {@link IllegalStateException}.
 *
 * <p><b>Determinism.</b> The same latent and options give the same bytes on every call. A batch
 * ({@link #images}) synthesizes its images in one pass, which can move a few pixels by one level against rendering
 * them one by one (the convolutions sum in a batch-size-dependent order); the ws themselves are mapped one latent
 * at a time, so they never depend on the batch.
 *
 * <p>libtorch computes on one thread per core unless told otherwise ({@code torch.set_num_threads}); model files are
 * the project's safetensors files (training snapshots or {@code stylegan4j convert} output).
 */
public final class StyleGan implements AutoCloseable {
    private static final int BATCH = 8;

    private final Generator g;
    private final Device device;
    private final ReentrantReadWriteLock life = new ReentrantReadWriteLock();
    private boolean closed;

    private StyleGan(Generator g, Device device) {
        this.g = g;
        this.device = device;
    }

    /** Loads the generator (G_ema when the file has it) of a model file onto the CPU. */
    public static StyleGan load(Path modelFile) {
        return load(modelFile, "cpu");
    }

    /**
     * Loads onto {@code device}: {@code cpu}, {@code cuda} or {@code cuda:N}.
     *
     * @throws IllegalArgumentException if the file is missing, not a stylegan4j model, or the device is unknown
     */
    public static StyleGan load(Path modelFile, String device) {
        Engine.init();
        Device dev = Engine.device(device);
        return new StyleGan(ModelCalls.load(modelFile, dev), dev);
    }

    /** Image height and width in pixels. */
    public int resolution() {
        return g.cfg.imgResolution();
    }

    /** 3 (RGB) or 1 (grayscale). */
    public int channels() {
        return g.cfg.imgChannels();
    }

    /** Number of classes of a conditional model; 0 when unconditional. */
    public int classes() {
        return g.cfg.cDim();
    }

    /** Number of per-layer ws: the layer indices of {@link Layers} run 0 .. numWs-1. */
    public int numWs() {
        return g.numWs();
    }

    public int zDim() {
        return g.cfg.zDim();
    }

    public int wDim() {
        return g.cfg.wDim();
    }

    /** The image of {@code seed} with the default options (a conditional model needs {@link #image(Latent, Render)} and a class). */
    public BufferedImage image(long seed) {
        return image(Latent.seed(seed), Render.DEFAULT);
    }

    public BufferedImage image(Latent latent, Render render) {
        return ImageFiles.toBufferedImage(render(List.of(latent), render, 1).get(0));
    }

    /** The image as PNG bytes (for an HTTP response, a database, a file). */
    public byte[] png(Latent latent, Render render) {
        try {
            return ImageFiles.encodePng(render(List.of(latent), render, 1).get(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Renders many latents with one forward pass per {@value #BATCH}. With RANDOM noise, image i gets the noise of
     * {@code noiseSeed + i} and is synthesized alone, so it equals {@code image(latents.get(i), render.withRandomNoise(noiseSeed + i))}.
     */
    public List<BufferedImage> images(List<? extends Latent> latents, Render render) {
        List<BufferedImage> out = new ArrayList<>(latents.size());
        for (Uint8Image u : render(latents, render, BATCH)) out.add(ImageFiles.toBufferedImage(u));
        return out;
    }

    /** The ws the image of {@code latent} is synthesized from, truncated and mixed: numWs * wDim values, layer by layer. */
    public float[] ws(Latent latent, Render render) {
        refuseClassIfUnconditional(render);
        return read(() -> {
            try (PointerScope scope = new PointerScope(); NoGradGuard ng = new NoGradGuard()) {
                return Tensors.toFloats(styles(latent, render));
            }
        });
    }

    /** Waits for running calls, then releases the model's native memory; later calls throw IllegalStateException. Idempotent. */
    @Override
    public void close() {
        life.writeLock().lock();
        try {
            if (!closed) ModelCalls.close(g);
            closed = true;
        } finally {
            life.writeLock().unlock();
        }
    }

    private List<Uint8Image> render(List<? extends Latent> latents, Render render, int batch) {
        refuseClassIfUnconditional(render);
        return read(() -> {
            List<Uint8Image> out = new ArrayList<>(latents.size());
            int step = render.noise() == NoiseMode.RANDOM ? 1 : batch;
            for (int from = 0; from < latents.size(); from += step) {
                int count = Math.min(step, latents.size() - from);
                try (PointerScope scope = new PointerScope(); NoGradGuard ng = new NoGradGuard()) {
                    List<Tensor> parts = new ArrayList<>();
                    for (int i = from; i < from + count; i++) parts.add(styles(latents.get(i), render));
                    Tensor ws = Tensors.cat(parts, 0);
                    out.addAll(toImages(ModelCalls.synthesize(g, ws, render.noise(), render.noiseSeed() + from, device)));
                }
            }
            return out;
        });
    }

    /** ws [1, numWs, wDim] of a latent: mapped with the class, truncated, then mixed. */
    private Tensor styles(Latent latent, Render r) {
        Tensor ws = unmixed(latent, r);
        if (r.mixSource() == null) return ws;
        return ModelCalls.mix(ws, unmixed(r.mixSource(), r), r.mixLayers().indices(numWs()));
    }

    private Tensor unmixed(Latent latent, Render r) {
        if (latent instanceof Latent.Seed s) return mapped(NumpyRandom.latent(s.seed(), zDim()), r);
        if (latent instanceof Latent.Z z) {
            float[] v = floats(z.z());
            if (v.length != zDim()) throw new IllegalArgumentException("z must have z_dim = " + zDim() + " values, got " + v.length);
            return mapped(v, r);
        }
        if (latent instanceof Latent.W w) {
            float[] v = floats(w.w());
            Tensor ws;
            if (v.length == wDim()) ws = Tensors.fromFloats(v, new long[] {1, 1, wDim()}, device).repeat(1, numWs(), 1);
            else if (v.length == numWs() * wDim()) ws = Tensors.fromFloats(v, new long[] {1, numWs(), wDim()}, device);
            else throw new IllegalArgumentException("w must have w_dim = " + wDim() + " or num_ws * w_dim = " + numWs() * wDim()
                        + " values, got " + v.length);
            return ModelCalls.truncate(g, ws, r.psi(), r.cutoff());
        }
        Latent.Lerp l = (Latent.Lerp) latent;
        return unmixed(l.a(), r).lerp(unmixed(l.b(), r), Tensors.scalar(l.t()));
    }

    /** Only seeds and z are mapped, so only they need the class of a conditional model; a w already has one in it. */
    private Tensor mapped(float[] z, Render r) {
        checkClass(r.classIndex());
        Tensor c = classes() == 0 ? null : Tensors.oneHot(new int[] {r.classIndex()}, classes(), device);
        return ModelCalls.map(g, Tensors.fromFloats(z, new long[] {1, zDim()}, device), c, r.psi(), r.cutoff());
    }

    private void refuseClassIfUnconditional(Render r) {
        if (classes() == 0 && r.classIndex() != null) throw new IllegalArgumentException("this model is unconditional: give no class");
    }

    private void checkClass(Integer classIndex) {
        int n = classes();
        if (n > 0 && (classIndex == null || classIndex >= n))
            throw new IllegalArgumentException("this model is conditional on " + n + " classes: pick a class 0.." + (n - 1)
                    + (classIndex == null ? "" : " (got " + classIndex + ")"));
    }

    private static float[] floats(List<Float> v) {
        float[] out = new float[v.size()];
        for (int i = 0; i < out.length; i++) out[i] = v.get(i);
        return out;
    }

    private static List<Uint8Image> toImages(Tensor img) {
        return ImageFiles.toUint8Batch(Tensors.toFloats(img), Tensors.shape(img));
    }

    private <T> T read(java.util.function.Supplier<T> work) {
        life.readLock().lock();
        try {
            if (closed) throw new IllegalStateException("this StyleGan is closed");
            return work.get();
        } finally {
            life.readLock().unlock();
        }
    }
}

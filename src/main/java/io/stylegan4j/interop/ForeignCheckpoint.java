package io.stylegan4j.interop;

import io.stylegan4j.checkpoint.ModelFile;
import io.stylegan4j.model.Discriminator;
import io.stylegan4j.model.DiscriminatorConfig;
import io.stylegan4j.model.Generator;
import io.stylegan4j.model.GeneratorConfig;
import io.stylegan4j.model.Truncation;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.random.NumpyRandom;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

/**
 * A checkpoint of another StyleGAN code base, read and renamed to the official state-dict names: the configs of
 * G (for G_ema and the training copy G) and D, and their tensors. Nothing is built until a network is asked for.
 *
 * @param format  what the file was, in words ("NVlabs stylegan2-ada-pytorch network pickle", ...)
 * @param gEma    G_ema's tensors (the generator to sample from), never null
 * @param g       the training copy G, or null where the file has none
 * @param d       the discriminator's tensors, or null (dConfig null too)
 * @param about   what else the file holds, for {@code info} and provenance (kwargs, training set, augment p, args)
 */
public record ForeignCheckpoint(String format, String source, GeneratorConfig gConfig, Map<String, TensorData> gEma,
                                Map<String, TensorData> g, DiscriminatorConfig dConfig, Map<String, TensorData> d,
                                Map<String, Object> about) {

    /** Seed and count of the latents whose mean stands in for w_avg where a file has none (rosinality's generate.py uses 4096). */
    static final long W_AVG_SEED = 0;
    static final int W_AVG_SAMPLES = 4096;

    public enum Which { G, G_ema }

    /**
     * The official name of the i-th noise input (TF's {@code noise<i>}, rosinality's {@code noise_<i>}): 0 is the 4x4
     * block's conv1, then two per resolution, conv0 (odd i) and conv1 (even i).
     */
    static String noiseConstName(int i) {
        String layer = i == 0 ? "b4.conv1" : "b" + (1 << ((i + 5) / 2)) + (i % 2 == 1 ? ".conv0" : ".conv1");
        return "synthesis." + layer + ".noise_const";
    }

    public boolean hasG() {
        return g != null;
    }

    public boolean hasD() {
        return d != null;
    }

    public Generator generator(Which which, Device device) {
        Map<String, TensorData> t = which == Which.G ? g : gEma;
        if (t == null) throw new InteropException(source + " holds no " + which + " (it has G_ema only); drop --which G");
        Generator gen = new Generator(gConfig, device);
        boolean estimateWAvg = !t.containsKey("mapping.w_avg");
        Map<String, TensorData> all = t;
        if (estimateWAvg) {
            all = new LinkedHashMap<>(t);
            all.put("mapping.w_avg", new TensorData(new long[] {gConfig.wDim()}, new float[gConfig.wDim()]));
        }
        load(gen, all, device, which.name());
        gen.train(false);
        if (estimateWAvg) estimateWAvg(gen, device);
        return gen;
    }

    public Discriminator discriminator(Device device) {
        if (d == null) throw new InteropException(source + " holds no discriminator");
        Discriminator disc = new Discriminator(dConfig, device);
        load(disc, d, device, "D");
        return disc;
    }

    private void load(io.stylegan4j.nn.Module m, Map<String, TensorData> tensors, Device device, String what) {
        try (PointerScope scope = new PointerScope()) {
            Map<String, Tensor> values = new LinkedHashMap<>();
            tensors.forEach((k, v) -> values.put(k, v.toTensor(device)));
            m.load(values, source + " (" + what + ")");
        }
    }

    /** w_avg for truncation where the file has none: the mean W of 4096 latents, as rosinality's mean_latent does. */
    private void estimateWAvg(Generator gen, Device device) {
        try (PointerScope scope = new PointerScope(); NoGradGuard ng = new NoGradGuard()) {
            NumpyRandom rnd = new NumpyRandom(W_AVG_SEED);
            double[] z = rnd.randn(W_AVG_SAMPLES * gConfig.zDim());
            float[] zf = new float[z.length];
            for (int i = 0; i < z.length; i++) zf[i] = (float) z[i];
            Tensor ws = gen.mapping.forward(Tensors.fromFloats(zf, new long[] {W_AVG_SAMPLES, gConfig.zDim()}, device), null, Truncation.NONE, false);
            gen.mapping.wAvg().copy_(ws.select(1, 0).mean(new long[] {0}, false, new org.bytedeco.pytorch.ScalarTypeOptional()));
        }
    }

    /** Writes a native model file (G_ema, G when present, D when present) whose provenance names this file and its format. */
    public void writeNative(Path dest, Device device) {
        Map<String, Object> origin = new LinkedHashMap<>();
        origin.put("imported_from", Path.of(source).toAbsolutePath().toString());
        origin.put("source_format", format);
        origin.put("source_sha256", sha256(Path.of(source)));
        origin.putAll(about);
        ModelFile.write(dest, generator(Which.G_ema, device), g == null ? null : generator(Which.G, device),
                d == null ? null : discriminator(device), ModelFile.Provenance.now(null, null, 0, origin));
    }

    private static String sha256(Path p) {
        try (var in = java.nio.file.Files.newInputStream(p)) {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            throw new InteropException(p + ": cannot hash (" + e.getMessage() + ")");
        }
    }
}

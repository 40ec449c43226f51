package io.stylegan4j.model;

import io.stylegan4j.nn.Module;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.ops.ConvForm;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/**
 * G = synthesis o mapping, and the one way to run it: truncation, style mixing and noise are explicit, immutable
 * arguments (as rosinality's {@code Generator.forward} and the official {@code G(z, c, truncation_psi, ...,
 * noise_mode)}), never hidden state. Submodule names and order match the official state dict.
 *
 * <pre>{@code
 * Generator g = ModelFile.loadGenerator(Path.of("model.safetensors"), device);
 * Tensor z = torch.randn(new long[] {4, g.cfg.zDim()}), z2 = torch.randn(new long[] {4, g.cfg.zDim()});
 * Tensor img = g.generate(z, null, Generator.Options.DEFAULT               // psi 1, no mix, random noise, AUTO form
 *         .withTruncation(new Truncation(0.7, 8))                         // psi 0.7 on ws 0..7
 *         .withMix(StyleMix.latent(z2, StyleMix.crossover(4, g.numWs())))  // ws 4.. from z2
 *         .withNoise(Noise.CONST));                                       // the stored noise realization
 * // Step by step, with explicit per-layer noise that a projector can optimize (gradients reach it):
 * List<Tensor> noise = new ArrayList<>();
 * for (NoiseLayer l : g.noiseLayers())
 *     noise.add(torch.randn(new long[] {l.resolution(), l.resolution()}).requires_grad_(true));
 * Tensor ws = StyleMix.mix(g.ws(z, null, Truncation.NONE), g.ws(z2, null, Truncation.NONE), Set.of(0, 1, 2));
 * Tensor img2 = g.synthesize(ws, Noise.explicit(noise));
 * }</pre>
 */
public final class Generator extends Module implements ImageGenerator {
    public final GeneratorConfig cfg;
    public final SynthesisNetwork synthesis;
    public final MappingNetwork mapping;

    /**
     * How to turn latents into an image; {@link #DEFAULT} is the official {@code G.forward}'s defaults.
     *
     * @param truncation of every ws, the mix's source included (NONE: psi 1)
     * @param mix        layers taken from a second source, or null for none
     * @param noise      RANDOM (fresh per call), CONST (the stored realization), NONE, or explicit tensors
     * @param form       the modulated convs' formulation (AUTO: each layer picks its faster one)
     */
    public record Options(Truncation truncation, StyleMix mix, Noise noise, ConvForm form) {
        public static final Options DEFAULT = new Options(Truncation.NONE, null, Noise.RANDOM, ConvForm.AUTO);

        public Options {
            if (truncation == null || noise == null || form == null)
                throw new IllegalArgumentException("truncation, noise and form must not be null (use Truncation.NONE, Noise.NONE, ConvForm.AUTO)");
        }

        public Options withTruncation(Truncation t) {
            return new Options(t, mix, noise, form);
        }

        public Options withMix(StyleMix m) {
            return new Options(truncation, m, noise, form);
        }

        public Options withNoise(Noise n) {
            return new Options(truncation, mix, n, form);
        }

        public Options withForm(ConvForm f) {
            return new Options(truncation, mix, noise, f);
        }
    }

    /** The image [N, C, res, res] (f32) and the ws [N, numWs, wDim] that made it (mixed and truncated; in the graph). */
    public record Output(Tensor img, Tensor ws) {}

    public Generator(GeneratorConfig cfg, Device device) {
        this.cfg = cfg;
        // The initializers' temporaries (randn before scaling, detached sources) are freed when the scope closes,
        // not whenever the garbage collector runs; every tensor G keeps is retained by the module that holds it.
        try (PointerScope scope = new PointerScope()) {
            this.synthesis = child("synthesis", new SynthesisNetwork(cfg, device));
            this.mapping = child("mapping", new MappingNetwork(cfg, device));
        }
    }

    /** z [N, zDim] (+ one-hot labels c [N, cDim] for a conditional G, else null) -> image and ws. */
    public Output forward(Tensor z, Tensor c, Options o) {
        Tensor ws = ws(z, c, o.truncation());
        if (o.mix() != null) {
            StyleMix m = o.mix();
            Tensor source = m.kind() == StyleMix.Kind.WS ? m.source() : mapping.forward(m.source(), c, o.truncation(), false);
            ws = StyleMix.mix(ws, source, m.layers());
        }
        return new Output(synthesize(ws, o.noise(), o.form()), ws);
    }

    /** As {@link #forward}, the image only. */
    public Tensor generate(Tensor z, Tensor c, Options o) {
        return forward(z, c, o).img();
    }

    /** z -> ws [N, numWs, wDim], truncated; in training mode this also moves the tracked w_avg (as the official mapping). */
    @Override
    public Tensor ws(Tensor z, Tensor c, Truncation truncation) {
        return mapping.forward(z, c, truncation, true);
    }

    /** Truncates given ws toward w_avg (e.g. one mapped w under several psi). */
    @Override
    public Tensor truncate(Tensor ws, Truncation truncation) {
        return mapping.truncate(ws, truncation);
    }

    /** ws [N, numWs, wDim] -> image [N, C, res, res], f32. */
    public Tensor synthesize(Tensor ws, Noise noise, ConvForm form) {
        return synthesis.forward(ws, noise, form);
    }

    @Override
    public Tensor synthesize(Tensor ws, Noise noise) {
        return synthesize(ws, noise, ConvForm.AUTO);
    }

    /** The noise inputs by layer, with their resolutions: the order of explicit {@link Noise} tensors. */
    @Override
    public List<NoiseLayer> noiseLayers() {
        return synthesis.noiseLayers();
    }

    @Override
    public int numWs() {
        return cfg.numWs();
    }

    @Override
    public int zDim() {
        return cfg.zDim();
    }

    @Override
    public int cDim() {
        return cfg.cDim();
    }

    @Override
    public Module module() {
        return this;
    }
}

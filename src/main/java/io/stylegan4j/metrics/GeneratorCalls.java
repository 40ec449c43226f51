package io.stylegan4j.metrics;

import io.stylegan4j.model.Generator;
import io.stylegan4j.model.ImageGenerator;
import io.stylegan4j.model.NoiseLayer;
import io.stylegan4j.model.Truncation;
import io.stylegan4j.model.v1.ProgressiveGenerator;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.ops.ConvForm;
import io.stylegan4j.ops.Tensors;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Every call the metrics make into the generator, in one place, so a change of the generator's API is one edit
 * here. The metric code uses G as the official code does: eval mode, no truncation, w_avg not updated. A StyleGAN2
 * {@link Generator} runs exactly the official metric code's path (the fixtures check it); a StyleGAN v1 or ProGAN
 * generator runs through {@link ImageGenerator} at the lod it was saved with.
 */
public final class GeneratorCalls {
    private final ImageGenerator ig;
    private final Generator g; // the StyleGAN2 model; null for StyleGAN v1 / ProGAN
    private final int resolution, channels;
    private final boolean hasW;

    public GeneratorCalls(Generator g) {
        this(g, g, g.cfg.imgResolution(), g.cfg.imgChannels(), true);
    }

    /** StyleGAN v1 (G_style) or ProGAN (G_paper, which has no W space: its "ws" is z). */
    public GeneratorCalls(ProgressiveGenerator p) {
        this(p, null, p.resolution(), p.numChannels(), !p.family().equals("progan"));
    }

    private GeneratorCalls(ImageGenerator ig, Generator g, int resolution, int channels, boolean hasW) {
        this.ig = ig;
        this.g = g;
        this.resolution = resolution;
        this.channels = channels;
        this.hasW = hasW;
        ig.module().train(false);
    }

    /** The StyleGAN2 model, for the metrics written against it (linear separability); refused for other families. */
    public Generator generator() {
        if (g == null) throw new MetricException("this metric needs a StyleGAN2 model; StyleGAN v1 and ProGAN models support fid, kid, "
                + "pr, classes and ppl");
        return g;
    }

    /** Whether the model has a W space (ProGAN's "ws" are its z). */
    public boolean hasW() {
        return hasW;
    }

    public int zDim() {
        return ig.zDim();
    }

    public int cDim() {
        return ig.cDim();
    }

    public int resolution() {
        return resolution;
    }

    public int channels() {
        return channels;
    }

    /**
     * {@code (G(z, c) * 127.5 + 128).clamp(0, 255).to(uint8)}; the metrics pass {@link Noise#RANDOM} (the official
     * noise_mode 'random'), a replay passes the recorded per-layer noise with {@link Noise#explicit}.
     */
    public Tensor uint8Images(Tensor z, Tensor c, Noise noise) {
        if (g == null) return toUint8(ig.synthesize(ig.ws(z, c, Truncation.NONE), noise));
        return toUint8(g.generate(z, c, Generator.Options.DEFAULT.withNoise(noise)));
    }

    /** The official metrics' conversion: +128 then truncation, i.e. floor(x * 127.5 + 128), not rint. */
    public static Tensor toUint8(Tensor img) {
        return img.mul(Tensors.scalar(127.5)).add(Tensors.scalar(128)).clamp(Tensors.scalarOpt(0), Tensors.scalarOpt(255))
                .to(ScalarType.Byte);
    }

    /** ws [N, numWs, wDim] for z [N, zDim] (c null for an unconditional G), psi 1. */
    public Tensor mapping(Tensor z, Tensor c) {
        return ig.ws(z, c, Truncation.NONE);
    }

    /**
     * Images in [-1, 1] (float32) from ws with the stored per-layer noise buffers (noise_mode 'const'). Grouped
     * (fused) modulated convs, as the official eval-mode G: PPL divides a 1e-4 step's difference by 1e-8, and the
     * shared-weight form's different float32 rounding took one fixture sample 2.3e-2 away (grouped: 7e-3).
     */
    public Tensor synthesisConstNoise(Tensor ws) {
        return g != null ? g.synthesize(ws, Noise.CONST, ConvForm.GROUPED) : ig.synthesize(ws, Noise.CONST);
    }

    /** The per-layer noise inputs in state-dict order (b4.conv1, b8.conv0, b8.conv1, ...) with their stored buffers. */
    public List<NoiseLayer> noiseLayers() {
        return ig.noiseLayers();
    }

    /** Redraws every noise buffer from the global generator, in order, as PPLSampler does with randn_like. */
    public void redrawNoise() {
        for (NoiseLayer l : noiseLayers()) l.buffer().copy_(torch.randn_like(l.buffer()));
    }
}

package io.stylegan4j.metrics;

import io.stylegan4j.model.Generator;
import io.stylegan4j.model.NoiseLayer;
import io.stylegan4j.model.Truncation;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.ops.ConvForm;
import io.stylegan4j.ops.Tensors;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Every call the metrics make into the generator, in one place, so a change of the generator's API is one edit
 * here. The metric code uses G as the official code does: eval mode, no truncation, w_avg not updated.
 */
public final class GeneratorCalls {
    private final Generator g;

    public GeneratorCalls(Generator g) {
        this.g = g;
        g.train(false);
    }

    public Generator generator() {
        return g;
    }

    public int zDim() {
        return g.cfg.zDim();
    }

    public int cDim() {
        return g.cfg.cDim();
    }

    public int resolution() {
        return g.cfg.imgResolution();
    }

    public int channels() {
        return g.cfg.imgChannels();
    }

    /**
     * {@code (G(z, c) * 127.5 + 128).clamp(0, 255).to(uint8)}; the metrics pass {@link Noise#RANDOM} (the official
     * noise_mode 'random'), a replay passes the recorded per-layer noise with {@link Noise#explicit}.
     */
    public Tensor uint8Images(Tensor z, Tensor c, Noise noise) {
        return toUint8(g.generate(z, c, Generator.Options.DEFAULT.withNoise(noise)));
    }

    /** The official metrics' conversion: +128 then truncation, i.e. floor(x * 127.5 + 128), not rint. */
    public static Tensor toUint8(Tensor img) {
        return img.mul(Tensors.scalar(127.5)).add(Tensors.scalar(128)).clamp(Tensors.scalarOpt(0), Tensors.scalarOpt(255))
                .to(ScalarType.Byte);
    }

    /** ws [N, numWs, wDim] for z [N, zDim] (c null for an unconditional G), psi 1. */
    public Tensor mapping(Tensor z, Tensor c) {
        return g.ws(z, c, Truncation.NONE);
    }

    /**
     * Images in [-1, 1] (float32) from ws with the stored per-layer noise buffers (noise_mode 'const'). Grouped
     * (fused) modulated convs, as the official eval-mode G: PPL divides a 1e-4 step's difference by 1e-8, and the
     * shared-weight form's different float32 rounding took one fixture sample 2.3e-2 away (grouped: 7e-3).
     */
    public Tensor synthesisConstNoise(Tensor ws) {
        return g.synthesize(ws, Noise.CONST, ConvForm.GROUPED);
    }

    /** The per-layer noise inputs in state-dict order (b4.conv1, b8.conv0, b8.conv1, ...) with their stored buffers. */
    public List<NoiseLayer> noiseLayers() {
        return g.noiseLayers();
    }

    /** Redraws every noise buffer from the global generator, in order, as PPLSampler does with randn_like. */
    public void redrawNoise() {
        for (NoiseLayer l : noiseLayers()) l.buffer().copy_(torch.randn_like(l.buffer()));
    }
}

package io.stylegan4j.metrics;

import io.stylegan4j.model.Generator;
import io.stylegan4j.nn.NoiseMode;
import io.stylegan4j.ops.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /** {@code (G(z, c) * 127.5 + 128).clamp(0, 255).to(uint8)} with fresh per-layer noise (noise_mode 'random'). */
    public Tensor uint8Images(Tensor z, Tensor c, NoiseMode noise) {
        return toUint8(g.synthesis.forward(mapping(z, c), noise, null));
    }

    /** The official metrics' conversion: +128 then truncation, i.e. floor(x * 127.5 + 128), not rint. */
    public static Tensor toUint8(Tensor img) {
        return img.mul(Tensors.scalar(127.5)).add(Tensors.scalar(128)).clamp(Tensors.scalarOpt(0), Tensors.scalarOpt(255))
                .to(ScalarType.Byte);
    }

    /** ws [N, numWs, wDim] for z [N, zDim] (c null for an unconditional G), psi 1. */
    public Tensor mapping(Tensor z, Tensor c) {
        return g.mapping.forward(z, c, 1, null, false);
    }

    /** Images in [-1, 1] (float32) from ws with the stored per-layer noise buffers (noise_mode 'const'). */
    public Tensor synthesisConstNoise(Tensor ws) {
        return g.synthesis.forward(ws, NoiseMode.CONST, true);
    }

    /** The per-layer {@code noise_const} buffers in state-dict order (b4.conv1, b8.conv0, b8.conv1, ...). */
    public List<Map.Entry<String, Tensor>> noiseBuffers() {
        List<Map.Entry<String, Tensor>> out = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : g.synthesis.buffers().entrySet())
            if (e.getKey().endsWith(".noise_const")) out.add(Map.entry("synthesis." + e.getKey(), e.getValue()));
        return out;
    }

    /** Redraws every noise buffer from the global generator, in order, as PPLSampler does with randn_like. */
    public void redrawNoise() {
        for (Map.Entry<String, Tensor> e : noiseBuffers()) e.getValue().copy_(torch.randn_like(e.getValue()));
    }
}

package io.stylegan4j.model.v1;

import io.stylegan4j.model.NoiseLayer;
import io.stylegan4j.model.Truncation;
import io.stylegan4j.nn.Module;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.nn.TfScope;
import io.stylegan4j.ops.Tensors;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * StyleGAN v1's G_style: {@code G_mapping} then {@code G_synthesis}, with the tracked mean of W
 * ({@code dlatent_avg}), the truncation trick and style mixing as explicit steps. Parameter names are the official
 * TF variable names ({@code G_synthesis/8x8/Conv1/StyleMod/weight}).
 */
public final class StyleGenerator extends TfScope implements ProgressiveGenerator {
    public final StyleGeneratorConfig cfg;
    public final StyleSynthesis synthesis;
    public final StyleMapping mapping;
    private final Tensor lod, dlatentAvg;

    public StyleGenerator(StyleGeneratorConfig cfg, Device d) {
        this.cfg = cfg;
        this.lod = buffer("lod", torch.zeros(new long[] {}, Tensors.options(d)));
        this.dlatentAvg = buffer("dlatent_avg", torch.zeros(new long[] {cfg.dlatentSize()}, Tensors.options(d)));
        this.synthesis = child("G_synthesis", new StyleSynthesis(cfg, d));
        this.mapping = child("G_mapping", new StyleMapping(cfg, d));
    }

    public int numLayers() {
        return cfg.numLayers();
    }

    /** z -> ws [N, numLayers, wDim]: w repeated for every layer (G_mapping's dlatent_broadcast). */
    public Tensor mapToWs(Tensor z) {
        Tensor w = mapping.forward(z);
        return w.unsqueeze(1).expand(w.size(0), cfg.numLayers(), cfg.dlatentSize());
    }

    /**
     * The truncation trick in W: {@code avg + (ws - avg) * coef}, coef = psi on layers below {@code cutoff}, 1 above
     * (every layer goes through the formula, as in G_style). Without a mapping network W is Z, and this truncates Z.
     */
    public Tensor truncate(Tensor ws, double psi, int cutoff) {
        if (psi == 1 || cutoff <= 0) return ws;
        float[] coefs = new float[cfg.numLayers()];
        for (int i = 0; i < coefs.length; i++) coefs[i] = i < cutoff ? (float) psi : 1f;
        Tensor c = Tensors.fromFloats(coefs, new long[] {1, coefs.length, 1}, ws.device());
        return dlatentAvg.add(ws.sub(dlatentAvg).mul(c));
    }

    /** Layers below {@code crossover} from {@code ws}, the rest from {@code ws2} (style mixing, Section 3.1). */
    public Tensor mix(Tensor ws, Tensor ws2, int crossover) {
        int n = cfg.numLayers(), k = Math.max(0, Math.min(crossover, n));
        if (k == n) return ws;
        if (k == 0) return ws2;
        return torch.cat(new TensorVector(ws.narrow(1, 0, k), ws2.narrow(1, k, n - k)), 1);
    }

    /**
     * The crossover of style-mixing regularization in training at {@code lod}, from two uniforms in [0, 1): with
     * probability {@code styleMixingProb} uniform in [1, active layers), else all active layers (no mixing). As
     * G_style, the active layers are {@code numLayers - 2 floor(lod)}; a crossover at or past them changes nothing.
     */
    public int mixingCrossover(double u1, double u2, double lodValue) {
        int cur = cfg.numLayers() - 2 * (int) lodValue;
        if (cfg.styleMixingProb() <= 0 || cur < 2 || u1 >= cfg.styleMixingProb()) return cfg.numLayers();
        return 1 + Math.min(cur - 2, (int) Math.floor(u2 * (cur - 1)));
    }

    /** Training's update of the tracked mean of W: {@code avg = lerp(batch mean, avg, beta)}. */
    public void updateDlatentAvg(Tensor ws) {
        try (NoGradGuard g = new NoGradGuard()) {
            Tensor batch = ws.detach().select(1, 0).mean(new long[] {0}, false, new ScalarTypeOptional());
            dlatentAvg.copy_(batch.add(dlatentAvg.sub(batch).mul(Tensors.scalar(cfg.dlatentAvgBeta()))));
        }
    }

    /** ws -> image at {@code lod}; {@code styles} collects the AdaIN styles when not null. */
    public Tensor synthesize(Tensor ws, double lodValue, Noise noise, List<Tensor> styles) {
        return synthesis.forward(ws, lodValue, noise, styles);
    }

    @Override
    public Tensor synthesize(Tensor ws, Noise noise) {
        return synthesis.forward(ws, lod(), noise, null);
    }

    @Override
    public Tensor ws(Tensor z, Tensor c, Truncation truncation) {
        if (c != null) throw new IllegalArgumentException("StyleGAN v1 models are unconditional: they take no label");
        return truncate(mapToWs(z), truncation);
    }

    @Override
    public Tensor truncate(Tensor ws, Truncation truncation) {
        return truncate(ws, truncation.psi(), truncation.layers(cfg.numLayers()));
    }

    @Override
    public List<NoiseLayer> noiseLayers() {
        return synthesis.noiseLayers();
    }

    @Override
    public int zDim() {
        return cfg.latentSize();
    }

    @Override
    public int numWs() {
        return cfg.numLayers();
    }

    @Override
    public Tensor trainingForward(Tensor z, double lodValue) {
        Tensor ws = mapToWs(z);
        if (cfg.dlatentAvgBeta() < 1) updateDlatentAvg(ws);
        float[] u = Tensors.toFloats(torch.rand(new long[] {2}, Tensors.options(z.device())));
        int crossover = mixingCrossover(u[0], u[1], lodValue);
        if (crossover < cfg.numLayers()) ws = mix(ws, mapToWs(torch.randn_like(z)), crossover);
        return synthesis.forward(ws, lodValue, Noise.RANDOM, null);
    }

    @Override
    public Tensor sample(Tensor z, double lodValue) {
        return synthesis.forward(mapToWs(z), lodValue, Noise.CONST, null);
    }

    @Override
    public String family() {
        return "stylegan1";
    }

    @Override
    public Record config() {
        return cfg;
    }

    @Override
    public int resolution() {
        return cfg.resolution();
    }

    @Override
    public int numChannels() {
        return cfg.numChannels();
    }

    @Override
    public Module module() {
        return this;
    }

    public Tensor dlatentAvg() {
        return dlatentAvg;
    }

    /** The lod stored with the weights (both the G_style and the G_synthesis variable hold it, as officially). */
    @Override
    public double lod() {
        return Tensors.item(lod);
    }

    @Override
    public void setLod(double value) {
        Lod.check(value, cfg.resolution());
        try (NoGradGuard g = new NoGradGuard()) {
            lod.fill_(Tensors.scalar(value));
            synthesis.lodBuffer().fill_(Tensors.scalar(value));
        }
    }
}

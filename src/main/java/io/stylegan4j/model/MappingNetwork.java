package io.stylegan4j.model;

import io.stylegan4j.nn.FullyConnectedLayer;
import io.stylegan4j.nn.Module;
import io.stylegan4j.ops.Activation;
import io.stylegan4j.ops.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * f: Z -> W (StyleGAN Section 2): normalize z to unit second moment, then {@code mappingLayers} equalized dense
 * layers with leaky ReLU at lr x0.01. Tracks the mean of W in training (beta 0.995) for the truncation trick.
 */
public final class MappingNetwork extends Module {
    private final GeneratorConfig cfg;
    private final FullyConnectedLayer embed;
    private final FullyConnectedLayer[] layers;
    private final Tensor wAvg;
    private long wAvgUpdates;

    public MappingNetwork(GeneratorConfig cfg, Device d) {
        this.cfg = cfg;
        int embedFeatures = cfg.cDim() > 0 ? cfg.wDim() : 0;
        this.wAvg = buffer("w_avg", torch.zeros(new long[] {cfg.wDim()}, Tensors.options(d)));
        this.embed = cfg.cDim() > 0 ? child("embed", new FullyConnectedLayer(cfg.cDim(), embedFeatures, Activation.LINEAR, d)) : null;
        this.layers = new FullyConnectedLayer[cfg.mappingLayers()];
        for (int i = 0; i < layers.length; i++) {
            int in = i == 0 ? cfg.zDim() + embedFeatures : cfg.wDim();
            layers[i] = child("fc" + i, new FullyConnectedLayer(in, cfg.wDim(), true, Activation.LRELU, cfg.mappingLrMul(), 0, d));
        }
    }

    /** x / sqrt(mean(x^2) + 1e-8) along dim 1: puts every z on the same sphere before mapping. */
    public static Tensor normalize2ndMoment(Tensor x) {
        return x.mul(x.square().mean(new long[] {1}, true, new ScalarTypeOptional()).add(Tensors.scalar(1e-8)).rsqrt());
    }

    /**
     * [N, zDim] (+ [N, cDim] labels or null) -> ws [N, numWs, wDim], truncated. Prefer {@code Generator#ws}.
     *
     * @param trackWAvg move w_avg toward this batch's mean w when training (false for a style mix's second latent,
     *                  the official {@code skip_w_avg_update})
     */
    public Tensor forward(Tensor z, Tensor c, Truncation truncation, boolean trackWAvg) {
        Tensors.assertShape(z, "MappingNetwork z", -1, cfg.zDim());
        Tensor x = normalize2ndMoment(z);
        if (embed != null) {
            if (c == null) throw new IllegalArgumentException("this generator is conditional (c_dim " + cfg.cDim() + "): pass a label");
            Tensors.assertShape(c, "MappingNetwork c", z.size(0), cfg.cDim());
            x = torch.cat(new TensorVector(x, normalize2ndMoment(embed.forward(c))), 1);
        }
        for (FullyConnectedLayer l : layers) x = l.forward(x);
        if (training && trackWAvg) {
            try (NoGradGuard g = new NoGradGuard()) {
                wAvg.copy_(x.detach().mean(new long[] {0}, false, new ScalarTypeOptional()).lerp(wAvg, Tensors.scalar(cfg.wAvgBeta())));
            }
            wAvgUpdates++;
        }
        x = x.unsqueeze(1).repeat(1, cfg.numWs(), 1);
        return truncate(x, truncation);
    }

    /** The truncation trick in W: w' = w_avg + psi (w - w_avg), on layers [0, cutoff) (all when cutoff is null). */
    public Tensor truncate(Tensor ws, Truncation truncation) {
        int n = cfg.numWs();
        int k = truncation.layers(n);
        if (k == 0) return ws;
        Tensor head = wAvg.lerp(ws.narrow(1, 0, k), Tensors.scalar(truncation.psi()));
        return k == n ? head : torch.cat(new TensorVector(head, ws.narrow(1, k, n - k)), 1);
    }

    public Tensor wAvg() {
        return wAvg;
    }

    /**
     * How many times w_avg has moved: a split training step (train.SplitStep) combines the ranks' moves into the one
     * sequence of the global batch's rounds, and needs to know how many each made.
     */
    public long wAvgUpdates() {
        return wAvgUpdates;
    }
}

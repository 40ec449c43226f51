package io.stylegan4j.model;

import io.stylegan4j.nn.FullyConnectedLayer;
import io.stylegan4j.nn.Module;
import io.stylegan4j.ops.Activation;
import io.stylegan4j.ops.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/**
 * The conditional D's label mapping (the official D builds a {@code MappingNetwork} with z_dim 0): the label is
 * embedded, normalized to unit second moment and passed through {@code layers} dense layers at lr x0.01, giving
 * the vector cmap that the epilogue projects its features onto (Miyato and Koyama's projection discriminator).
 * No w_avg: nothing truncates it.
 */
public final class DiscriminatorMapping extends Module {
    /** The official default of {@code mapping_kwargs.num_layers} when D's mapping is built without overrides. */
    public static final int LAYERS = 8;

    private final int cDim;
    private final FullyConnectedLayer embed;
    private final FullyConnectedLayer[] layers;

    public DiscriminatorMapping(int cDim, int cmapDim, Device d) {
        this.cDim = cDim;
        this.embed = child("embed", new FullyConnectedLayer(cDim, cmapDim, Activation.LINEAR, d));
        this.layers = new FullyConnectedLayer[LAYERS];
        for (int i = 0; i < LAYERS; i++)
            layers[i] = child("fc" + i, new FullyConnectedLayer(cmapDim, cmapDim, true, Activation.LRELU, 0.01, 0, d));
    }

    /** [N, cDim] labels -> cmap [N, cmapDim]. */
    public Tensor forward(Tensor c) {
        Tensors.assertShape(c, "DiscriminatorMapping c", -1, cDim);
        Tensor x = MappingNetwork.normalize2ndMoment(embed.forward(c));
        for (FullyConnectedLayer l : layers) x = l.forward(x);
        return x;
    }
}

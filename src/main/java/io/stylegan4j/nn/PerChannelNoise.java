package io.stylegan4j.nn;

import io.stylegan4j.ops.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * StyleGAN v1's noise input B (Figure 1b): one single-channel noise image per layer, added to every channel with
 * a learned per-channel scale ({@code Noise/weight}, zero at init). StyleGAN2 has one scalar strength instead.
 */
public final class PerChannelNoise extends Module {
    public final int channels;
    private final Tensor weight;

    public PerChannelNoise(int channels, Device d) {
        this.channels = channels;
        this.weight = param("weight", torch.zeros(new long[] {channels}, Tensors.options(d)));
    }

    /** @param noise [N or 1, 1, H, W] */
    public Tensor apply(Tensor x, Tensor noise) {
        return x.add(noise.mul(weight.reshape(1, -1, 1, 1)));
    }

    public Tensor weight() {
        return weight;
    }
}

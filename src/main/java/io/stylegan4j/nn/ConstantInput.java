package io.stylegan4j.nn;

import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The learned constant that the synthesis network starts from instead of a latent input (StyleGAN Section 2,
 * "the input is a learned constant 4x4x512"); rosinality's {@code ConstantInput}. Registered as {@code const} on
 * the 4x4 block that owns it, where the official layout stores it.
 */
public final class ConstantInput {
    private final Tensor value;

    /** Registers the parameter {@code const} [channels, size, size], N(0, 1), on {@code owner}. */
    public ConstantInput(Module owner, int channels, int size, Device d) {
        this.value = owner.param("const", Init.randn(d, channels, size, size));
    }

    /** [batch, channels, size, size]; NHWC memory when {@code channelsLast} (see SynthesisNetwork#setChannelsLast). */
    public Tensor forward(long batch, boolean channelsLast) {
        Tensor x = value.unsqueeze(0).repeat(batch, 1, 1, 1);
        return channelsLast ? x.contiguous(torch.MemoryFormat.ChannelsLast) : x;
    }

    public Tensor value() {
        return value;
    }
}

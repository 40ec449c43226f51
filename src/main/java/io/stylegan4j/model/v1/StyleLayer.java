package io.stylegan4j.model.v1;

import io.stylegan4j.nn.Blur;
import io.stylegan4j.nn.InstanceNorm;
import io.stylegan4j.nn.PerChannelNoise;
import io.stylegan4j.nn.PixelNorm;
import io.stylegan4j.nn.StyleMod;
import io.stylegan4j.nn.TfScope;
import io.stylegan4j.nn.WScaleConv2d;
import io.stylegan4j.nn.WScaleDense;
import io.stylegan4j.ops.Tensors;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * One layer of G_synthesis (a TF scope such as {@code 8x8/Conv0_up}): its input (the learned constant, the
 * traditional dense input, a 3x3 conv, or a 2x upsampling conv followed by the blur), then the official
 * {@code layer_epilogue}: noise with per-channel scales, bias, leaky ReLU, pixel norm and/or instance norm, and
 * AdaIN's style modulation from this layer's w.
 */
final class StyleLayer extends TfScope {
    enum Input { CONST, DENSE, CONV, CONV_UP }

    private final Input input;
    private final StyleGeneratorConfig cfg;
    private final int channels, resolution;
    private final boolean fused;
    private final Tensor constant, bias;
    private final WScaleConv2d conv;
    private final WScaleDense dense;
    private final PerChannelNoise noise;
    private final StyleMod style;
    private final Blur blur;

    StyleLayer(Input input, int in, int channels, int resolution, StyleGeneratorConfig cfg, Device d) {
        this.input = input;
        this.cfg = cfg;
        this.channels = channels;
        this.resolution = resolution;
        this.fused = input == Input.CONV_UP && cfg.fusedScale().fused(resolution);
        this.constant = input == Input.CONST ? param("const", torch.ones(new long[] {1, channels, 4, 4}, Tensors.options(d))) : null;
        this.bias = param("bias", torch.zeros(new long[] {channels}, Tensors.options(d)));
        // The traditional input's gain is sqrt(2)/4, "to match the official implementation of Progressive GAN".
        this.dense = input == Input.DENSE ? child("", new WScaleDense(in, channels * 16, Math.sqrt(2) / 4, 1, false, d)) : null;
        this.conv = input == Input.CONV || input == Input.CONV_UP ? child("", new WScaleConv2d(in, channels, 3, Math.sqrt(2), false, d)) : null;
        this.noise = cfg.useNoise() ? child("Noise", new PerChannelNoise(channels, d)) : null;
        this.style = cfg.useStyles() ? child("StyleMod", new StyleMod(cfg.dlatentSize(), channels, d)) : null;
        this.blur = input == Input.CONV_UP && cfg.blur() ? own(new Blur(d)) : null;
    }

    /**
     * @param x the previous layer's output (ignored by CONST; for DENSE the w it reads, [N, wDim])
     * @param w this layer's w [N, wDim]
     * @param noiseImage [N or 1, 1, res, res], or null for none
     * @param styles collects this layer's AdaIN style [N, 2C] when not null
     */
    Tensor forward(Tensor x, Tensor w, Tensor noiseImage, List<Tensor> styles) {
        switch (input) {
            case CONST -> x = constant.expand(w.size(0), channels, 4, 4);
            case DENSE -> x = dense.matmul(x).reshape(-1, channels, 4, 4);
            case CONV -> x = conv.conv(x);
            case CONV_UP -> {
                x = conv.upConv(x, fused);
                if (blur != null) x = blur.apply(x);
            }
        }
        Tensors.assertShape(x, "StyleLayer output", -1, channels, resolution, resolution);
        if (noise != null && noiseImage != null) x = noise.apply(x, noiseImage);
        x = torch.leaky_relu(x.add(bias.reshape(1, -1, 1, 1)), Tensors.scalar(0.2));
        if (cfg.usePixelNorm()) x = PixelNorm.apply(x);
        if (cfg.useInstanceNorm()) x = InstanceNorm.apply(x);
        if (style != null) {
            Tensor s = style.style(w);
            if (styles != null) styles.add(s);
            x = style.apply(x, s);
        }
        return x;
    }

    PerChannelNoise noise() {
        return noise;
    }
}

package io.stylegan4j.ops;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * StyleGAN2's modulated convolution (Section 2.2): scale the weight's input channels by the style, optionally
 * demodulate each output channel to unit expected norm (eps 1e-8), convolve, add noise.
 *
 * <p>Two formulations compute the same thing: {@link #grouped} builds per-sample weights and runs one grouped
 * convolution (the official "fused" path); {@link #sharedWeight} scales the input by the style, runs one ordinary
 * convolution with the shared weight and scales the output by the demodulation coefficients (the official
 * training path). Which is faster depends on batch, width and dtype (ENGINE.md): callers choose.
 */
public final class ModulatedConv2d {
    private ModulatedConv2d() {}

    public record Spec(int up, int down, int padding, boolean demodulate, boolean flipWeight) {
        public static Spec same3x3() {
            return new Spec(1, 1, 1, true, true);
        }

        public static Spec up3x3() {
            return new Spec(2, 1, 1, true, false);
        }

        public static Spec toRgb() {
            return new Spec(1, 1, 0, false, true);
        }
    }

    /**
     * @param x [N, I, H, W]; @param weight [O, I, k, k]; @param styles [N, I]; @param noise broadcastable to the
     * output or null; @param fused true = grouped per-sample weights, false = shared weight
     */
    public static Tensor modulatedConv2d(Tensor x, Tensor weight, Tensor styles, Tensor noise, Fir f, Spec spec, boolean fused) {
        long n = x.size(0), o = weight.size(0), i = weight.size(1);
        Tensors.assertShape(weight, "modulated conv weight", o, i, -1, -1);
        Tensors.assertShape(x, "modulated conv input", n, i, -1, -1);
        Tensors.assertShape(styles, "modulated conv styles", n, i);
        return fused ? grouped(x, weight, styles, noise, f, spec) : sharedWeight(x, weight, styles, noise, f, spec);
    }

    /**
     * [N, O]: 1 / sqrt(sum over I,k,k of (w * s)^2 + 1e-8), computed as s^2 @ (sum over k,k of w^2)^T: the same sum
     * regrouped (equal up to float rounding), without the [N, O, I, k, k] tensor the literal form builds. At 512
     * channels that tensor is 75 MB per layer and batch of 8, and building it cost more than the 3x3 conv itself
     * at 4x4 to 32x32 (SynthesisProfile, 64 px batch 8 f32: 300-650 ms per layer before, see the bench commit).
     */
    public static Tensor demodCoefficients(Tensor weight, Tensor styles) {
        Tensor wSq = weight.square().sum(new long[] {2, 3}, false, new org.bytedeco.pytorch.ScalarTypeOptional()); // [O, I]
        return styles.square().mm(wSq.t()).add(Tensors.scalar(1e-8)).rsqrt();
    }

    public static Tensor grouped(Tensor x, Tensor weight, Tensor styles, Tensor noise, Fir f, Spec spec) {
        long n = x.size(0), o = weight.size(0), i = weight.size(1), kh = weight.size(2), kw = weight.size(3);
        // Style and demodulation fold into one [N, O, I] factor, so the big [N, O, I, k, k] weight is built once.
        Tensor scale = styles.reshape(n, 1, i);
        if (spec.demodulate()) scale = scale.mul(demodCoefficients(weight, styles).reshape(n, o, 1));
        Tensor w = weight.unsqueeze(0).mul(scale.reshape(n, scale.size(1), i, 1, 1)); // [N O I k k]
        if (kh == 1 && kw == 1 && spec.up() == 1 && spec.down() == 1 && spec.padding() == 0
                && x.is_contiguous(torch.MemoryFormat.ChannelsLast) && !x.is_contiguous()) {
            // NHWC input (channels-last inference): a per-sample 1x1 conv is one batched matmul over the pixels,
            // [N, HW, I] x [N, I, O], read straight from NHWC memory; the grouped conv below would first copy x
            // to NCHW (the reshape), a full pass over the largest activation for a 3-channel output.
            long h = x.size(2), wd = x.size(3);
            Tensor y = x.permute(0, 2, 3, 1).reshape(n, h * wd, i).bmm(w.reshape(n, o, i).transpose(1, 2));
            y = y.reshape(n, h, wd, o).permute(0, 3, 1, 2);
            return noise == null ? y : y.add(noise);
        }
        Tensor xg = x.reshape(1, n * i, x.size(2), x.size(3));
        Tensor y = Conv2dResample.conv2dResample(xg, w.reshape(n * o, i, kh, kw), f, spec.up(), spec.down(),
                spec.padding(), (int) n, spec.flipWeight());
        y = y.reshape(n, o, y.size(2), y.size(3));
        return noise == null ? y : y.add(noise);
    }

    public static Tensor sharedWeight(Tensor x, Tensor weight, Tensor styles, Tensor noise, Fir f, Spec spec) {
        long n = x.size(0), o = weight.size(0), i = weight.size(1);
        Tensor y = x.mul(styles.reshape(n, i, 1, 1));
        y = Conv2dResample.conv2dResample(y, weight, f, spec.up(), spec.down(), spec.padding(), 1, spec.flipWeight());
        if (!y.requires_grad()) { // inference: y is the conv's fresh output, update it in place (same values)
            if (spec.demodulate()) y.mul_(demodCoefficients(weight, styles).reshape(n, o, 1, 1));
            return noise == null ? y : y.add_(noise);
        }
        if (spec.demodulate()) y = y.mul(demodCoefficients(weight, styles).reshape(n, o, 1, 1));
        return noise == null ? y : y.add(noise);
    }
}

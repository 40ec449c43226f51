package io.stylegan4j.nn;

import io.stylegan4j.ops.ConvTimer;
import io.stylegan4j.ops.Resize;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.ops.Winograd;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * The convolution of StyleGAN v1 and ProGAN ({@code conv2d} + {@code apply_bias} of the official TF code, with
 * {@code use_wscale}): the weight is stored as N(0, 1) and multiplied at run time by {@code gain / sqrt(fan_in)}
 * (equalized learning rate; the gain sits in the weight, not after the activation as in StyleGAN2). The weight is
 * held in PyTorch's [out, in, k, k] layout under the official name {@code weight}; TF files hold [k, k, in, out]
 * and are converted at load ({@code io.V1Layouts}). SAME zero padding, cross-correlation as in TF.
 *
 * <p>Bias and activation are separate calls because the official layers put other steps between the conv and its
 * bias (noise in G, the 2x2 average in D).
 */
public final class WScaleConv2d extends Module {
    public final int in, out, kernel;
    private final double coef;
    private final Tensor weight, bias;

    public WScaleConv2d(int in, int out, int kernel, double gain, boolean bias, Device d) {
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.weight = param("weight", torch.randn(new long[] {out, in, kernel, kernel}, Tensors.options(d)));
        this.bias = bias ? param("bias", torch.zeros(new long[] {out}, Tensors.options(d))) : null;
        this.coef = gain / Math.sqrt((double) in * kernel * kernel);
    }

    private Tensor w() {
        return weight.mul(Tensors.scalar(coef));
    }

    public Tensor conv(Tensor x) {
        Tensors.assertShape(x, "WScaleConv2d input", -1, in, -1, -1);
        return conv(x, w(), 1);
    }

    /**
     * 2x upsampling conv ({@code upscale2d_conv2d}). Not fused: nearest x2, then the conv. Fused (official
     * {@code fused_scale}, from 128 px by default): one stride-2 transposed conv whose 4x4 kernel is the 3x3 one summed
     * over the four shifts, exactly as the official TF op. Measured (V1NetworksTest): that equals nearest x2 followed
     * by the conv with the kernel flipped (a true convolution), not the same kernel, because a transposed conv is the
     * adjoint of a cross-correlation; so fused and non-fused layers are different functions of the same weights, and
     * official weights must run with the fused_scale they were trained with.
     */
    public Tensor upConv(Tensor x, boolean fused) {
        Tensors.assertShape(x, "WScaleConv2d input", -1, in, -1, -1);
        if (!fused) return conv(Resize.nearestUp(x, 2), w(), 1);
        Tensor k = shiftSum(w()).transpose(0, 1); // conv_transpose2d wants [in, out, kh, kw]
        Tensor xi = x;
        return ConvTimer.time(ConvTimer.Kind.UP_TRANSPOSED, x, k, () -> torch.conv_transpose2d(xi, k, new TensorOptional(),
                new long[] {2, 2}, new long[] {1, 1}, new long[] {0, 0}, 1, 1, 1));
    }

    /** The conv, then a 2x2 average ({@code conv2d_downscale2d}); fused, a stride-2 conv with the averaged 4x4 kernel. */
    public Tensor convDown(Tensor x, boolean fused) {
        Tensors.assertShape(x, "WScaleConv2d input", -1, in, -1, -1);
        if (!fused) return Resize.averageDown(conv(x, w(), 1), 2);
        return conv(x, shiftSum(w()).mul(Tensors.scalar(0.25)), 2);
    }

    public Tensor addBias(Tensor x) {
        return x.add(bias.reshape(1, -1, 1, 1));
    }

    /** [O, I, 3, 3] -> [O, I, 4, 4]: the sum of the kernel placed at the four 1-pixel shifts. */
    private static Tensor shiftSum(Tensor w) {
        Tensor p = torch.constant_pad_nd(w, 1, 1, 1, 1);
        long k = p.size(2) - 1;
        return p.narrow(2, 1, k).narrow(3, 1, k).add(p.narrow(2, 0, k).narrow(3, 1, k))
                .add(p.narrow(2, 1, k).narrow(3, 0, k)).add(p.narrow(2, 0, k).narrow(3, 0, k));
    }

    private Tensor conv(Tensor x, Tensor w, int stride) {
        long pad = stride == 2 ? 1 : kernel / 2;
        // The wide 3x3 convs go through the same Winograd F(4x4,3x3) as StyleGAN2's (ops/Winograd: where it pays).
        if (stride == 1 && kernel == 3 && Winograd.pays(x, w)) return ConvTimer.time(ConvTimer.Kind.SAME, x, w, () -> Winograd.conv3x3(x, w));
        return ConvTimer.time(stride == 2 ? ConvTimer.Kind.DOWN_STRIDED : ConvTimer.Kind.SAME, x, w, () -> torch.conv2d(x, w,
                new TensorOptional(), new long[] {stride, stride}, new long[] {pad, pad}, new long[] {1, 1}, 1));
    }
}

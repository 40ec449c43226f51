package io.stylegan4j.ops;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * Upsample (zero insertion), pad, FIR-filter, downsample: the resampling primitive of StyleGAN2.
 * {@link #reference} is the plain algorithm (zero insertion, pad, one 2-D depthwise correlation with the flipped
 * filter, strided slicing); {@link #fast} filters separably with two 1-D passes and folds the downsampling into
 * the stride of the second pass. Padding is [x0, x1, y0, y1]; negative values crop.
 */
public final class Upfirdn2d {
    /** Switch for tests and debugging: route every call through the reference implementation. */
    public static volatile boolean useReference = false;

    private Upfirdn2d() {}

    public static Tensor upfirdn2d(Tensor x, Fir f, int up, int down, int[] pad, boolean flipFilter, double gain) {
        return useReference ? reference(x, f, up, down, pad, flipFilter, gain) : fast(x, f, up, down, pad, flipFilter, gain);
    }

    public static Tensor upsample2d(Tensor x, Fir f) {
        int k = f.size();
        return upfirdn2d(x, f, 2, 1, new int[] {(k + 1) / 2, (k - 2) / 2, (k + 1) / 2, (k - 2) / 2}, false, 4);
    }

    public static Tensor downsample2d(Tensor x, Fir f) {
        int k = f.size();
        return upfirdn2d(x, f, 1, 2, new int[] {(k - 1) / 2, (k - 2) / 2, (k - 1) / 2, (k - 2) / 2}, false, 1);
    }

    public static Tensor reference(Tensor x, Fir f, int up, int down, int[] pad, boolean flipFilter, double gain) {
        Tensors.assertShape(x, "upfirdn2d input", -1, -1, -1, -1);
        long c = x.size(1);
        x = zeroInsert(x, up);
        x = padOrCrop(x, pad);
        Tensor k = f.filter2d().mul(Tensors.scalar(gain)).to(x.scalar_type());
        if (!flipFilter) k = k.flip(0, 1);
        long ks = f.size();
        k = k.reshape(1, 1, ks, ks).repeat(c, 1, 1, 1);
        x = torch.conv2d(x, k, new TensorOptional(), new long[] {1, 1}, new long[] {0, 0}, new long[] {1, 1}, c);
        if (down > 1) x = x.slice(2, new org.bytedeco.pytorch.LongOptional(0), new org.bytedeco.pytorch.LongOptional(), down)
                .slice(3, new org.bytedeco.pytorch.LongOptional(0), new org.bytedeco.pytorch.LongOptional(), down);
        return x;
    }

    public static Tensor fast(Tensor x, Fir f, int up, int down, int[] pad, boolean flipFilter, double gain) {
        Tensors.assertShape(x, "upfirdn2d input", -1, -1, -1, -1);
        long c = x.size(1);
        x = zeroInsert(x, up);
        x = padOrCrop(x, pad);
        // The 2-D filter is an outer product, so sqrt(gain) per axis reproduces gain * f2d exactly in real arithmetic.
        Tensor k = f.filter1d(x.scalar_type()).mul(Tensors.scalar(Math.sqrt(gain)));
        if (!flipFilter) k = k.flip(0);
        long ks = f.size();
        Tensor kx = k.reshape(1, 1, 1, ks).repeat(c, 1, 1, 1);
        Tensor ky = k.reshape(1, 1, ks, 1).repeat(c, 1, 1, 1);
        x = torch.conv2d(x, kx, new TensorOptional(), new long[] {1, down}, new long[] {0, 0}, new long[] {1, 1}, c);
        x = torch.conv2d(x, ky, new TensorOptional(), new long[] {down, 1}, new long[] {0, 0}, new long[] {1, 1}, c);
        return x;
    }

    private static Tensor zeroInsert(Tensor x, int up) {
        if (up == 1) return x;
        long n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        x = x.reshape(n, c, h, 1, w, 1);
        x = torch.constant_pad_nd(x, 0, up - 1, 0, 0, 0, up - 1);
        return x.reshape(n, c, h * up, w * up);
    }

    /** Pads with zeros where positive, crops where negative ([x0, x1, y0, y1]). */
    static Tensor padOrCrop(Tensor x, int[] p) {
        if (p[0] > 0 || p[1] > 0 || p[2] > 0 || p[3] > 0)
            x = torch.constant_pad_nd(x, Math.max(p[0], 0), Math.max(p[1], 0), Math.max(p[2], 0), Math.max(p[3], 0));
        if (p[0] < 0 || p[1] < 0 || p[2] < 0 || p[3] < 0) {
            long h = x.size(2), w = x.size(3);
            x = x.narrow(2, Math.max(-p[2], 0), h - Math.max(-p[2], 0) - Math.max(-p[3], 0))
                    .narrow(3, Math.max(-p[0], 0), w - Math.max(-p[0], 0) - Math.max(-p[1], 0));
        }
        return x;
    }
}

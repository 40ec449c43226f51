package io.stylegan4j.ops;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * 2-D convolution with optional FIR up/downsampling ({@code conv2d_resample} of the official code).
 * {@link #fast} picks the cheapest equivalent formulation per case exactly as the official code does (transposed
 * conv for up=2, strided conv for down=2, 1x1 shortcuts), plus {@link Winograd} for the wide 3x3 ones where it
 * pays; {@link #reference} always takes the generic route (upfirdn up, conv, upfirdn down) and is the yardstick the
 * fast paths are tested against.
 */
public final class Conv2dResample {
    public static volatile boolean useReference = false;

    private Conv2dResample() {}

    /**
     * @param w [O, I/groups, kh, kw]; @param padding symmetric padding with respect to the upsampled image
     * @param flipWeight true = correlation (what conv2d computes), false = true convolution
     */
    public static Tensor conv2dResample(Tensor x, Tensor w, Fir f, int up, int down, int padding, int groups, boolean flipWeight) {
        return useReference ? reference(x, w, f, up, down, padding, groups, flipWeight)
                : fast(x, w, f, up, down, padding, groups, flipWeight);
    }

    public static Tensor fast(Tensor x, Tensor w, Fir f, int up, int down, int padding, int groups, boolean flipWeight) {
        long outC = w.size(0), inPerGroup = w.size(1), kh = w.size(2), kw = w.size(3);
        int[] p = adjustedPadding(f, up, down, padding);
        if (kw == 1 && kh == 1 && down > 1 && up == 1) {
            x = Upfirdn2d.upfirdn2d(x, f, 1, down, p, false, 1);
            return conv(x, w, 1, 0, 0, groups, flipWeight);
        }
        if (kw == 1 && kh == 1 && up > 1 && down == 1) {
            x = conv(x, w, 1, 0, 0, groups, flipWeight);
            return Upfirdn2d.upfirdn2d(x, f, up, 1, p, false, up * up);
        }
        if (down > 1 && up == 1) {
            x = Upfirdn2d.upfirdn2d(x, f, 1, 1, p, false, 1);
            return conv(x, w, down, 0, 0, groups, flipWeight);
        }
        if (up > 1) {
            // A stride-`up` transposed convolution does the zero insertion and the 3x3 conv in one op; its weight
            // layout is [I, O/groups, k, k] per group, hence the transpose.
            if (groups == 1) {
                w = w.transpose(0, 1);
            } else {
                w = w.reshape(groups, outC / groups, inPerGroup, kh, kw).transpose(1, 2)
                        .reshape(groups * inPerGroup, outC / groups, kh, kw);
            }
            p[0] -= (int) (kw - 1);
            p[1] -= (int) (kw - up);
            p[2] -= (int) (kh - 1);
            p[3] -= (int) (kh - up);
            int pxt = Math.max(Math.min(-p[0], -p[1]), 0);
            int pyt = Math.max(Math.min(-p[2], -p[3]), 0);
            if (flipWeight && (kw > 1 || kh > 1)) w = w.flip(2, 3); // the transpose already convolves
            x = torch.conv_transpose2d(x, w, new TensorOptional(), new long[] {up, up}, new long[] {pyt, pxt},
                    new long[] {0, 0}, groups, 1, 1);
            x = Upfirdn2d.upfirdn2d(x, f, 1, 1, new int[] {p[0] + pxt, p[1] + pxt, p[2] + pyt, p[3] + pyt}, false, up * up);
            if (down > 1) x = Upfirdn2d.upfirdn2d(x, f, 1, down, new int[] {0, 0, 0, 0}, false, 1);
            return x;
        }
        if (p[0] == p[1] && p[2] == p[3] && p[0] >= 0 && p[2] >= 0)
            return conv(x, w, 1, p[2], p[0], groups, flipWeight);
        return reference(x, w, f, up, down, padding, groups, flipWeight);
    }

    public static Tensor reference(Tensor x, Tensor w, Fir f, int up, int down, int padding, int groups, boolean flipWeight) {
        int[] p = adjustedPadding(f, up, down, padding);
        if (up > 1) x = Upfirdn2d.upfirdn2d(x, f, up, 1, p, false, up * up);
        else x = Upfirdn2d.padOrCrop(x, p);
        x = conv(x, w, 1, 0, 0, groups, flipWeight);
        if (down > 1) x = Upfirdn2d.upfirdn2d(x, f, 1, down, new int[] {0, 0, 0, 0}, false, 1);
        return x;
    }

    /** Padding with respect to the resampled image, widened so the FIR filter sees full support ([x0,x1,y0,y1]). */
    static int[] adjustedPadding(Fir f, int up, int down, int padding) {
        int k = f == null ? 1 : f.size();
        int a = padding, b = padding;
        // floor division, as Python's //: a one-tap filter gives (1 - 2) // 2 = -1, one pixel cropped at the end
        if (up > 1) {
            a += Math.floorDiv(k + up - 1, 2);
            b += Math.floorDiv(k - up, 2);
        }
        if (down > 1) {
            a += Math.floorDiv(k - down + 1, 2);
            b += Math.floorDiv(k - down, 2);
        }
        return new int[] {a, b, a, b};
    }

    private static Tensor conv(Tensor x, Tensor w, int stride, int padY, int padX, int groups, boolean flipWeight) {
        if (!flipWeight && (w.size(2) > 1 || w.size(3) > 1)) w = w.flip(2, 3);
        if (stride == 1 && padY == 1 && padX == 1 && groups == 1 && Winograd.pays(x, w)) return Winograd.conv3x3(x, w);
        return torch.conv2d(x, w, new TensorOptional(), new long[] {stride, stride}, new long[] {padY, padX},
                new long[] {1, 1}, groups);
    }
}

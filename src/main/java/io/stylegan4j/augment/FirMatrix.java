package io.stylegan4j.augment;

import io.stylegan4j.ops.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * upfirdn2d with a separable filter as two banded matrix products: y = A_h^T x A_w, where A maps one axis through
 * zero insertion, padding (negative crops), the FIR filter and decimation. The same operator as
 * {@link io.stylegan4j.ops.Upfirdn2d} (its reference is the test's), but for the augmentation's 12-tap filter on
 * images whose size changes every step, libtorch's depthwise convolution on CPU took 0.7 s for one 2x upsampling
 * of a batch of 32 at 94x94 px; BLAS matrix products take milliseconds, and differentiate to any order.
 */
final class FirMatrix {
    private FirMatrix() {}

    /**
     * @param taps filter taps, normalized to sum 1 (the official setup_filter)
     * @param pad  [x0, x1, y0, y1] as upfirdn2d's padding; negative values crop
     */
    static Tensor upfirdn2d(Tensor x, double[] taps, int up, int down, int[] pad, boolean flipFilter, double gain, Device device) {
        Tensors.assertShape(x, "upfirdn2d input", -1, -1, -1, -1);
        double g = Math.sqrt(gain); // the 2-D filter is the outer product, so each axis carries sqrt(gain)
        Tensor aw = axis((int) x.size(3), taps, up, down, pad[0], pad[1], flipFilter, g, device);
        Tensor ah = axis((int) x.size(2), taps, up, down, pad[2], pad[3], flipFilter, g, device);
        return torch.matmul(ah.t(), torch.matmul(x, aw));
    }

    /**
     * The [in, out] matrix of one axis: out[j] = sum_a z[j * down + a - pad0] * f'[a], where z is the input with
     * up - 1 zeros after each sample and f' the filter, flipped unless {@code flipFilter} (convolution vs correlation).
     */
    static Tensor axis(int in, double[] taps, int up, int down, int pad0, int pad1, boolean flipFilter, double gain, Device device) {
        int k = taps.length;
        int padded = in * up + pad0 + pad1;
        int out = (padded - k) / down + 1;
        if (out <= 0) throw new IllegalArgumentException("upfirdn2d: " + in + " samples leave no output with this padding");
        double sum = 0;
        for (double t : taps) sum += t;
        float[] m = new float[in * out];
        for (int j = 0; j < out; j++)
            for (int a = 0; a < k; a++) {
                int z = j * down + a - pad0; // index into the zero-inserted input
                if (z < 0 || z % up != 0 || z / up >= in) continue;
                double f = flipFilter ? taps[a] : taps[k - 1 - a];
                m[(z / up) * out + j] += (float) (f / sum * gain);
            }
        return Tensors.fromFloats(m, new long[] {in, out}, device);
    }
}

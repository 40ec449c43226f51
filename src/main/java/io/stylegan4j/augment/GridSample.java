package io.stylegan4j.augment;

import io.stylegan4j.ops.Tensors;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * Bilinear resampling of images through a per-sample affine map (torch's affine_grid + grid_sample with
 * align_corners=False and zero padding, as the official pipeline calls them). {@link #reference} is libtorch's
 * grid_sampler; libtorch has no derivative of its backward, so R1 through the augmentation (a gradient of a
 * gradient) cannot use it. {@link #fast} writes the same interpolation as a gather of the four neighbours times
 * fixed weights: linear in the image, so every order of derivative flows through gather/scatter_add. The map
 * itself never needs a gradient (its parameters are random draws), so neighbours and weights are computed on the
 * CPU from the double-precision map.
 */
public final class GridSample {
    /** Switch for tests and debugging: route every call through the reference implementation. */
    public static volatile boolean useReference = false;

    private GridSample() {}

    /**
     * @param x     [N, C, H, W] images
     * @param theta per sample, the 2x3 map (row-major) from output to input coordinates, both in [-1, 1]
     *              (affine_grid's convention)
     * @return [N, C, outH, outW]
     */
    public static Tensor sample(Tensor x, double[][] theta, long outH, long outW) {
        return useReference ? reference(x, theta, outH, outW) : fast(x, theta, outH, outW);
    }

    public static Tensor reference(Tensor x, double[][] theta, long outH, long outW) {
        check(x, theta);
        float[] t = new float[theta.length * 6];
        for (int i = 0; i < theta.length; i++)
            for (int k = 0; k < 6; k++) t[i * 6 + k] = (float) theta[i][k];
        Tensor th = Tensors.fromFloats(t, new long[] {theta.length, 2, 3}, x.device()).to(x.scalar_type());
        Tensor grid = torch.affine_grid_generator(th, new long[] {x.size(0), x.size(1), outH, outW}, false);
        return torch.grid_sampler(x, grid, 0 /* bilinear */, 0 /* zeros */, false);
    }

    public static Tensor fast(Tensor x, double[][] theta, long outH, long outW) {
        check(x, theta);
        int n = theta.length, h = (int) x.size(2), w = (int) x.size(3), oh = (int) outH, ow = (int) outW, p = oh * ow;
        long c = x.size(1);
        long[] index = new long[n * 4 * p];
        float[] weight = new float[n * 4 * p];
        for (int b = 0; b < n; b++) {
            double[] t = theta[b];
            for (int oy = 0; oy < oh; oy++) {
                double ny = (2.0 * oy + 1) / oh - 1; // affine_grid's pixel centres, align_corners=False
                for (int ox = 0; ox < ow; ox++) {
                    double nx = (2.0 * ox + 1) / ow - 1;
                    double ix = ((t[0] * nx + t[1] * ny + t[2] + 1) * w - 1) / 2;
                    double iy = ((t[3] * nx + t[4] * ny + t[5] + 1) * h - 1) / 2;
                    double x0 = Math.floor(ix), y0 = Math.floor(iy), fx = ix - x0, fy = iy - y0;
                    int pix = oy * ow + ox;
                    for (int k = 0; k < 4; k++) {
                        int dx = k & 1, dy = k >> 1;
                        int xi = (int) x0 + dx, yi = (int) y0 + dy;
                        int at = (b * 4 + k) * p + pix;
                        // Neighbours outside the image contribute zero (padding_mode='zeros').
                        if (xi < 0 || xi >= w || yi < 0 || yi >= h) continue;
                        weight[at] = (float) ((dx == 1 ? fx : 1 - fx) * (dy == 1 ? fy : 1 - fy));
                        index[at] = (long) yi * w + xi;
                    }
                }
            }
        }
        Device dev = x.device();
        Tensor idx;
        try (LongPointer lp = new LongPointer(index)) {
            idx = torch.from_blob(lp, new long[] {n, 1, 4L * p}, new TensorOptions(torch.ScalarType.Long)).clone();
        }
        if (!dev.is_cpu()) idx = idx.to(dev, torch.ScalarType.Long);
        Tensor wts = Tensors.fromFloats(weight, new long[] {n, 1, 4, p}, dev).to(x.scalar_type());
        Tensor corners = x.reshape(n, c, (long) h * w).gather(2, idx.expand(n, c, 4L * p)).reshape(n, c, 4, p);
        return corners.mul(wts).sum(new long[] {2}, false, new ScalarTypeOptional()).reshape(n, c, outH, outW);
    }

    private static void check(Tensor x, double[][] theta) {
        Tensors.assertShape(x, "grid_sample input", theta.length, -1, -1, -1);
        for (double[] t : theta)
            if (t.length != 6) throw new IllegalArgumentException("grid_sample: each map is 2x3, got " + t.length + " values");
    }
}

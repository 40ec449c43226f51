package io.stylegan4j.augment;

import io.stylegan4j.ops.Tensors;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Bilinear resampling of images through a per-sample affine map (torch's affine_grid + grid_sample with
 * align_corners=False and zero padding, as the official pipeline calls them). {@link #reference} is libtorch's
 * grid_sampler; libtorch has no derivative of its backward, so R1 through the augmentation (a gradient of a
 * gradient) cannot use it. {@link #fast} writes the same interpolation as a gather of the four neighbours times
 * fixed weights: linear in the image, so every order of derivative flows through gather/scatter_add. The map
 * itself never needs a gradient (its parameters are random draws).
 */
public final class GridSample {
    /** Switch for tests and debugging: route every call through the reference implementation. */
    public static volatile boolean useReference = false;

    private GridSample() {}

    /**
     * @param x     [N, C, H, W] images
     * @param theta [N, 2, 3] maps output coordinates to input coordinates, both in [-1, 1] (affine_grid's convention)
     * @return [N, C, outH, outW]
     */
    public static Tensor sample(Tensor x, Tensor theta, long outH, long outW) {
        return useReference ? reference(x, theta, outH, outW) : fast(x, theta, outH, outW);
    }

    public static Tensor reference(Tensor x, Tensor theta, long outH, long outW) {
        Tensor grid = grid(x, theta, outH, outW);
        return torch.grid_sampler(x, grid, 0 /* bilinear */, 0 /* zeros */, false);
    }

    public static Tensor fast(Tensor x, Tensor theta, long outH, long outW) {
        long n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3), p = outH * outW;
        Tensor index, weight;
        try (NoGradGuard ng = new NoGradGuard()) {
            Tensor grid = grid(x, theta, outH, outW);
            // grid_sampler's unnormalization for align_corners=False, in its order of operations.
            Tensor ix = grid.select(3, 0).add(Tensors.scalar(1)).mul(Tensors.scalar(w)).sub(Tensors.scalar(1)).div(Tensors.scalar(2));
            Tensor iy = grid.select(3, 1).add(Tensors.scalar(1)).mul(Tensors.scalar(h)).sub(Tensors.scalar(1)).div(Tensors.scalar(2));
            Tensor x0 = ix.floor(), y0 = iy.floor();
            Tensor[] wx = {x0.add(Tensors.scalar(1)).sub(ix), ix.sub(x0)};
            Tensor[] wy = {y0.add(Tensors.scalar(1)).sub(iy), iy.sub(y0)};
            Tensor[] idx = new Tensor[4], wts = new Tensor[4];
            for (int k = 0; k < 4; k++) {
                int dx = k & 1, dy = k >> 1;
                Tensor xi = x0.add(Tensors.scalar(dx)), yi = y0.add(Tensors.scalar(dy));
                // Neighbours outside the image contribute zero (padding_mode='zeros'); their index is clamped to stay valid.
                Tensor inside = xi.ge(Tensors.scalar(0)).logical_and(xi.le(Tensors.scalar(w - 1)))
                        .logical_and(yi.ge(Tensors.scalar(0))).logical_and(yi.le(Tensors.scalar(h - 1)));
                wts[k] = wx[dx].mul(wy[dy]).mul(inside.to(x.scalar_type())).reshape(n, 1, 1, p);
                idx[k] = yi.clamp(Tensors.scalarOpt(0), Tensors.scalarOpt(h - 1)).mul(Tensors.scalar(w))
                        .add(xi.clamp(Tensors.scalarOpt(0), Tensors.scalarOpt(w - 1))).to(torch.ScalarType.Long).reshape(n, 1, p);
            }
            index = torch.cat(new org.bytedeco.pytorch.TensorVector(idx), 2).expand(n, c, 4 * p);
            weight = torch.cat(new org.bytedeco.pytorch.TensorVector(wts), 2).to(x.scalar_type());
        }
        Tensor corners = x.reshape(n, c, h * w).gather(2, index).reshape(n, c, 4, p);
        return corners.mul(weight).sum(new long[] {2}, false, new ScalarTypeOptional()).reshape(n, c, outH, outW);
    }

    private static Tensor grid(Tensor x, Tensor theta, long outH, long outW) {
        Tensors.assertShape(x, "grid_sample input", -1, -1, -1, -1);
        Tensors.assertShape(theta, "grid_sample theta", x.size(0), 2, 3);
        return torch.affine_grid_generator(theta.to(x.scalar_type()), new long[] {x.size(0), x.size(1), outH, outW}, false);
    }
}

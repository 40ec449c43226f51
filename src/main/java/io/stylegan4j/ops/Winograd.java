package io.stylegan4j.ops;

import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * 3x3, stride 1, padding 1 convolution by Winograd's minimal filtering F(4x4, 3x3) (Lavin and Gray 2016): each
 * 4x4 output tile costs 36 multiplications per input-output channel pair instead of 144, so the 36 batched GEMMs
 * of [tiles, I] x [I, O] do a quarter of the direct convolution's work. The input, weight and output transforms
 * are small dense matrices (Kronecker products of the 1-D transforms) applied with one GEMM each, so the whole op
 * is libtorch GEMMs and copies, autograd differentiates it (backward and R1's / path length's double backward are
 * GEMMs of the same size) and it runs on any device.
 *
 * <p>Why: the 3x3 convolutions at 32x32 and up are most of a training step, and oneDNN 3 has no Winograd on CPU.
 * {@link #reference} is libtorch's direct convolution; WinogradTest holds the two together. Its f32 rounding
 * error is larger than the direct convolution's: 4e-6 to 1.3e-5 of the output's scale (16 to 512 channels), where the
 * direct one is about 1e-6; invisible in images and in training (EquivalentStepsTest).
 */
public final class Winograd {
    private static final double[][] BT = {
            {4, 0, -5, 0, 1, 0},
            {0, -4, -4, 1, 1, 0},
            {0, 4, -4, -1, 1, 0},
            {0, -2, -1, 2, 1, 0},
            {0, 2, -1, -2, 1, 0},
            {0, 4, 0, -5, 0, 1}};
    private static final double[][] G = {
            {1 / 4.0, 0, 0},
            {-1 / 6.0, -1 / 6.0, -1 / 6.0},
            {-1 / 6.0, 1 / 6.0, -1 / 6.0},
            {1 / 24.0, 1 / 12.0, 1 / 6.0},
            {1 / 24.0, -1 / 12.0, 1 / 6.0},
            {0, 0, 1}};
    private static final double[][] AT = {
            {1, 1, 1, 1, 1, 0},
            {0, 1, -1, 2, -2, 0},
            {0, 1, 1, 4, 4, 0},
            {0, 1, -1, 8, -8, 1}};
    private static final int M = 4, T = 6; // output tile, input tile (M + 3 - 1)

    private record Transforms(Tensor input, Tensor weight, Tensor output) {}

    private static final ConcurrentHashMap<String, Transforms> CACHE = new ConcurrentHashMap<>();

    /** When {@link Conv2dResample} takes this path for an eligible (f32, 3x3, stride 1, padding 1) convolution. */
    public enum Mode {
        /** never: libtorch's direct convolution (A/B benchmarks) */
        DIRECT,
        /** where it is measured to pay ({@link #pays}), the default */
        AUTO,
        /** at every size (tests run small networks through it) */
        ALWAYS
    }

    public static volatile Mode mode = Mode.AUTO;

    private Winograd() {}

    /**
     * Whether {@link #conv3x3} beats the direct convolution for this 3x3, stride-1, padding-1 case, measured on 2 cores
     * (fwd + bwd, batch 8, 512 channels): 2.0x at 64x64, 1.26x at 32x32, none at 16x16 (128 tiles), and slower with
     * 128 or fewer channels, where the transforms, linear in channels, outweigh the GEMMs, quadratic in them. Only
     * f32: in bf16 (autocast or bf16 tensors) the transforms' coefficients up to 8 cost too many bits, and AMX makes
     * the direct convolution fast anyway. CPU only: on CUDA, cuDNN chooses among its own algorithms.
     */
    public static boolean pays(Tensor x, Tensor w) {
        Mode m = mode;
        if (m == Mode.DIRECT || w.size(2) != 3 || w.size(3) != 3 || x.dim() != 4) return false;
        if (x.scalar_type().intern() != torch.ScalarType.Float || w.scalar_type().intern() != torch.ScalarType.Float) return false;
        if (torch.is_autocast_enabled(x.device().type())) return false;
        if (m == Mode.ALWAYS) return true;
        if (!x.device().is_cpu()) return false; // cuDNN picks its own algorithms, Winograd among them
        long tiles = x.size(0) * ((x.size(2) + M - 1) / M) * ((x.size(3) + M - 1) / M);
        return tiles >= 512 && x.size(1) >= 256 && w.size(0) >= 256;
    }

    /** Same as {@code conv2d(x, w, padding=1)}. @param x [N, I, H, W] f32; @param w [O, I, 3, 3] */
    public static Tensor conv3x3(Tensor x, Tensor w) {
        long n = x.size(0), in = x.size(1), h = x.size(2), wd = x.size(3), out = w.size(0);
        Tensors.assertShape(w, "winograd weight", out, in, 3, 3);
        Transforms t = transforms(x.device());
        long th = (h + M - 1) / M, tw = (wd + M - 1) / M, tiles = n * th * tw;
        // NHWC view; for a channels-last x it is contiguous and every copy below streams through memory.
        Tensor xh = torch.constant_pad_nd(x.permute(0, 2, 3, 1), new long[] {0, 0, 1, 1 + M * tw - wd, 1, 1 + M * th - h});
        Tensor d = xh.unfold(1, T, M).unfold(2, T, M)                 // [N, th, tw, I, 6, 6], overlapping views
                .permute(4, 5, 0, 1, 2, 3).reshape(T * T, tiles * in); // one gather copy: [36, tiles * I]
        Tensor v = t.input.mm(d).view(T * T, tiles, in);
        Tensor u = t.weight.mm(w.permute(2, 3, 1, 0).reshape(9, in * out)).view(T * T, in, out);
        Tensor m = v.bmm(u);                                           // the 36 GEMMs: [36, tiles, O]
        Tensor y = t.output.mm(m.view(T * T, tiles * out))             // [16, tiles * O]
                .view(M, M, n, th, tw, out).permute(2, 3, 0, 4, 1, 5).reshape(n, th * M, tw * M, out);
        if (th * M != h || tw * M != wd) y = y.narrow(1, 0, h).narrow(2, 0, wd);
        return y.permute(0, 3, 1, 2);                                  // [N, O, H, W], channels-last strides
    }

    /** libtorch's direct convolution, the yardstick. */
    public static Tensor reference(Tensor x, Tensor w) {
        return torch.conv2d(x, w, new TensorOptional(), new long[] {1, 1}, new long[] {1, 1}, new long[] {1, 1}, 1);
    }

    private static Transforms transforms(Device device) {
        return CACHE.computeIfAbsent(device.str().getString(), k -> {
            Transforms t = new Transforms(kron(BT, BT, device), kron(G, G, device), kron(AT, AT, device));
            t.input.retainReference(); // built inside a step's PointerScope on first use; must outlive it
            t.weight.retainReference();
            t.output.retainReference();
            return t;
        });
    }

    /** a (x) b: [ra * rb, ca * cb], row (i, j) and column (k, l) hold a[i][k] * b[j][l]. */
    static Tensor kron(double[][] a, double[][] b, Device device) {
        int ra = a.length, ca = a[0].length, rb = b.length, cb = b[0].length;
        float[] k = new float[ra * rb * ca * cb];
        for (int i = 0; i < ra; i++)
            for (int j = 0; j < rb; j++)
                for (int p = 0; p < ca; p++)
                    for (int q = 0; q < cb; q++)
                        k[(i * rb + j) * ca * cb + p * cb + q] = (float) (a[i][p] * b[j][q]);
        return Tensors.fromFloats(k, new long[] {(long) ra * rb, (long) ca * cb}, device);
    }
}

package io.stylegan4j.analysis;

import io.stylegan4j.ops.Tensors;
import io.stylegan4j.projection.Projectable;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The singular values of the Jacobian J = dg(w)/dw of the synthesis at one w (broadcast to every layer), image in
 * the generator's [-1, 1] units. StyleGAN2's path-length regularizer (Section 3.2) asks ||J^T y|| to be the same for
 * every w and every random image-space direction y, which holds when J is orthogonal up to one global scale: flat
 * spectra at one height mean the regularizer's goal is met. E||J^T y||^2 with y ~ N(0, I / (H W)) is
 * sum(sigma^2) / (H W), the squared path length the regularizer tracks.
 */
public final class JacobianSpectrum {
    private JacobianSpectrum() {}

    /** Columns of J per chunk: each is one image in a batch of the double-backward pass. */
    private static final int CHUNK = 64;

    /** sigma_1 >= ... >= sigma_wDim of J at {@code w} [wDim] (stored noise). */
    public static double[] singularValues(Projectable g, float[] w) {
        int wDim = g.wDim();
        long pixels = (long) g.channels() * g.resolution() * g.resolution();
        try (PointerScope scope = new PointerScope()) {
            Tensor j = torch.zeros(new long[] {pixels, wDim}, Tensors.options(g.device()));
            Tensor w0 = Tensors.fromFloats(w, new long[] {1, wDim}, g.device());
            for (int from = 0; from < wDim; from += CHUNK) {
                int k = Math.min(CHUNK, wDim - from);
                try (PointerScope step = new PointerScope()) {
                    j.narrow(1, from, k).copy_(columns(g, w0, from, k).t());
                }
            }
            return descending(Tensors.toFloats(torch.linalg_svdvals(j)));
        }
    }

    /**
     * J e_i for i in [from, from + k) as [k, pixels], without forward-mode autodiff: with v a free image-space input,
     * u(v) = J^T v is a vector-Jacobian product; it is linear in v, so d(u . e_i)/dv = J e_i (the double-vjp trick).
     */
    static Tensor columns(Projectable g, Tensor w0, int from, int k) {
        int wDim = g.wDim(), numWs = g.numWs();
        Tensor w = w0.repeat(k, 1).detach().requires_grad_(true);
        Tensor img = g.synthesis(w.unsqueeze(1).repeat(1, numWs, 1), null);
        Tensor v = torch.zeros_like(img).requires_grad_(true);
        Tensor u = Tensors.grad(img, v, true, w)[0]; // [k, wDim]: row r = J^T v_r
        Tensor pick = torch.zeros(new long[] {k, wDim}, Tensors.options(w0.device()));
        for (int r = 0; r < k; r++) pick.select(0, r).select(0, from + r).fill_(Tensors.scalar(1));
        Tensor jv = Tensors.grad(u.mul(pick).sum(), torch.ones(new long[] {}, Tensors.options(w0.device())), false, v)[0];
        return jv.reshape(k, -1);
    }

    private static double[] descending(float[] s) {
        double[] out = new double[s.length];
        for (int i = 0; i < s.length; i++) out[i] = s[i];
        java.util.Arrays.sort(out);
        for (int i = 0; i < out.length / 2; i++) {
            double t = out[i];
            out[i] = out[out.length - 1 - i];
            out[out.length - 1 - i] = t;
        }
        return out;
    }
}

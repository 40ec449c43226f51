package io.stylegan4j.metrics;

import io.stylegan4j.ops.Tensors;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Fréchet distance between two Gaussians fitted to features (Heusel et al. 2017), in float64:
 * {@code |mu_g - mu_r|^2 + tr(S_g + S_r - 2 sqrtm(S_g S_r))}.
 *
 * <p>The official code takes scipy's Schur-based {@code sqrtm} of the non-symmetric product and keeps the real part
 * of the trace. Here the trace of that square root is computed as {@code sum sqrt(eig(A S_r A))} with
 * {@code A = S_g^(1/2)} from libtorch's symmetric float64 eigendecomposition: {@code S_g S_r} is similar to the PSD
 * matrix {@code A S_r A}, so both have the same (real, non-negative) eigenvalues, and the square root's trace is the sum
 * of their roots. Round-off negatives are clamped to zero, which is what taking the real part does to their imaginary
 * roots. On the fixture this agrees with scipy to 1.6e-15 relative (README "eigenvalue formula").
 */
public final class Fid {
    private Fid() {}

    /** FID from float64 {@code mu [D]} and {@code sigma [D, D]} of the generated and the real set. */
    public static double compute(Tensor muGen, Tensor sigmaGen, Tensor muReal, Tensor sigmaReal) {
        long d = muGen.size(0);
        Tensors.assertShape(muReal, "FID mu_real", d);
        Tensors.assertShape(sigmaGen, "FID sigma_gen", d, d);
        Tensors.assertShape(sigmaReal, "FID sigma_real", d, d);
        Tensor sg = sigmaGen.to(ScalarType.Double);
        Tensor sr = sigmaReal.to(ScalarType.Double);
        double m = Tensors.item(muGen.to(ScalarType.Double).sub(muReal.to(ScalarType.Double)).square().sum());
        double traceRoot = traceSqrtProduct(sg, sr);
        return m + Tensors.item(sg.trace()) + Tensors.item(sr.trace()) - 2 * traceRoot;
    }

    /** tr(sqrtm(P Q)) for symmetric PSD P, Q (float64). */
    static double traceSqrtProduct(Tensor p, Tensor q) {
        Tensor a = psdSqrt(p);
        Tensor m = a.matmul(q).matmul(a);
        m = m.add(m.t()).mul(Tensors.scalar(0.5)); // exact symmetry for eigh; differs from A Q A only in round-off
        Tensor ev = torch.linalg_eigvalsh(m, "L");
        return Tensors.item(ev.clamp_min(Tensors.scalar(0)).sqrt().sum());
    }

    /** Symmetric square root V diag(sqrt(max(l, 0))) V^T. */
    static Tensor psdSqrt(Tensor p) {
        Tensor sym = p.add(p.t()).mul(Tensors.scalar(0.5));
        T_TensorTensor_T e = torch.linalg_eigh(sym, "L");
        Tensor l = e.get0().clamp_min(Tensors.scalar(0)).sqrt(), v = e.get1();
        return v.mul(l.unsqueeze(0)).matmul(v.t());
    }
}

package io.stylegan4j.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.ops.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import io.stylegan4j.ops.Fir;
import io.stylegan4j.ops.Upfirdn2d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The augmentation's custom ops against their references: gather-based grid sampling against libtorch's
 * grid_sampler (with the second derivative R1 needs), matrix-form upfirdn2d against Upfirdn2d's reference.
 */
class AugmentOpsTest {
    private static final Device CPU = TestSupport.cpu();

    /** Rotations, scalings and shifts large enough that some samples fall outside the image (zero padding). */
    private static double[][] theta() {
        return new double[][] {{0.8, -0.6, 0.1, 0.6, 0.8, -0.2}, {1.3, 0.0, 0.45, 0.0, 0.7, 0.3}, {-1, 0, 0, 0, 1, 0}};
    }

    private static double maxAbsDiff(Tensor a, Tensor b) {
        assertArrayEquals(Tensors.shape(b), Tensors.shape(a), "shape");
        return Tensors.item(a.sub(b).abs().max());
    }

    /** The pipeline's three uses (2x up with padding, 2x down with cropping, flipped) and an odd size. */
    @ParameterizedTest
    @CsvSource({"2,1,6,5,6,5,false,4", "1,2,-1,-1,-1,-1,true,1", "2,2,3,1,0,2,false,2", "1,1,-2,4,1,0,true,1"})
    void firMatrixEqualsUpfirdn2dReference(int up, int down, int x0, int x1, int y0, int y1, boolean flip, double gain) {
        torch.manual_seed(5);
        Tensor x = torch.randn(new long[] {2, 3, 15, 14}, Tensors.options(CPU)).requires_grad_(true);
        int[] pad = {x0, x1, y0, y1};
        Tensor fast = FirMatrix.upfirdn2d(x, AugmentPipe.SYM6, up, down, pad, flip, gain, CPU);
        Tensor ref;
        try (Fir f = new Fir(AugmentPipe.SYM6, CPU)) {
            ref = Upfirdn2d.reference(x, f, up, down, pad, flip, gain);
        }
        assertTrue(maxAbsDiff(fast, ref) < 1e-5, "forward differs by " + maxAbsDiff(fast, ref));
        Tensor w = torch.randn(Tensors.shape(ref), Tensors.options(CPU));
        Tensor gFast = Tensors.grad(fast.mul(w).sum(), torch.ones(new long[] {}), false, x)[0];
        Tensor gRef = Tensors.grad(ref.mul(w).sum(), torch.ones(new long[] {}), false, x)[0];
        assertTrue(maxAbsDiff(gFast, gRef) < 1e-5, "input gradient differs by " + maxAbsDiff(gFast, gRef));
    }

    @Test
    void gridSampleFastEqualsReferenceForwardAndBackward() {
        torch.manual_seed(3);
        Tensor x = torch.randn(new long[] {3, 2, 9, 7}, Tensors.options(CPU)).requires_grad_(true);
        Tensor w = torch.randn(new long[] {3, 2, 11, 13}, Tensors.options(CPU));
        Tensor fast = GridSample.fast(x, theta(), 11, 13), ref = GridSample.reference(x, theta(), 11, 13);
        assertTrue(Tensors.item(ref.abs().max()) > 0.5, "the reference must see the image");
        double fwd = maxAbsDiff(fast, ref);
        assertTrue(fwd < 1e-5, "forward differs by " + fwd);
        Tensor gFast = Tensors.grad(fast.mul(w).sum(), torch.ones(new long[] {}), false, x)[0];
        Tensor gRef = Tensors.grad(ref.mul(w).sum(), torch.ones(new long[] {}), false, x)[0];
        double bwd = maxAbsDiff(gFast, gRef);
        assertTrue(bwd < 1e-5, "input gradient differs by " + bwd);
    }

    /**
     * R1 through the augmentation differentiates a gradient: d/dw ||d(sum(w * sample(x)))/dx||^2. The sampling is
     * linear, so the inner gradient is S^T w and the outer one 2 S S^T w; checked against that closed form built
     * from the first-order gradients of the reference.
     */
    @Test
    void gridSampleSecondDerivativeFlows() {
        torch.manual_seed(4);
        Tensor x = torch.randn(new long[] {3, 2, 9, 7}, Tensors.options(CPU)).requires_grad_(true);
        Tensor w = torch.randn(new long[] {3, 2, 11, 13}, Tensors.options(CPU)).requires_grad_(true);
        Tensor inner = Tensors.grad(GridSample.fast(x, theta(), 11, 13).mul(w).sum(), torch.ones(new long[] {}), true, x)[0];
        Tensor outer = Tensors.grad(inner.square().sum(), torch.ones(new long[] {}), false, w)[0];
        // S^T w from the reference's backward, then S (S^T w) from its forward.
        Tensor x2 = x.detach().requires_grad_(true);
        Tensor stw = Tensors.grad(GridSample.reference(x2, theta(), 11, 13).mul(w.detach()).sum(), torch.ones(new long[] {}), false, x2)[0];
        Tensor want = GridSample.reference(stw, theta(), 11, 13).mul(Tensors.scalar(2));
        assertTrue(Tensors.item(want.abs().max()) > 0.5);
        double err = maxAbsDiff(outer, want);
        assertTrue(err < 1e-4, "second derivative differs by " + err);
    }
}

package io.stylegan4j.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.ops.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** The gather-based grid sampling against libtorch's grid_sampler, and the second derivative R1 needs. */
class GridSampleTest {
    private static final Device CPU = TestSupport.cpu();

    /** Rotations, scalings and shifts large enough that some samples fall outside the image (zero padding). */
    private static Tensor theta() {
        float[] t = {
            0.8f, -0.6f, 0.1f, 0.6f, 0.8f, -0.2f,
            1.3f, 0.0f, 0.45f, 0.0f, 0.7f, 0.3f,
            -1f, 0f, 0f, 0f, 1f, 0f};
        return Tensors.fromFloats(t, new long[] {3, 2, 3}, CPU);
    }

    private static double maxAbsDiff(Tensor a, Tensor b) {
        assertArrayEquals(Tensors.shape(b), Tensors.shape(a), "shape");
        return Tensors.item(a.sub(b).abs().max());
    }

    @Test
    void fastEqualsReferenceForwardAndBackward() {
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
    void secondDerivativeFlows() {
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

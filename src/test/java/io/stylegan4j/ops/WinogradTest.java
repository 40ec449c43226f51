package io.stylegan4j.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Winograd F(4x4, 3x3) against libtorch's direct convolution: values, gradients, double backward, and when it is used. */
class WinogradTest {
    @AfterEach
    void restore() {
        Winograd.mode = Winograd.Mode.AUTO;
    }

    @Test
    void equalsTheDirectConvolutionAtTileMultiplesAndRaggedSizes() {
        TestSupport.cpu();
        long[][] shapes = {{2, 16, 12, 12}, {3, 8, 13, 10}, {1, 5, 1, 1}, {2, 4, 4, 7}};
        for (long[] s : shapes) {
            for (boolean channelsLast : new boolean[] {false, true}) {
                torch.manual_seed(s[2] * 31 + s[3]);
                Tensor x = input(s, channelsLast);
                Tensor w = torch.randn(new long[] {s[1] + 3, s[1], 3, 3});
                Tensor ref = Winograd.reference(x, w), win = Winograd.conv3x3(x, w);
                assertArrayEquals(Tensors.shape(ref), Tensors.shape(win));
                assertClose(ref, win, 2e-5, "y " + java.util.Arrays.toString(s) + (channelsLast ? " nhwc" : " nchw"));
            }
        }
    }

    @Test
    void gradientsAndTheDoubleBackwardOfR1MatchTheDirectConvolution() {
        TestSupport.cpu();
        torch.manual_seed(3);
        Tensor x0 = torch.randn(new long[] {2, 6, 9, 11}), w0 = torch.randn(new long[] {7, 6, 3, 3});
        Tensor gy = torch.randn(new long[] {2, 7, 9, 11});
        Tensor[] ref = grads(x0, w0, gy, false), win = grads(x0, w0, gy, true);
        assertClose(ref[0], win[0], 2e-5, "dL/dx");
        assertClose(ref[1], win[1], 2e-5, "dL/dw");
        // R1's shape: the penalty is the squared input gradient; its gradient w.r.t. the weight needs the double backward.
        assertClose(r1WeightGrad(x0, w0, false), r1WeightGrad(x0, w0, true), 5e-5, "d|dL/dx|^2/dw");
    }

    @Test
    void paysOnlyForWideF32ConvolutionsOfAtLeast512Tiles() {
        TestSupport.cpu();
        Tensor w = torch.zeros(new long[] {256, 256, 3, 3});
        assertTrue(Winograd.pays(torch.zeros(new long[] {8, 256, 32, 32}), w), "batch 8 at 32x32: 512 tiles");
        assertFalse(Winograd.pays(torch.zeros(new long[] {8, 256, 16, 16}), w), "128 tiles");
        assertFalse(Winograd.pays(torch.zeros(new long[] {8, 128, 32, 32}), torch.zeros(new long[] {128, 128, 3, 3})), "128 channels");
        assertFalse(Winograd.pays(torch.zeros(new long[] {8, 256, 32, 32}, Tensors.options(TestSupport.cpu(), torch.ScalarType.BFloat16)),
                w.to(torch.ScalarType.BFloat16)), "bf16 tensors");
        try (Autocast ac = Autocast.bf16(TestSupport.cpu(), true)) {
            assertFalse(Winograd.pays(torch.zeros(new long[] {8, 256, 32, 32}), w), "under autocast");
        }
        assertFalse(Winograd.pays(torch.zeros(new long[] {8, 256, 32, 32}), torch.zeros(new long[] {256, 256, 1, 1})), "1x1");
        Winograd.mode = Winograd.Mode.DIRECT;
        assertFalse(Winograd.pays(torch.zeros(new long[] {8, 256, 32, 32}), w), "mode DIRECT");
        Winograd.mode = Winograd.Mode.ALWAYS;
        assertTrue(Winograd.pays(torch.zeros(new long[] {1, 3, 4, 4}), torch.zeros(new long[] {3, 3, 3, 3})), "mode ALWAYS");
    }

    @Test
    void conv2dResampleTakesTheWinogradPathWhereItPays() {
        TestSupport.cpu();
        torch.manual_seed(5);
        Tensor x = torch.randn(new long[] {8, 256, 32, 32}).contiguous(torch.MemoryFormat.ChannelsLast);
        Tensor w = torch.randn(new long[] {256, 256, 3, 3}).mul(Tensors.scalar(1 / 48.0));
        Tensor viaResample = Conv2dResample.fast(x, w, null, 1, 1, 1, 1, true);
        assertTrue(torch.equal(viaResample, Winograd.conv3x3(x, w)), "the same computation, bit for bit");
        assertFalse(torch.equal(viaResample, Winograd.reference(x, w)), "not the direct one");
        assertClose(Winograd.reference(x, w), viaResample, 2e-5, "and equal to it within f32 rounding");
    }

    private static Tensor input(long[] s, boolean channelsLast) {
        Tensor x = torch.randn(s);
        return channelsLast ? x.contiguous(torch.MemoryFormat.ChannelsLast) : x;
    }

    private static Tensor conv(Tensor x, Tensor w, boolean winograd) {
        return winograd ? Winograd.conv3x3(x, w) : torch.conv2d(x, w, new TensorOptional(), new long[] {1, 1}, new long[] {1, 1},
                new long[] {1, 1}, 1);
    }

    private static Tensor[] grads(Tensor x0, Tensor w0, Tensor gy, boolean winograd) {
        Tensor x = x0.detach().requires_grad_(true), w = w0.detach().requires_grad_(true);
        return Tensors.grad(conv(x, w, winograd), gy, false, x, w);
    }

    private static Tensor r1WeightGrad(Tensor x0, Tensor w0, boolean winograd) {
        Tensor x = x0.detach().requires_grad_(true), w = w0.detach().requires_grad_(true);
        Tensor out = torch.leaky_relu(conv(x, w, winograd), Tensors.scalar(0.2)).sum();
        Tensor gx = Tensors.grad(out, torch.ones_like(out), true, x)[0];
        return Tensors.grad(gx.square().sum(), torch.ones_like(out), false, w)[0];
    }

    /** max |a - b| within {@code rel} of max |a|: the scale-aware f32 tolerance. */
    private static void assertClose(Tensor a, Tensor b, double rel, String what) {
        double scale = Tensors.item(a.abs().max()), diff = Tensors.item(a.sub(b).abs().max());
        assertTrue(diff <= rel * Math.max(scale, 1e-12), what + ": max diff " + diff + " at scale " + scale);
    }
}

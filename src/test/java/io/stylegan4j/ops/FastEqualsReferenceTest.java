package io.stylegan4j.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each fast op against its plain reference on random inputs, across the cases the fast paths special-case. */
class FastEqualsReferenceTest {
    private static final Device CPU = TestSupport.cpu();

    private static Tensor randn(long... shape) {
        return torch.randn(shape, Tensors.options(CPU));
    }

    static void close(Tensor a, Tensor b, double tol) {
        assertArrayEquals(Tensors.shape(b), Tensors.shape(a), "shape");
        float[] x = Tensors.toFloats(a), y = Tensors.toFloats(b);
        double maxAbs = 0, maxRef = 0;
        for (int i = 0; i < x.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(x[i] - y[i]));
            maxRef = Math.max(maxRef, Math.abs(y[i]));
        }
        assertTrue(maxRef > 0, "reference is all zeros: the test would prove nothing");
        assertTrue(maxAbs <= tol * (1 + maxRef), "max abs diff " + maxAbs + " (ref max " + maxRef + ")");
    }

    @ParameterizedTest
    @CsvSource({"1,1,0,0,0,0,false,1", "2,1,2,1,2,1,false,4", "1,2,1,1,1,1,false,1", "2,2,1,2,0,1,true,2",
            "1,1,-1,2,1,-1,false,1", "3,1,1,1,1,1,false,9"})
    void upfirdn2d(int up, int down, int x0, int x1, int y0, int y1, boolean flip, double gain) {
        Tensor x = randn(2, 3, 9, 7);
        Fir f = new Fir(new double[] {1, 2, 4, 1}, CPU); // asymmetric, so a wrong flip shows
        int[] p = {x0, x1, y0, y1};
        close(Upfirdn2d.fast(x, f, up, down, p, flip, gain), Upfirdn2d.reference(x, f, up, down, p, flip, gain), 1e-6);
    }

    @ParameterizedTest
    @CsvSource({"3,1,1,1,true", "3,2,1,1,false", "3,1,2,1,true", "1,2,1,1,false", "1,1,2,2,true", "3,2,1,4,false",
            "3,1,1,4,true", "1,1,1,1,true", "1,2,1,2,false"})
    void conv2dResample(int k, int up, int down, int groups, boolean flipWeight) {
        Fir f = Fir.binomial(CPU);
        Tensor x = randn(2, 4, 8, 8);
        Tensor w = randn(8, 4 / groups, k, k);
        int pad = k / 2;
        close(Conv2dResample.fast(x, w, f, up, down, pad, groups, flipWeight),
                Conv2dResample.reference(x, w, f, up, down, pad, groups, flipWeight), 1e-5);
    }

    @Test
    void biasActLeakyReluAndClamp() {
        Tensor x = randn(3, 5, 4, 4), b = randn(5);
        close(BiasAct.fast(x, b, Activation.LRELU, 1.3, 0.7), BiasAct.reference(x, b, Activation.LRELU, 1.3, 0.7), 0);
        close(BiasAct.fast(x, b, Activation.LINEAR, 1, Double.NaN), BiasAct.reference(x, b, Activation.LINEAR, 1, Double.NaN), 0);
    }

    @ParameterizedTest
    @CsvSource({"true,false", "false,false", "true,true"})
    void groupedEqualsSharedWeightModulatedConv(boolean up, boolean noise) {
        Fir f = Fir.binomial(CPU);
        Tensor x = randn(3, 6, 7, 7), w = randn(5, 6, 3, 3), s = randn(3, 6).add(Tensors.scalar(1));
        Tensor n = noise ? randn(3, 1, up ? 14 : 7, up ? 14 : 7) : null;
        ModulatedConv2d.Spec spec = up ? ModulatedConv2d.Spec.up3x3() : ModulatedConv2d.Spec.same3x3();
        close(ModulatedConv2d.grouped(x, w, s, n, f, spec), ModulatedConv2d.sharedWeight(x, w, s, n, f, spec), 1e-5);
    }

    @Test
    void demodulationNormalizesOutputChannels() {
        // With demodulation every output channel's effective weight has unit L2 norm (StyleGAN2 eq. 3).
        Tensor w = randn(4, 6, 3, 3), s = randn(2, 6);
        Tensor d = ModulatedConv2d.demodCoefficients(w, s);
        Tensor eff = w.unsqueeze(0).mul(s.reshape(2, 1, 6, 1, 1)).mul(d.reshape(2, 4, 1, 1, 1));
        Tensor norms = eff.square().sum(new long[] {2, 3, 4}, false, new org.bytedeco.pytorch.ScalarTypeOptional());
        close(norms, torch.ones_like(norms), 1e-5);
    }
}

package io.stylegan4j.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.model.Architecture;
import io.stylegan4j.model.Generator;
import io.stylegan4j.model.GeneratorConfig;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.projection.StyleGan2Projectable;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

class AnalysesTest {
    private static final Device CPU = TestSupport.cpu();

    private static Generator tiny(Architecture arch) {
        torch.manual_seed(3);
        Generator g = new Generator(GeneratorConfig.of(16, 3).withLatent(8, 8).withMappingLayers(2).withChannels(64, 8)
                .withArchitecture(arch), CPU);
        g.train(false);
        return g;
    }

    /** With every tRGB but b16's silenced (zero weight and bias), b16 carries the whole image. */
    @Test
    void trgbSharesFollowTheBlocksThatDraw() {
        Generator g = tiny(Architecture.SKIP);
        Map<Integer, Double> before = TorgbContributions.measure(g, null, 8, 0, CPU);
        assertEquals(3, before.size()); // b4, b8, b16
        assertEquals(1.0, before.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        try (NoGradGuard ng = new NoGradGuard()) {
            g.stateDict().forEach((k, v) -> {
                if (k.contains("torgb") && !k.startsWith("synthesis.b16")) v.zero_();
            });
        }
        Map<Integer, Double> after = TorgbContributions.measure(g, null, 8, 0, CPU);
        assertEquals(1.0, after.get(16), 1e-9);
        assertEquals(0.0, after.get(4), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> TorgbContributions.measure(tiny(Architecture.ORIG), null, 8, 0, CPU));
    }

    /** A conditional G takes one label row for all samples or one per sample; the same class gives the same shares. */
    @Test
    void trgbOfAConditionalGeneratorTakesPerSampleLabels() {
        torch.manual_seed(3);
        Generator g = new Generator(GeneratorConfig.of(16, 3).withLatent(8, 8).withMappingLayers(2).withChannels(64, 8).withCDim(3), CPU);
        g.train(false);
        Map<Integer, Double> one = TorgbContributions.measure(g, Tensors.oneHot(new int[] {2}, 3, CPU), 8, 0, CPU);
        Map<Integer, Double> rows = TorgbContributions.measure(g, Tensors.oneHot(new int[] {2, 2, 2, 2, 2, 2, 2, 2}, 3, CPU), 8, 0, CPU);
        Map<Integer, Double> mixed = TorgbContributions.measure(g, Tensors.oneHot(new int[] {0, 1, 2, 0, 1, 2, 0, 1}, 3, CPU), 8, 0, CPU);
        for (int r : new int[] {4, 8, 16}) assertEquals(one.get(r), rows.get(r), 1e-12);
        assertEquals(1.0, mixed.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        assertTrue(Math.abs(mixed.get(16) - one.get(16)) > 1e-6, "other classes draw other images");
    }

    /** The columns from the double-vjp trick agree with rows taken by plain backward passes, pixel by pixel. */
    @Test
    void jacobianColumnsAgreeWithBackwardRows() {
        StyleGan2Projectable p = new StyleGan2Projectable(tiny(Architecture.SKIP), null, CPU);
        Tensor w0 = torch.randn(new long[] {1, 8});
        Tensor j = JacobianSpectrum.columns(p, w0, 0, 8).t(); // [pixels, wDim]
        for (int pixel : new int[] {0, 77, 400, 767}) {
            Tensor w = w0.detach().clone().requires_grad_(true);
            Tensor img = p.synthesis(w.unsqueeze(1).repeat(1, p.numWs(), 1), null).reshape(-1);
            Tensor row = Tensors.grad(img.select(0, pixel), torch.ones(new long[] {}), false, w)[0].reshape(-1);
            float[] a = Tensors.toFloats(row), b = Tensors.toFloats(j.select(0, pixel));
            for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-5 + 1e-4 * Math.abs(a[i]), "pixel " + pixel + " dim " + i);
        }
        double[] s = JacobianSpectrum.singularValues(p, Tensors.toFloats(w0));
        assertEquals(8, s.length);
        for (int i = 1; i < s.length; i++) assertTrue(s[i] <= s[i - 1]);
        // sum of squared singular values = squared Frobenius norm of J
        double fro = Tensors.item(j.square().sum()), sq = 0;
        for (double v : s) sq += v * v;
        assertEquals(fro, sq, 1e-3 * fro);
    }

    /** np.percentile(d, 1, 'lower') and (d, 99, 'higher') over 1..128 are 2 and 127: the mean of 2..127. */
    @Test
    void pplDropsTheOfficialPercentiles() {
        double[] d = new double[128];
        for (int i = 0; i < d.length; i++) d[i] = 128 - i;
        assertEquals(64.5, PathLengths.ppl(d), 1e-12);
    }
}

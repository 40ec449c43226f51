package io.stylegan4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stylegan4j.TestSupport;
import io.stylegan4j.ops.Tensors;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class AdamTest {
    @Test
    void lazyRegularizationCorrection() {
        Adam.Settings s = new Adam.Settings(0.0025, 0, 0.99, 1e-8).lazy(16);
        double c = 16.0 / 17.0;
        assertEquals(0.0025 * c, s.lr(), 1e-15);
        assertEquals(0.0, s.beta1(), 0);
        assertEquals(Math.pow(0.99, c), s.beta2(), 1e-15);
        assertEquals(0.0025, new Adam.Settings(0.0025, 0, 0.99, 1e-8).lazy(0).lr(), 0, "interval 0 = no correction");
    }

    @Test
    void twoStepsMatchTheAdamFormula() {
        TestSupport.cpu();
        Tensor p = Tensors.fromFloats(new float[] {1.0f, -2.0f}, 2).requires_grad_(true);
        Adam opt = new Adam(Map.of("p", p), new Adam.Settings(0.1, 0.5, 0.9, 1e-8));
        double[] x = {1.0, -2.0}, m = new double[2], v = new double[2];
        for (int step = 1; step <= 2; step++) {
            opt.zeroGrad();
            p.square().sum().mul(Tensors.scalar(step)).backward(); // grad = 2 * step * p
            opt.step();
            for (int i = 0; i < 2; i++) {
                double g = 2 * step * x[i];
                m[i] = 0.5 * m[i] + 0.5 * g;
                v[i] = 0.9 * v[i] + 0.1 * g * g;
                double mh = m[i] / (1 - Math.pow(0.5, step)), vh = v[i] / (1 - Math.pow(0.9, step));
                x[i] -= 0.1 * mh / (Math.sqrt(vh) + 1e-8);
            }
        }
        float[] got = Tensors.toFloats(p);
        assertEquals(x[0], got[0], 1e-6);
        assertEquals(x[1], got[1], 1e-6);
        assertEquals(2, opt.stepCount());
    }
}

package io.stylegan4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stylegan4j.TestSupport;
import io.stylegan4j.model.Generator;
import io.stylegan4j.ops.Tensors;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class EmaTest {
    @Test
    void betaFollowsTheHalfLifeAndRampUp() {
        // Half-life 10 kimg at batch 32 without ramp-up: beta = 0.5^(32/10000).
        assertEquals(Math.pow(0.5, 32 / 10000.0), Ema.beta(32, 10, null, 1_000_000), 1e-15);
        // Ramp-up 0.05 at 20k images caps the half-life at 1000 images.
        assertEquals(Math.pow(0.5, 32 / 1000.0), Ema.beta(32, 10, 0.05, 20_000), 1e-15);
        // At the very start the cap is 0 images: the average simply follows G.
        assertEquals(0.0, Ema.beta(32, 10, 0.05, 0), 1e-300);
    }

    @Test
    void updateIsALerpOfParametersAndACopyOfBuffers() {
        var dev = TestSupport.cpu();
        Generator g = new Generator(TinyRun.options(1, 1).g(), dev);
        Generator ema = new Generator(TinyRun.options(1, 1).g(), dev);
        try (NoGradGuard ng = new NoGradGuard()) {
            g.mapping.wAvg().fill_(Tensors.scalar(3));
        }
        Tensor pg = g.parameters().get("mapping.fc0.weight"), pe = ema.parameters().get("mapping.fc0.weight");
        float[] a = Tensors.toFloats(pg), b = Tensors.toFloats(pe);
        Ema.update(ema, g, 0.25);
        float[] c = Tensors.toFloats(pe);
        for (int i = 0; i < a.length; i++) {
            double want = a[i] + 0.25 * (b[i] - a[i]); // weights are stored at 1/lr_mul scale (~100): relative bound
            assertEquals(want, c[i], 1e-6 * Math.max(1, Math.abs(want)));
        }
        assertEquals(3.0f, Tensors.toFloats(ema.mapping.wAvg())[0], 0);
    }
}

package io.stylegan4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.bench.Precision;
import io.stylegan4j.model.Truncation;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.ops.ConvForm;
import io.stylegan4j.ops.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** A generator cast to bf16 draws the same images as in f32, to bf16 rounding, in every formulation. */
class Bf16SynthesisTest {
    private static final GeneratorConfig SMALL = GeneratorConfig.of(32, 3).withChannels(1024, 512);

    @Test
    void bf16ImagesMatchF32() {
        Device cpu = TestSupport.cpu();
        torch.manual_seed(3);
        Generator g32 = new Generator(SMALL, cpu);
        g32.train(false);
        Generator g16 = new Generator(SMALL, cpu);
        g16.train(false);
        g16.copyFrom(g32);
        g16.synthesis.to(ScalarType.BFloat16);
        assertEquals(ScalarType.BFloat16, g16.synthesis.dtype());
        assertEquals(ScalarType.Float, g16.mapping.dtype());
        try (NoGradGuard ng = new NoGradGuard()) {
            Tensor ws = g32.ws(torch.randn(new long[] {4, SMALL.zDim()}, Tensors.options(cpu)), null, Truncation.NONE);
            Tensor ref = g32.synthesize(ws, Noise.CONST, ConvForm.GROUPED);
            // The automatic per-layer choice computes the same function as the forced formulations.
            Tensor auto32 = g32.synthesize(ws, Noise.CONST, ConvForm.AUTO);
            assertTrue(Precision.psnr(auto32, ref) > 90, "f32 auto vs grouped: " + Precision.psnr(auto32, ref));
            for (ConvForm form : ConvForm.values()) {
                Tensor img = g16.synthesize(ws, Noise.CONST, form);
                assertEquals(ScalarType.Float, img.scalar_type().intern(), "images come back as f32");
                double psnr = Precision.psnr(img, ref);
                // bf16 keeps 8 significant bits (relative rounding 2^-9); measured 39 dB here (34 dB unclamped:
                // these random-weight images have std 2, so the same relative error is larger in absolute terms).
                assertTrue(psnr > 36, "bf16 (" + form + ") PSNR " + psnr + " dB");
            }
            // Random noise is drawn in the activations' dtype, so it does not promote them back to f32.
            assertEquals(ScalarType.Float, g16.synthesize(ws, Noise.RANDOM).scalar_type().intern());
        }
    }
}

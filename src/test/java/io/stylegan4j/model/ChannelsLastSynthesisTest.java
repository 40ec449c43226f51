package io.stylegan4j.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
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

/** Channels-last (NHWC) inference computes the same images as NCHW; auto mode keeps training NCHW. */
class ChannelsLastSynthesisTest {
    private static final GeneratorConfig SMALL = GeneratorConfig.of(32, 3).withChannels(1024, 512);

    @Test
    void nhwcInferenceMatchesNchw() {
        Device cpu = TestSupport.cpu();
        torch.manual_seed(5);
        Generator g = new Generator(SMALL, cpu);
        g.train(false);
        try (NoGradGuard ng = new NoGradGuard()) {
            Tensor ws = g.ws(torch.randn(new long[] {3, SMALL.zDim()}, Tensors.options(cpu)), null, Truncation.NONE);
            for (ScalarType dt : new ScalarType[] {ScalarType.Float, ScalarType.BFloat16}) {
                if (dt == ScalarType.BFloat16) g.synthesis.to(dt);
                for (ConvForm form : ConvForm.values()) {
                    g.synthesis.setChannelsLast(false);
                    Tensor nchw = g.synthesize(ws, Noise.CONST, form);
                    g.synthesis.setChannelsLast(true);
                    assertTrue(g.synthesis.channelsLastActive());
                    Tensor nhwc = g.synthesize(ws, Noise.CONST, form);
                    assertTrue(nhwc.is_contiguous(), "the image comes back NCHW-contiguous");
                    double maxAbs = Tensors.item(nhwc.sub(nchw).abs().max());
                    double scale = Tensors.item(nchw.abs().max());
                    // f32: different summation order in oneDNN's blocked kernels only; bf16: plus rounding of
                    // intermediates at different points (one bf16 ulp is 2^-8 relative).
                    double tol = dt == ScalarType.Float ? 1e-4 : 3e-2;
                    assertTrue(maxAbs <= tol * scale, dt + " " + form + ": max |NHWC - NCHW| " + maxAbs + " of " + scale);
                }
            }
            g.synthesis.setChannelsLast(null);
            assertTrue(g.synthesis.channelsLastActive(), "auto: inference runs NHWC");
        }
        assertFalse(g.synthesis.channelsLastActive(), "auto: not with autograd on");
        g.train(true);
        try (NoGradGuard ng = new NoGradGuard()) {
            assertFalse(g.synthesis.channelsLastActive(), "auto: not in training mode");
            g.synthesis.setChannelsLast(true);
            assertTrue(g.synthesis.channelsLastActive(), "forced: training too");
        }
    }
}

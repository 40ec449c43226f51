package io.stylegan4j.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.metrics.Detector;
import io.stylegan4j.model.Generator;
import io.stylegan4j.model.GeneratorConfig;
import io.stylegan4j.ops.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/**
 * An image made from a known w projects back onto it: a 16 px generator (random weights, so the image is a
 * smooth function of w), LPIPS through the metrics fixtures' VGG16 stand-in, the official schedule over 100 steps
 * (it reaches 35.5 dB and a w error of 0.026 w_std; 200 steps reach 68 dB and 0.0013).
 */
class ProjectorTest {
    private static final Device CPU = TestSupport.cpu();

    @Test
    void recoversAKnownW() {
        torch.manual_seed(1);
        GeneratorConfig cfg = GeneratorConfig.of(16, 3).withLatent(16, 16).withMappingLayers(2).withChannels(128, 16);
        Generator g = new Generator(cfg, CPU);
        g.train(false);
        StyleGan2Projectable p = new StyleGan2Projectable(g, null, CPU);
        WStats stats = WStats.estimate(p, 1000);
        Tensor wKnown, target;
        try (NoGradGuard ng = new NoGradGuard()) {
            wKnown = p.mapping(torch.randn(new long[] {1, 16}));
            target = Projector.toPixels(p.synthesis(wKnown.unsqueeze(1).repeat(1, cfg.numWs(), 1), null)).squeeze(0);
        }
        int[] steps = {0};
        try (Lpips d = new Lpips(Detector.load(TestSupport.fixture("metrics").resolve("vgg16-standin.pt"), CPU))) {
            Projector.Result r = Projector.project(p, d, target, ProjectionConfig.official().withNumSteps(100), stats, s -> steps[0]++);
            assertEquals(100, steps[0]);
            assertEquals(100, r.ws().size());
            Tensor w = Tensors.fromFloats(r.finalW(), new long[] {1, cfg.numWs(), 16});
            Tensor img;
            try (NoGradGuard ng = new NoGradGuard()) {
                img = Projector.toPixels(p.synthesis(w, null)).squeeze(0);
            }
            double psnr = 10 * Math.log10(255.0 * 255.0 / Tensors.item(img.sub(target).square().mean()));
            double wError = Tensors.item(w.select(1, 0).sub(wKnown).norm()) / stats.wStd();
            System.out.printf("ProjectorTest: PSNR %.2f dB, |w - w_known| = %.4f w_std, lpips %.5f%n", psnr, wError, r.distance());
            assertTrue(psnr >= 30, "PSNR " + psnr);
            assertTrue(wError < 0.1, "w error " + wError + " w_std");
            // the same w broadcast to every layer, as officially without --w-plus
            float[] f = r.finalW();
            for (int l = 1; l < cfg.numWs(); l++) for (int j = 0; j < 16; j++) assertEquals(f[j], f[l * 16 + j], 0);
        }
    }
}

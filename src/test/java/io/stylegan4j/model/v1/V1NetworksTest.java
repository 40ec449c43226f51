package io.stylegan4j.model.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.checkpoint.ModelFile;
import io.stylegan4j.checkpoint.OfficialV1Import;
import io.stylegan4j.checkpoint.V1ModelFile;
import io.stylegan4j.nn.FusedScale;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.nn.WScaleConv2d;
import io.stylegan4j.ops.Resize;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.train.progressive.ProgressiveStep;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The v1 building blocks: fused resampling convs equal the plain ones, lod fades continuously, files round-trip. */
class V1NetworksTest {
    private static double maxAbs(Tensor a, Tensor b) {
        return Tensors.item(a.sub(b).abs().max());
    }

    @Test
    void fusedResamplingConvsEqualThePlainOnes() {
        Device d = TestSupport.cpu();
        torch.manual_seed(1);
        WScaleConv2d conv = new WScaleConv2d(5, 7, 3, Math.sqrt(2), true, d);
        Tensor x = torch.randn(new long[] {2, 5, 6, 6});
        Tensor up = conv.upConv(x, false);
        assertEquals(12, up.size(2));
        assertTrue(maxAbs(conv.upConv(x, true), up) > 0.1, "the official fused op is not the plain one with the same kernel...");
        WScaleConv2d flipped = new WScaleConv2d(5, 7, 3, Math.sqrt(2), true, d);
        flipped.load(Map.of("weight", conv.parameters().get("weight").flip(2, 3), "bias", conv.parameters().get("bias")), "test");
        assertTrue(maxAbs(conv.upConv(x, true), flipped.upConv(x, false)) < 1e-5, "...but nearest x2 then the flipped kernel");
        Tensor down = conv.convDown(x, false);
        assertEquals(3, down.size(2));
        assertTrue(maxAbs(conv.convDown(x, true), down) < 1e-5, "fused downsampling conv (stride 2, 4x4 kernel) = conv then 2x2 average");
    }

    @Test
    void fusedAndPlainNetworksAgree() {
        Device d = TestSupport.cpu();
        OfficialV1Import.Result r = OfficialV1Import.load(TestSupport.fixture("sg1-32"), d);
        StyleGenerator plain = (StyleGenerator) r.g();
        StyleGenerator fused = new StyleGenerator(plain.cfg.withFusedScale(FusedScale.ON), d);
        Map<String, Tensor> w = new java.util.HashMap<>(plain.stateDict());
        w.replaceAll((k, v) -> k.endsWith("Conv0_up/weight") ? v.flip(2, 3) : v);
        fused.load(w, "flipped upsampling kernels");
        Tensor ws = plain.mapToWs(torch.randn(new long[] {2, 32}));
        assertTrue(maxAbs(fused.synthesize(ws, 0, Noise.CONST, null), plain.synthesize(ws, 0, Noise.CONST, null)) < 1e-4);
        ProgressiveDiscriminator fd = new ProgressiveDiscriminator(r.d().cfg.withFusedScale(FusedScale.ON), d);
        fd.copyFrom(r.d());
        Tensor img = torch.randn(new long[] {4, 3, 32, 32});
        assertTrue(maxAbs(fd.forward(img, 0.3), r.d().forward(img, 0.3)) < 1e-4);
    }

    @Test
    void lodFadesContinuouslyAcrossLevels() {
        Device d = TestSupport.cpu();
        OfficialV1Import.Result r = OfficialV1Import.load(TestSupport.fixture("sg1-32"), d);
        StyleGenerator g = (StyleGenerator) r.g();
        Tensor ws = g.mapToWs(torch.randn(new long[] {2, 32}));
        Tensor img = torch.randn(new long[] {4, 3, 32, 32});
        for (double lod : new double[] {1, 2}) {
            // Just below an integer lod the blend is almost entirely the lower resolution, which is what lod k shows.
            assertTrue(maxAbs(g.synthesize(ws, lod - 1e-6, Noise.CONST, null), g.synthesize(ws, lod, Noise.CONST, null)) < 1e-4, "G at " + lod);
            assertTrue(maxAbs(r.d().forward(img, lod - 1e-6), r.d().forward(img, lod)) < 1e-4, "D at " + lod);
        }
        // G's top lod is its 4x4 stage reached by a full blend; D's the 4x4 FromRGB alone.
        assertTrue(maxAbs(g.synthesize(ws, 3, Noise.CONST, null), g.synthesize(ws, 3 - 1e-6, Noise.CONST, null)) < 1e-4);
        assertThrows(IllegalArgumentException.class, () -> g.synthesize(ws, 3.01, Noise.CONST, null));
        // The reals seen at lod 1 are the 16x16 averages, shown as 2x2 blocks.
        Tensor x = torch.randn(new long[] {2, 3, 8, 8});
        assertTrue(maxAbs(ProgressiveStep.processReals(x, 1), Resize.nearestUp(Resize.averageDown(x, 2), 2)) == 0);
        assertTrue(maxAbs(ProgressiveStep.processReals(x, 0), x) == 0);
    }

    @Test
    void modelFilesRoundTrip(@TempDir Path tmp) {
        Device d = TestSupport.cpu();
        OfficialV1Import.Result r = OfficialV1Import.load(TestSupport.fixture("sg1-32"), d);
        r.g().setLod(0.25);
        Path f = tmp.resolve("m.safetensors");
        V1ModelFile.write(f, r.g(), null, r.d(), ModelFile.Provenance.now("x", null, 7, Map.of()), Map.of(), w -> { });
        assertEquals("stylegan1", ModelFile.family(f));
        ProgressiveGenerator back = V1ModelFile.loadGenerator(f, d);
        assertEquals(0.25, back.lod(), 0);
        Tensor z = torch.randn(new long[] {2, 32});
        assertEquals(0, maxAbs(back.sample(z, 0.25), r.g().sample(z, 0.25)));
        assertEquals(r.d().parameterCount(), V1ModelFile.loadDiscriminator(f, d).parameterCount());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.loadGenerator(f, d));
        assertTrue(e.getMessage().contains("stylegan1 model"), e.getMessage());
    }
}

package io.stylegan4j.projection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.io.SafeTensors;
import io.stylegan4j.metrics.Detector;
import io.stylegan4j.metrics.DetectorFiles;
import io.stylegan4j.metrics.MetricException;
import io.stylegan4j.ops.Tensors;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

/**
 * LPIPS as the projector computes it equals the official {@code vgg16(img, resize_images=False, return_lpips=True)}
 * outputs pinned in shared/fixtures/metrics/detectors.safetensors, and its distance is the squared difference of
 * those vectors (the stand-in's return_lpips semantics).
 */
class LpipsTest {
    private static final Device CPU = TestSupport.cpu();
    private static final Path DIR = TestSupport.fixture("metrics");

    private static Tensor tensor(SafeTensors st, String name) {
        SafeTensors.Entry e = st.get(name);
        return Tensors.fromFloats(e.toFloatArray(), e.shape());
    }

    @Test
    void embeddingAndDistanceEqualTheOfficialProbes() {
        SafeTensors st = SafeTensors.read(DIR.resolve("detectors.safetensors"));
        try (Lpips lpips = Lpips.open(new DetectorFiles(DIR, Map.of(DetectorFiles.Kind.VGG16, DIR.resolve("vgg16-standin.pt"))), CPU)) {
            for (String size : new String[] {"32", "16"}) {
                Tensor probe = tensor(st, "probe_f32_" + size);
                float[] want = st.get("vgg16/lpips_noresize_f32_" + size).toFloatArray();
                float[] got = Tensors.toFloats(lpips.embed(probe));
                assertEquals(want.length, got.length);
                double max = 0, worst = 0;
                for (int i = 0; i < want.length; i++) {
                    max = Math.max(max, Math.abs(want[i]));
                    worst = Math.max(worst, Math.abs(want[i] - got[i]));
                }
                assertTrue(worst <= 1e-5 * max, size + " px: worst difference " + worst + " of " + max);
                long n = probe.size(0), d = want.length / n;
                double expected = 0;
                for (int j = 0; j < d; j++) expected += Math.pow((double) want[j] - want[(int) d + j], 2);
                double dist = Projector.distance(lpips, probe.select(0, 0), probe.select(0, 1));
                assertEquals(expected, dist, 1e-5 * expected, size + " px distance of probes 0 and 1");
            }
        }
    }

    @Test
    void grayImagesAreSeenAsThreeEqualChannels() {
        SafeTensors st = SafeTensors.read(DIR.resolve("detectors.safetensors"));
        try (Lpips lpips = new Lpips(Detector.load(DIR.resolve("vgg16-standin.pt"), CPU))) {
            Tensor gray = tensor(st, "probe_f32_16").narrow(1, 0, 1);
            assertArrayEquals(Tensors.toFloats(lpips.embed(gray.repeat(1, 3, 1, 1))), Tensors.toFloats(lpips.embed(gray)));
        }
    }

    @Test
    void aMissingDetectorNamesTheFileAndTheUrl() {
        MetricException e = assertThrows(MetricException.class,
                () -> Lpips.open(new DetectorFiles(DIR, Map.of(DetectorFiles.Kind.VGG16, DIR.resolve("no-such-vgg16.pt"))), CPU));
        assertTrue(e.getMessage().contains("no-such-vgg16.pt") && e.getMessage().contains(DetectorFiles.Kind.VGG16.url()), e.getMessage());
        e = assertThrows(MetricException.class, () -> Lpips.open(new DetectorFiles(DIR.resolve("nowhere"), Map.of()), CPU));
        assertTrue(e.getMessage().contains("vgg16.pt") && e.getMessage().contains("nowhere") && e.getMessage().contains("--detector-dir"),
                e.getMessage());
    }
}

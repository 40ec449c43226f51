package io.stylegan4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stylegan4j.TestSupport;
import io.stylegan4j.data.Dataset;
import io.stylegan4j.data.Datasets;
import io.stylegan4j.io.ImageFiles;
import io.stylegan4j.io.SafeTensors;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Class histogram and precision/recall in the FID detector's space, on the real digits of mnist-cnn's probe file. */
class ModeCoverageTest {
    static final Path DETECTORS = TestSupport.shared().resolve("detectors");

    @Test
    void histogramIsRelativeToUniform() {
        Map<String, Double> h = ModeCoverage.histogram("c", new long[] {10, 30, 0, 40});
        assertEquals(0.5, h.get("c_c0"), 1e-12);
        assertEquals(1.5, h.get("c_c1"), 1e-12);
        assertEquals(0.0, h.get("c_min"), 0.0);
        assertEquals(2.0, h.get("c_max"), 1e-12);
        assertEquals(List.of(1L, 2L), java.util.Arrays.stream(ModeCoverage.argmaxCounts(new float[] {0.1f, 0.9f, 0.8f, 0.2f, 0.3f, 0.7f}, 2)).boxed().toList());
    }

    /** The 16 probe digits as a folder: the predicted classes are the argmax of the official probabilities, and a set against itself has precision = recall = 1. */
    @Test
    void probeDigitsAgainstThemselves(@TempDir Path dir) throws Exception {
        SafeTensors probe = SafeTensors.read(DETECTORS.resolve("mnist-cnn-probe.safetensors"));
        ByteBuffer px = probe.get("digits_u8_1ch").raw();
        Path folder = dir.resolve("digits");
        Files.createDirectories(folder);
        for (int i = 0; i < 16; i++) {
            byte[] img = new byte[32 * 32];
            px.get(i * img.length, img);
            ImageFiles.writePng(folder.resolve(String.format("%02d.png", i)), img, 1, 32, 32);
        }
        float[] probs = probe.get("probs_1ch").toFloatArray();
        long[] expected = ModeCoverage.argmaxCounts(probs, 10);
        MetricOptions opts = MetricOptions.defaults(TestSupport.cpu()).withCacheDir(null).withProgress(false)
                .withDetectors(new DetectorFiles(DETECTORS, Map.of(DetectorFiles.Kind.INCEPTION, DETECTORS.resolve("mnist-cnn.pt"))));
        List<Map<String, Object>> records = new ArrayList<>();
        try (PointerScope ignored = new PointerScope();
             Dataset reals = Datasets.open(folder.toString()); Dataset fakes = Datasets.open(folder.toString());
             MetricRun run = MetricRun.forFolders(fakes, reals, opts)) {
            Metrics.evaluate(run, List.of("classes", "pr_incep"), null, records::add);
        }
        @SuppressWarnings("unchecked") Map<String, Double> classes = (Map<String, Double>) records.get(0).get("results");
        for (int k = 0; k < 10; k++) assertEquals(expected[k] * 10 / 16.0, classes.get("classes_c" + k), 1e-12, "class " + k);
        @SuppressWarnings("unchecked") Map<String, Double> pr = (Map<String, Double>) records.get(1).get("results");
        assertEquals(1.0, pr.get("pr_incep_precision"), 0.0);
        assertEquals(1.0, pr.get("pr_incep_recall"), 0.0);
    }
}

package io.stylegan4j.train.progressive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.checkpoint.V1ModelFile;
import io.stylegan4j.data.ProceduralDataset;
import io.stylegan4j.io.JsonLines;
import io.stylegan4j.model.v1.ProgressiveDiscriminatorConfig;
import io.stylegan4j.model.v1.StyleGeneratorConfig;
import io.stylegan4j.train.Checkpoint;
import io.stylegan4j.train.LossConfig;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progressive growing end to end on a 16 px StyleGAN: 4x4 -> 8x8 -> 16x16 with two fade-ins in 80 images, and a
 * run stopped in the middle of the second fade-in (lod 0.5) that resumes exactly: same losses, step for step.
 */
class ProgressiveTrainingTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    /** 8 images per phase, 16 per fade-in, minibatch 4, the schedule re-evaluated every minibatch. */
    static ProgressiveOptions tiny(LossConfig.Kind kind) {
        StyleGeneratorConfig g = StyleGeneratorConfig.paper(16, 3).withLatent(16, 16, 16).withFmaps(128, 16);
        ProgressiveDiscriminatorConfig d = ProgressiveDiscriminatorConfig.dBasic(16, 3).withFmaps(128, 16);
        LossConfig loss = new LossConfig(kind, 10, 0, 0, 0.01, 2, 0, 0, 10, 1, 0.001);
        ProgressiveSchedule s = new ProgressiveSchedule(4, 0.008, 0.016, 4, Map.of(), 0.002, Map.of(), 0.002, Map.of(), 0.008, Map.of());
        return new ProgressiveOptions("tiny", "builtin:16", g, null, d, loss, 0, 0.99, 1e-8, s, 1, true, 0.1, 0.056, 1, 10, true, 3);
    }

    @Test
    void resumesExactlyInTheMiddleOfAFadeIn(@TempDir Path tmp) throws Exception {
        var dev = TestSupport.cpu();
        ProgressiveOptions o = tiny(LossConfig.Kind.NS_R1);
        Map<Long, Map<String, Double>> straight = new TreeMap<>();
        new ProgressiveLoop(o, tmp.resolve("a"), new ProceduralDataset(16, 64, 0), dev, QUIET).listener(straight::put).run(null);
        assertEquals(14, straight.size());

        // Stopped at 40 images, in the middle of the 8x8 -> 16x16 fade-in (images 32..48): its last step ran at lod
        // 0.75, the next one runs at 0.5.
        new ProgressiveLoop(o.withKimg(0.04), tmp.resolve("b"), new ProceduralDataset(16, 64, 0), dev, QUIET).run(null);
        Path snap = Checkpoint.latest(tmp.resolve("b"));
        assertNotNull(snap);
        assertEquals(0.75, V1ModelFile.loadGenerator(snap, dev).lod(), 1e-9, "the snapshot's G_ema holds the lod it trained at");
        Map<Long, Map<String, Double>> resumed = new TreeMap<>();
        new ProgressiveLoop(o, tmp.resolve("b"), new ProceduralDataset(16, 64, 0), dev, QUIET).listener(resumed::put).run(snap);
        assertEquals(4, resumed.size(), "steps 10..13 rerun after the snapshot");
        for (Map.Entry<Long, Map<String, Double>> e : resumed.entrySet()) {
            Map<String, Double> want = straight.get(e.getKey());
            assertEquals(want.keySet(), e.getValue().keySet());
            for (String k : want.keySet()) assertEquals(want.get(k), e.getValue().get(k), 0.0, k + " at step " + e.getKey());
        }
        assertEquals(0.5, resumed.get(10L).get("Progress/lod"), 1e-12);

        // Every stage of the growth is in stats.jsonl (one record per 8 images: the lod of its last step): 4x4 (lod 2),
        // the 8x8 fade-in, 8x8 (lod 1), the 16x16 fade-in, 16x16 (lod 0).
        List<Map<String, Object>> stats = JsonLines.read(tmp.resolve("a").resolve("stats.jsonl"));
        double[] lods = stats.stream().mapToDouble(r -> ((Number) r.get("lod")).doubleValue()).toArray();
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {2, 1.75, 1.25, 1, 0.75, 0.25, 0}, lods, 1e-12);
        for (String f : List.of("training_options.json", "reals.png", "fakes_init.png", "curves.png", "fakes000000.png"))
            assertTrue(Files.exists(tmp.resolve("a").resolve(f)), f);
    }

    /** --minutes on a progressive run: a deadline already past ends it after one step, with a snapshot there. */
    @Test
    void deadlineStopsAtTheFirstStepPastIt(@TempDir Path tmp) {
        Map<Long, Map<String, Double>> steps = new TreeMap<>();
        Path last = new ProgressiveLoop(tiny(LossConfig.Kind.NS_R1), tmp, new ProceduralDataset(16, 64, 0), TestSupport.cpu(), QUIET)
                .deadline(1e-9).listener(steps::put).run(null);
        assertEquals(1, steps.size(), "one step, then the deadline");
        assertEquals(Checkpoint.fileFor(tmp, 4), last, "a snapshot at the 4 images of that step");
        assertTrue(Files.isRegularFile(last));
    }

    @Test
    void wganGpTrainsProGan(@TempDir Path tmp) {
        var dev = TestSupport.cpu();
        ProgressiveOptions o = V1Presets.resolve("sg1-a", "builtin:16", 16, 3, true);
        ProgressiveOptions small = o.withNetworks(null, new io.stylegan4j.model.v1.ProGanConfig(16, 3, 16, 128, 16, true, true,
                io.stylegan4j.nn.FusedScale.ON), o.d().withFmaps(128, 16)).withSchedule(tiny(LossConfig.Kind.WGAN_GP).schedule()).withKimg(0.016);
        Map<Long, Map<String, Double>> steps = new TreeMap<>();
        new ProgressiveLoop(small, tmp, new ProceduralDataset(16, 64, 0), dev, QUIET).listener(steps::put).run(null);
        assertEquals(4, steps.size(), "one group of the preset's 4 minibatches");
        assertTrue(steps.values().stream().allMatch(s -> s.containsKey("Loss/wgan_gp") && s.containsKey("Loss/epsilon_penalty")));
    }
}

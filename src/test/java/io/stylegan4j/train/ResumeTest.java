package io.stylegan4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.augment.AugmentOptions;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped after its first snapshot and resumed must produce the same losses, step for step, as a run
 * that never stopped: same data order, same latents, same noise, same optimizer state.
 */
class ResumeTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void resumedRunEqualsUninterruptedRun(@TempDir Path tmp) throws Exception {
        resumesExactly(tmp, TinyRun.options(0.096, 0.048)); // 12 steps of 8, a snapshot every 6 steps
    }

    /** The same for a class-conditional model: the labels drawn for G are part of the resumed RNG stream. */
    @Test
    void conditionalRunResumesExactly(@TempDir Path tmp) throws Exception {
        TrainingOptions opts = TinyRun.conditional(TinyRun.options(0.096, 0.048));
        assertTrue(opts.g().cDim() > 1);
        resumesExactly(tmp, opts);
        // reals.png and fakes grids have one row per class: 8 columns of 16 px, one row per class.
        var reals = javax.imageio.ImageIO.read(tmp.resolve("a").resolve("reals.png").toFile());
        var fakes = javax.imageio.ImageIO.read(tmp.resolve("a").resolve("fakes_init.png").toFile());
        assertEquals(opts.g().cDim() * 16, reals.getHeight());
        assertEquals(opts.g().cDim() * 16, fakes.getHeight());
        assertEquals(8 * 16, fakes.getWidth());
    }

    /**
     * Under ADA the augmentation probability is part of the state: fast ADA (p moves by 8 * 4 / 500 = 0.064 every 4
     * steps) from p = 0.5, with the snapshot at step 6, mid-interval, so the partial sign average must survive too.
     * Every loss after the resume depends on p through which images get augmented.
     */
    @Test
    void adaRunResumesExactlyWithItsP(@TempDir Path tmp) throws Exception {
        AugmentOptions ada = new AugmentOptions(AugmentOptions.Mode.ADA, 0.5, 0.6, 4, 0.5, "bgc");
        resumesExactly(tmp, TinyRun.options(0.096, 0.048).withAugment(ada));
        Checkpoint.State a = stateOf(Checkpoint.latest(tmp.resolve("a"))), b = stateOf(Checkpoint.latest(tmp.resolve("b")));
        assertEquals(12, a.batchIndex());
        assertEquals(a.augment(), b.augment(), "p and the partial average after 12 steps");
        float p = a.augment().p();
        assertTrue(Math.abs(p - 0.5f) > 0.06 && Math.abs(p - 0.5f) < 0.2, "p moved by whole ADA steps: " + p);
        float stepsMoved = (p - 0.5f) / 0.064f;
        assertEquals(Math.round(stepsMoved), stepsMoved, 1e-3, "p = 0.5 + k * 0.064");
        assertEquals(p, stateOf(tmp.resolve("a").resolve("network-snapshot-000000.safetensors")).augment().p(), 0f);
    }

    private static Checkpoint.State stateOf(Path snapshot) {
        return Checkpoint.readHeader(snapshot, io.stylegan4j.io.SafeTensors.read(snapshot)).state();
    }

    private static void resumesExactly(Path tmp, TrainingOptions opts) throws Exception {
        var dev = TestSupport.cpu();
        Map<Long, Map<String, Double>> straight = new TreeMap<>();
        new TrainingLoop(opts, tmp.resolve("a"), TinyRun.data(), dev, QUIET).listener((k, s) -> straight.put(k, s)).run(null);
        assertEquals(12, straight.size());

        // The same run "killed" after the first tick: train only to the first snapshot...
        new TrainingLoop(opts.withKimg(0.048), tmp.resolve("b"), TinyRun.data(), dev, QUIET).run(null);
        Path snap = Checkpoint.latest(tmp.resolve("b"));
        assertNotNull(snap);
        Files.writeString(tmp.resolve("b").resolve("network-snapshot-999999.safetensors.tmp"), "partial write"); // ignored
        // ...then resume it in a fresh loop with the full length.
        Map<Long, Map<String, Double>> resumed = new TreeMap<>();
        new TrainingLoop(opts, tmp.resolve("b"), TinyRun.data(), dev, QUIET).listener((k, s) -> resumed.put(k, s)).run(snap);
        assertEquals(6, resumed.size(), "steps 6..11 rerun after the snapshot at step 6");
        for (Map.Entry<Long, Map<String, Double>> e : resumed.entrySet()) {
            Map<String, Double> want = straight.get(e.getKey());
            assertEquals(want.keySet(), e.getValue().keySet(), "same phases at step " + e.getKey());
            for (String k : want.keySet())
                assertEquals(want.get(k), e.getValue().get(k), 0.0, k + " at step " + e.getKey());
        }
        assertTrue(resumed.values().stream().anyMatch(s -> s.containsKey("Loss/r1_penalty")), "R1 ran after the resume");
        assertTrue(resumed.values().stream().anyMatch(s -> s.containsKey("Loss/pl_penalty")), "path length ran after the resume");
    }

    /** --minutes: a deadline that has passed after the first step ends the run there, with a snapshot at that step. */
    @Test
    void deadlineStopsAtTheFirstStepPastItWithASnapshot(@TempDir Path tmp) {
        Map<Long, Map<String, Double>> steps = new TreeMap<>();
        Path last = new TrainingLoop(TinyRun.options(10, 1), tmp, TinyRun.data(), TestSupport.cpu(), QUIET).deadline(1e-9)
                .listener((k, s) -> steps.put(k, s)).run(null);
        assertEquals(1, steps.size(), "one step, then the deadline");
        assertEquals(Checkpoint.fileFor(tmp, 8), last);
        assertTrue(Files.isRegularFile(last));
        assertThrows(IllegalArgumentException.class, () -> new TrainingLoop(TinyRun.options(1, 1), tmp, TinyRun.data(), TestSupport.cpu(), QUIET).deadline(0));
    }

    @Test
    void lazyPhasesRunOnTheirIntervals(@TempDir Path tmp) {
        var dev = TestSupport.cpu();
        Map<Long, Map<String, Double>> steps = new TreeMap<>();
        new TrainingLoop(TinyRun.options(0.064, 0.064), tmp, TinyRun.data(), dev, QUIET).listener((k, s) -> steps.put(k, s)).run(null);
        for (Map.Entry<Long, Map<String, Double>> e : steps.entrySet()) {
            long k = e.getKey();
            assertEquals(k % 4 == 0, e.getValue().containsKey("Loss/r1_penalty"), "R1 every 4 steps, step " + k);
            assertEquals(k % 2 == 0, e.getValue().containsKey("Loss/pl_penalty"), "path length every 2 steps, step " + k);
            assertTrue(e.getValue().containsKey("Loss/G/loss") && e.getValue().containsKey("Loss/D/loss"));
        }
        for (String f : new String[] {"training_options.json", "stats.jsonl", "reals.png", "fakes_init.png", "curves.png",
                "fakes000000.png"})
            assertTrue(Files.exists(tmp.resolve(f)), f);
    }
}

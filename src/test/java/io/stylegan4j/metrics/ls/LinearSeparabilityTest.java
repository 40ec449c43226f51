package io.stylegan4j.metrics.ls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.model.Discriminator;
import io.stylegan4j.model.Generator;
import io.stylegan4j.model.GeneratorConfig;
import io.stylegan4j.ops.Tensors;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

class LinearSeparabilityTest {
    private final Device cpu = TestSupport.cpu();

    @Test
    void keepsTheMostConfidentByAbsoluteLogit() {
        float[] logits = {0.1f, -3f, 2f, -0.5f, 5f, -0.2f, 2f};
        // |l| = 0.1 3 2 0.5 5 0.2 2: 4, 1, then the tie 2 and 6 in index order (the official sort is stable)
        assertArrayEquals(new int[] {4, 1, 2}, LinearSeparability.mostConfident(logits, 3));
        assertArrayEquals(new int[] {4, 1, 2, 6, 3}, LinearSeparability.mostConfident(logits, 5));
        assertArrayEquals(new int[0], LinearSeparability.mostConfident(logits, 0));
        assertThrows(IllegalArgumentException.class, () -> LinearSeparability.mostConfident(logits, 8));
    }

    @Test
    void downsamplesByBoxFilter() {
        float[] px = new float[16];
        for (int i = 0; i < 16; i++) px[i] = i;
        // 4x4 -> 2x2: means of the 2x2 blocks {0,1,4,5}, {2,3,6,7}, {8,9,12,13}, {10,11,14,15}
        float[] out = Tensors.toFloats(LinearSeparability.downsample(Tensors.fromFloats(px, 1, 1, 4, 4), 2));
        assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, out, 0);
    }

    private Generator tinyG(int cDim) {
        torch.manual_seed(3);
        Generator g = new Generator(GeneratorConfig.of(8, 3).withLatent(8, 8).withMappingLayers(2).withChannels(64, 8).withCDim(cDim), cpu);
        g.train(false);
        return g;
    }

    private AttributeClassifier tinyClassifier(String name) {
        torch.manual_seed(name.hashCode());
        ClassifierConfig cfg = ClassifierConfig.of(8, 3).withChannels(32, 8);
        return new AttributeClassifier(name, "test", new Discriminator(cfg.discriminator(), cpu), null);
    }

    @Test
    void scoresTwoSpacesDeterministically() {
        try (Generator g = tinyG(0); AttributeClassifier a = tinyClassifier("a"); AttributeClassifier b = tinyClassifier("b")) {
            scoresTwoSpacesDeterministically(g, List.of(a, b));
        }
    }

    private void scoresTwoSpacesDeterministically(Generator g, List<AttributeClassifier> clfs) {
        LinearSeparability.Options o = new LinearSeparability.Options(64, 16, 5);
        long[] seen = {0};
        LinearSeparability.Result r = LinearSeparability.compute(g, clfs, o, cpu, n -> seen[0] = n);
        assertEquals(64, seen[0]);
        assertEquals(32, r.numKept());
        assertEquals(2, r.attributes().size());
        double sumZ = 0, sumW = 0;
        for (LinearSeparability.AttributeResult a : r.attributes()) {
            assertTrue(a.entropyZ() >= 0 && a.entropyZ() <= 1 && a.entropyW() >= 0 && a.entropyW() <= 1, a.toString());
            sumZ += a.entropyZ();
            sumW += a.entropyW();
        }
        assertEquals(Math.pow(2, sumZ), r.z(), 1e-12);
        assertEquals(Math.pow(2, sumW), r.w(), 1e-12);
        assertEquals(r.w() < r.z() ? "w" : r.z() < r.w() ? "z" : "equal", r.moreSeparable());
        LinearSeparability.Result again = LinearSeparability.compute(g, clfs, o, cpu, n -> { });
        assertEquals(r, again, "same seed, same numbers");
    }

    @Test
    void refusesTooFewSamplesAndConditionalGenerators() {
        try (AttributeClassifier a = tinyClassifier("a"); Generator g = tinyG(0); Generator conditional = tinyG(4)) {
            refuses(List.of(a), g, conditional);
        }
    }

    private void refuses(List<AttributeClassifier> clfs, Generator g, Generator conditional) {
        // 8-d latents: the kept half must exceed 9 points, so N >= 2 * (8 + 2) = 20
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearSeparability.compute(g, clfs, new LinearSeparability.Options(19, 8, 0), cpu, n -> { }));
        assertTrue(e.getMessage().contains("use --num 20 or more"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LinearSeparability.compute(conditional, clfs, new LinearSeparability.Options(64, 8, 0), cpu, n -> { }));
        assertTrue(e.getMessage().contains("class-conditional"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LinearSeparability.compute(g, List.of(), new LinearSeparability.Options(64, 8, 0), cpu, n -> { }));
        assertTrue(e.getMessage().contains("train-classifier"), e.getMessage());
    }
}

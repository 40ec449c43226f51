package io.stylegan4j.metrics.ls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.data.ProceduralDataset;
import io.stylegan4j.model.Discriminator;
import io.stylegan4j.model.Generator;
import io.stylegan4j.model.GeneratorConfig;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

class ShapeKindsTest {
    private final Device cpu = TestSupport.cpu();

    @Test
    void eachImageTakesTheKindWithTheLargestLogit() {
        float[][] logits = {{0.5f, -1f, 2f, 0f}, {0.1f, 3f, 2f, 0f}, {-2f, -1f, 1f, 0f}, {0.2f, 0f, 2f, -5f}};
        // logits[kind][image]. Image 0: circle's 0.5 is largest; 1: square's 3; 2: 2, 2, 1, 2, a tie the lower kind
        // (circle) wins; 3: 0, 0, 0, -5, circle again.
        assertArrayEquals(new int[] {0, 1, 0, 0}, ShapeKinds.argmax(logits));
    }

    @Test
    void tallyGivesCountsAndTheAccuracy() {
        ShapeKinds.Result r = ShapeKinds.tally(new int[] {0, 0, 1, 3, 3, 3, 3, 2}, new int[] {0, 1, 1, 3, 2, 3, 0, 2});
        assertArrayEquals(new long[] {2, 1, 1, 4}, r.counts()); // shares 1.0, 0.5, 0.5, 2.0 of uniform
        assertEquals(5 / 8.0, r.accuracy(), 1e-12); // images 0, 2, 3, 5, 7
        assertTrue(Double.isNaN(ShapeKinds.tally(new int[] {1, 2}, null).accuracy()), "an unconditional G has no accuracy");
    }

    private AttributeClassifier classifier(String name, int seed) {
        torch.manual_seed(seed);
        ClassifierConfig cfg = ClassifierConfig.of(8, 3).withChannels(32, 8);
        return new AttributeClassifier(name, "test", new Discriminator(cfg.discriminator(), cpu), null);
    }

    @Test
    void selectsTheFourKindsInClassOrderAndNamesAMissingOne() {
        List<AttributeClassifier> all = List.of(classifier("star", 1), classifier("dot", 2), classifier("circle", 3),
                classifier("triangle", 4), classifier("square", 5));
        assertEquals(List.of("circle", "square", "triangle", "star"), ShapeKinds.select(all).stream().map(c -> c.name).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShapeKinds.select(all.subList(0, 3)));
        assertTrue(e.getMessage().contains("'square' is not among [star, dot, circle]"), e.getMessage());
        all.forEach(AttributeClassifier::close);
    }

    /** Four copies of one classifier tie on every image, so every image is a circle: the accuracy is then the share of circles asked for. */
    @Test
    void accuracyComparesWithTheClassAskedForAndTheRealLabels() {
        AttributeClassifier same = classifier("circle", 7);
        List<AttributeClassifier> kinds = List.of(same, same, same, same);
        torch.manual_seed(3);
        Generator g = new Generator(GeneratorConfig.of(8, 3).withLatent(8, 8).withMappingLayers(2).withChannels(64, 8).withCDim(4), cpu);
        ShapeKinds.Result fake = ShapeKinds.ofGenerator(g, kinds, 40, 16, 0, cpu, n -> {});
        assertEquals(40, fake.images());
        assertEquals(0.25, fake.accuracy(), 1e-12, "classes 0..3 asked in turn, circle seen every time");
        assertArrayEquals(new long[] {40, 0, 0, 0}, fake.counts());

        ProceduralDataset reals = new ProceduralDataset(8, 100, 0);
        long circles = java.util.stream.IntStream.range(0, 60).filter(i -> reals.label(i) == 0).count();
        assertEquals(circles / 60.0, ShapeKinds.ofReals(reals, kinds, 60, 16, cpu).accuracy(), 1e-12);

        Generator three = new Generator(GeneratorConfig.of(8, 3).withLatent(8, 8).withMappingLayers(2).withChannels(64, 8).withCDim(3), cpu);
        assertThrows(IllegalArgumentException.class, () -> ShapeKinds.ofGenerator(three, kinds, 8, 8, 0, cpu, n -> {}));
        same.close();
        g.close();
        three.close();
    }

    /** With distinct classifiers the result depends on the seed only: the same seed gives the same kinds. */
    @Test
    void theSameSeedGivesTheSameKinds() {
        List<AttributeClassifier> kinds = List.of(classifier("circle", 1), classifier("square", 2), classifier("triangle", 3), classifier("star", 4));
        torch.manual_seed(5);
        Generator g = new Generator(GeneratorConfig.of(8, 3).withLatent(8, 8).withMappingLayers(2).withChannels(64, 8), cpu);
        ShapeKinds.Result a = ShapeKinds.ofGenerator(g, kinds, 24, 8, 11, cpu, n -> {});
        ShapeKinds.Result b = ShapeKinds.ofGenerator(g, kinds, 24, 8, 11, cpu, n -> {});
        assertArrayEquals(a.counts(), b.counts());
        assertEquals(24, a.images(), "every fake gets one kind");
        assertTrue(Double.isNaN(a.accuracy()));
        kinds.forEach(AttributeClassifier::close);
        g.close();
    }

    /** The shipped 200-kimg classifiers (docs/models/kinds) load and name the kind of the real shapes: 94.2% of 10,000. */
    @Test
    void theShippedClassifiersNameTheRealShapes() {
        List<AttributeClassifier> all = AttributeClassifier.loadAll(java.nio.file.Path.of("docs/models/kinds"), cpu);
        try {
            double acc = ShapeKinds.ofReals(new ProceduralDataset(32, 10_000, 0), ShapeKinds.select(all), 512, 64, cpu).accuracy();
            assertTrue(acc > 0.9, "the shipped classifiers name " + acc + " of 512 real shapes; chance is 0.25, 10,000 gave 0.942");
        } finally {
            all.forEach(AttributeClassifier::close);
        }
    }
}

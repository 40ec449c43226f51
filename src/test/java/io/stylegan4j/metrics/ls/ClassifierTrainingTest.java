package io.stylegan4j.metrics.ls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.checkpoint.ModelFile;
import io.stylegan4j.data.ProceduralDataset;
import io.stylegan4j.ops.Tensors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import io.stylegan4j.ops.StepScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifierTrainingTest {
    private final Device cpu = TestSupport.cpu();

    @TempDir
    Path tmp;

    @Test
    void trainingReducesTheLossAndTheFileRoundTrips() {
        ProceduralDataset data = new ProceduralDataset(8, 400, 0);
        Attribute gradient = Attributes.select(Attributes.of(data), List.of("gradient")).get(0);
        ClassifierConfig cfg = ClassifierConfig.of(8, 3).withChannels(64, 16).withKimg(1.28);
        List<Double> losses = new ArrayList<>();
        ClassifierTraining.Result r = ClassifierTraining.train(data, gradient, cfg, cpu, (images, loss, acc) -> losses.add(loss));
        try (AttributeClassifier trained = r.classifier()) {
            checkTrainedAndRoundTrip(data, r, losses);
        }
    }

    private void checkTrainedAndRoundTrip(ProceduralDataset data, ClassifierTraining.Result r, List<Double> losses) {
        assertEquals(40, losses.size(), "1.28 kimg in batches of 32");
        assertTrue(r.lastLoss() < 0.8 * r.firstLoss(), "loss " + r.firstLoss() + " -> " + r.lastLoss());
        AttributeClassifier.Accuracy acc = r.classifier().heldOut();
        assertEquals(40, acc.images(), "every 10th of 400 held out");
        assertTrue(acc.accuracy() > acc.baseRate(), acc.toString());

        Path f = tmp.resolve(AttributeClassifier.fileName("gradient"));
        r.classifier().save(f, ModelFile.Provenance.now("builtin:8", data.identity(), 1280, Map.of()));
        try (AttributeClassifier back = AttributeClassifier.loadAll(tmp, cpu).get(0)) {
            checkLoaded(r.classifier(), back, acc);
        }
    }

    private static void checkLoaded(AttributeClassifier trained, AttributeClassifier back, AttributeClassifier.Accuracy acc) {
        assertEquals("gradient", back.name);
        assertEquals(acc, back.heldOut());
        assertEquals(8, back.resolution());
        float[] px = new float[2 * 3 * 8 * 8];
        for (int i = 0; i < px.length; i++) px[i] = (float) Math.sin(i);
        try (StepScope step = StepScope.inference()) {
            Tensor x = Tensors.fromFloats(px, 2, 3, 8, 8);
            assertArrayEquals(Tensors.toFloats(trained.logits(x)), Tensors.toFloats(back.logits(x)), 0);
        }
    }

    @Test
    void classifierOutputDoesNotDependOnTheBatch() {
        // no minibatch-stddev layer: an image's logit is its own, whoever shares the batch
        ClassifierConfig cfg = ClassifierConfig.of(8, 3).withChannels(64, 16);
        assertEquals(0, cfg.discriminator().mbstdNumChannels());
        try (AttributeClassifier c = new AttributeClassifier("x", "", new io.stylegan4j.model.Discriminator(cfg.discriminator(), cpu), null)) {
            checkBatchIndependent(c);
        }
    }

    private static void checkBatchIndependent(AttributeClassifier c) {
        float[] px = new float[4 * 3 * 8 * 8];
        for (int i = 0; i < px.length; i++) px[i] = (float) Math.cos(i * 0.37);
        try (StepScope step = StepScope.inference()) {
            float[] four = Tensors.toFloats(c.logits(Tensors.fromFloats(px, 4, 3, 8, 8)));
            float[] one = Tensors.toFloats(c.logits(Tensors.fromFloats(java.util.Arrays.copyOf(px, 3 * 64), 1, 3, 8, 8)));
            assertEquals(four[0], one[0], 1e-5);
        }
    }

    @Test
    void missingOrEmptyClassifierFolder() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AttributeClassifier.loadAll(tmp.resolve("none"), cpu));
        assertTrue(e.getMessage().contains("no such folder"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AttributeClassifier.loadAll(tmp, cpu));
        assertTrue(e.getMessage().contains("no classifier-*.safetensors"), e.getMessage());
    }
}

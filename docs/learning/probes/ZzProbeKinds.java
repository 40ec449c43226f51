package io.stylegan4j.metrics.ls;

import io.stylegan4j.TestSupport;
import io.stylegan4j.data.ProceduralDataset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/learning probe (not part of the suite): train-classifier's classifier (a StyleGAN2 resnet discriminator without
 * minibatch stddev) learning "is this a square?" on the built-in shapes. Run: copy into
 * src/test/java/io/stylegan4j/metrics/ls/ and {@code mvn test -Dtest=ZzProbeKinds -Dprobe.lr=0.002 -Dprobe.kimg=50 -Dprobe.cbase=1024}.
 */
class ZzProbeKinds {
    @Test
    void probe() {
        ProceduralDataset data = new ProceduralDataset(32, 10_000, 0);
        Attribute square = Attributes.select(Attributes.of(data), List.of("square")).get(0);
        double kimg = Double.parseDouble(System.getProperty("probe.kimg", "50")), lr = Double.parseDouble(System.getProperty("probe.lr", "0.002"));
        long t = System.nanoTime();
        ClassifierTraining.Result r = ClassifierTraining.train(data, square, new ClassifierConfig(32, 3, Integer.getInteger("probe.cbase", 1024), 64, kimg, 32, lr, 10, 0), TestSupport.cpu(), (i, l, a) -> {});
        System.out.println("PROBE D-classifier cbase " + Integer.getInteger("probe.cbase", 1024) + " lr " + lr + " " + kimg + " kimg " + r.classifier().heldOut() + " loss " + r.firstLoss() + " -> " + r.lastLoss() + " " + (System.nanoTime() - t) / 1e9 + " s");
    }
}
